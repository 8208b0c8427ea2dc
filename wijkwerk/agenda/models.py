"""The WijkOntwikkelPlan (WOP) and the wijkagenda.

The WOP is a wijk's four-year plan: themes, goals and actions per year. The wijkagenda is the
living action list of a wijk for one year: the WOP actions of that year plus short-term items
from residents, partners, meetings and meldingen. Every proposed item gets an answer — Nu,
Ooit (with conditions and a date for a definite answer) or Nooit (with a motivation) — and the
agenda is vastgesteld at reviews, each of which freezes a snapshot so anyone can later check
whether what was agreed was done ("afspraak is afspraak").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, area_key, municipality_key
from wijkwerk.organisations.models import Organisation


class ThemeKind(models.TextChoices):
    SOCIAL = "sociaal", _("social")
    PHYSICAL = "fysiek", _("physical")


class Theme(models.Model):
    municipality = municipality_key("themes", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=ThemeKind.choices)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="theme_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


PLAN_YEARS = 4


class DevelopmentPlan(models.Model):
    """A WijkOntwikkelPlan: four years, starting in `first_year`."""

    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="plans"
    )
    first_year = models.PositiveSmallIntegerField(_("first year"))
    title = models.CharField(_("title"), max_length=160)
    summary = models.TextField(_("summary"), blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    last_revised_on = models.DateField(_("last yearly update"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("wijk development plan (WOP)")
        verbose_name_plural = _("wijk development plans (WOP)")
        ordering = ["area", "-first_year"]
        constraints = [
            models.UniqueConstraint(fields=["area", "first_year"], name="plan_unique_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.first_year}–{self.last_year})"

    @property
    def last_year(self) -> int:
        return self.first_year + PLAN_YEARS - 1

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def clean(self) -> None:
        if self.area_id and not self.area.is_wijk:
            raise ValidationError({"area": _("A WOP is made for a wijk or village.")})
        if self.first_year and not 2000 <= self.first_year <= 2100:
            raise ValidationError({"first_year": _("Give a year between 2000 and 2100.")})


class Goal(models.Model):
    plan = models.ForeignKey(
        DevelopmentPlan, verbose_name=_("WOP"), on_delete=models.CASCADE, related_name="goals"
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.RESTRICT)
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    indicator = models.CharField(_("how we measure it"), max_length=200, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "theme__name", "id"]

    def __str__(self) -> str:
        return self.title


class PlannedAction(models.Model):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="actions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("probleemeigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("planned action")
        verbose_name_plural = _("planned actions")
        ordering = ["year", "id"]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    def clean(self) -> None:
        if self.goal_id and self.year not in self.goal.plan.years:
            raise ValidationError(
                {
                    "year": _("The year must lie within the WOP period (%(first)s–%(last)s).")
                    % {"first": self.goal.plan.first_year, "last": self.goal.plan.last_year}
                }
            )


class Source(models.TextChoices):
    WOP = "wop", _("WOP")
    RESIDENT = "resident", _("resident")
    PARTNER = "partner", _("partner")
    MEETING = "meeting", _("meeting")
    MELDING = "melding", _("melding")
    SCHOUW = "schouw", _("wijkschouw")


class Verdict(models.TextChoices):
    NU = "nu", _("Now")
    OOIT = "ooit", _("Some day")
    NOOIT = "nooit", _("Never")


class Status(models.TextChoices):
    PROPOSED = "proposed", _("awaiting an answer")
    WAITING = "waiting", _("some day: waiting for conditions")
    PLANNED = "planned", _("agreed")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    REJECTED = "rejected", _("never")
    DROPPED = "dropped", _("dropped")


# The status an answer leads to.
VERDICT_STATUS = {
    Verdict.NU: Status.PLANNED,
    Verdict.OOIT: Status.WAITING,
    Verdict.NOOIT: Status.REJECTED,
}

# Statuses from which an item can be answered (a Some-day item gets its definite answer later).
ANSWERABLE = frozenset({Status.PROPOSED, Status.WAITING})

# Progress transitions after an item is agreed; answers are handled by ANSWERABLE above.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PROPOSED: frozenset(),
    Status.WAITING: frozenset({Status.DROPPED}),
    Status.PLANNED: frozenset({Status.IN_PROGRESS, Status.DONE, Status.DROPPED}),
    Status.IN_PROGRESS: frozenset({Status.PLANNED, Status.DONE, Status.DROPPED}),
    Status.DONE: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset(),
    Status.DROPPED: frozenset(),
}

AGREED = frozenset({Status.PLANNED, Status.IN_PROGRESS, Status.DONE})

# An item in one of these statuses is late once its "ready by" date has passed.
LATE_STATUSES = frozenset({Status.PLANNED, Status.IN_PROGRESS})


class AgendaItemQuerySet(models.QuerySet):
    def awaiting_answer(self) -> "AgendaItemQuerySet":
        return self.filter(status=Status.PROPOSED)

    def agreed(self) -> "AgendaItemQuerySet":
        return self.filter(status__in=AGREED)

    def late(self, today=None) -> "AgendaItemQuerySet":
        """Agreed, not done, and past the date it was to be ready by ("te laat")."""
        today = today or timezone.localdate()
        return self.filter(status__in=LATE_STATUSES, due_date__lt=today)

    def ooit_overdue(self, today=None) -> "AgendaItemQuerySet":
        today = today or timezone.localdate()
        return self.filter(status=Status.WAITING, answer_by__lt=today)


class AgendaItem(models.Model):
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    buurt = area_key(_("buurt"), "+", on_delete=models.SET_NULL, optional=True)
    other_areas = models.ManyToManyField(
        Area,
        verbose_name=_("also concerns"),
        blank=True,
        related_name="+",
        help_text=_("Other wijken or buurten of the same municipality this also concerns."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("what"), max_length=200)
    reason = models.TextField(_("why"), blank=True)
    approach = models.TextField(_("how"), blank=True)
    due_date = models.DateField(_("when (ready by)"), null=True, blank=True)
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("probleemeigenaar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_agenda_items",
    )
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), null=True, blank=True, on_delete=models.SET_NULL
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    # Who brought the item in when it was not a resident: the organisation the proposer acts
    # for (a partner's or the municipality's own idea), shown as its source.
    source_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("brought in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Generic back-reference to where the item came from ("agenda.plannedaction", "42"),
    # so that apps in higher layers can point here without this app importing them.
    origin_kind = models.CharField(_("origin kind"), max_length=60, blank=True)
    origin_id = models.CharField(_("origin id"), max_length=40, blank=True)

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    verdict = models.CharField(_("answer"), max_length=5, choices=Verdict.choices, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    conditions = models.TextField(_("conditions it waits for"), blank=True)
    answer_by = models.DateField(_("definite answer by"), null=True, blank=True)
    # The answer term: the working day by which a proposed idea gets its answer.
    answer_due = models.DateField(_("answer due by"), null=True, blank=True)
    wijktoets = models.TextField(
        _("wijktoets"),
        blank=True,
        help_text=_(
            "The effect of this decision on the wijk: who in the wijk gains or loses, and "
            "what changes in the street."
        ),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_agenda_items",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    # Raised by every change, so that a form read at an older version is refused.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijkagenda item")
        verbose_name_plural = _("wijkagenda items")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["area", "year", "status"]),
            models.Index(fields=["area", "year", "-created_at"]),
            models.Index(fields=["origin_kind", "origin_id"]),
            # The monitor's answers per wijk and year (waiting days).
            models.Index(fields=["area", "answered_at"], name="agenda_item_area_answered"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(verdict="ooit")
                | (models.Q(answer_by__isnull=False) & ~models.Q(conditions="")),
                name="agenda_ooit_needs_conditions_and_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(verdict="nooit") | ~models.Q(motivation=""),
                name="agenda_nooit_needs_motivation",
            ),
        ]
        permissions = []

    def __str__(self) -> str:
        return self.title

    def waiting_days(self, today=None) -> int:
        """Days the resident has waited for an answer (or waited, once answered)."""
        end = self.answered_at or timezone.now()
        return max(
            0, (timezone.localtime(end).date() - timezone.localtime(self.created_at).date()).days
        )

    @property
    def is_open(self) -> bool:
        return self.status in (Status.PROPOSED, Status.WAITING, Status.PLANNED, Status.IN_PROGRESS)

    def is_late(self, today=None) -> bool:
        """Agreed but not done by its "ready by" date ("te laat")."""
        today = today or timezone.localdate()
        return self.status in LATE_STATUSES and self.due_date is not None and self.due_date < today

    @property
    def late(self) -> bool:
        return self.is_late()

    @property
    def source_label(self) -> str:
        """The source as the public sees it: the organisation that brought it in, if any."""
        if self.source_organisation_id:
            return self.source_organisation.display_name
        return str(self.get_source_display())


class AgendaItemUpdate(models.Model):
    """A progress note on an item, optionally with a change of status."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    text = models.TextField(_("progress"))
    status_before = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status_after = models.CharField(max_length=12, choices=Status.choices, blank=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.item}: {self.text[:40]}"


class AgendaReview(models.Model):
    """A vaststelling of the wijkagenda; its snapshot is what was agreed that day."""

    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="agenda_reviews"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=160)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda review")
        verbose_name_plural = _("agenda reviews")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title


class AgendaReviewItem(models.Model):
    """One item as it stood when the agenda was vastgesteld (frozen copy)."""

    review = models.ForeignKey(AgendaReview, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="review_entries")
    title = models.CharField(max_length=200)
    status = models.CharField(max_length=12, choices=Status.choices)
    verdict = models.CharField(max_length=5, choices=Verdict.choices, blank=True)
    due_date = models.DateField(null=True, blank=True)
    answer_by = models.DateField(null=True, blank=True)
    owner_name = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "item"], name="review_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.title}"


# --- settings and reminders --------------------------------------------------------------

DEFAULT_ANSWER_WORKING_DAYS = 15
DEFAULT_REMIND_WORKING_DAYS = 3
REVIEW_STALE_MONTHS = 6


class AgendaSettings(models.Model):
    """A municipality's terms for its wijkagenda: every idea is answered within
    `answer_working_days` working days; a reminder goes out `remind_working_days` before."""

    municipality = models.OneToOneField(
        "areas.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="agenda_settings",
    )
    answer_working_days = models.PositiveSmallIntegerField(
        _("answer term (working days)"), default=DEFAULT_ANSWER_WORKING_DAYS
    )
    remind_working_days = models.PositiveSmallIntegerField(
        _("reminder before the term (working days)"), default=DEFAULT_REMIND_WORKING_DAYS
    )
    escalate_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager of the wijkmanagers"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Receives the escalation when an idea is not answered within its term."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("wijkagenda settings")
        verbose_name_plural = _("wijkagenda settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer_working_days__gt=0),
                name="agenda_answer_term_positive",
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class WijkAgendaSettings(models.Model):
    """Where the municipality grants it, the wijkplatform keeps the wijkagenda of a wijk
    (Den Helder): its chair and members add, edit and answer items."""

    area = models.OneToOneField(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="agenda_settings"
    )
    platform_keeps_agenda = models.BooleanField(
        _("the wijkplatform keeps the wijkagenda"), default=False
    )

    class Meta:
        verbose_name = _("wijkagenda settings of a wijk")
        verbose_name_plural = _("wijkagenda settings of wijken")

    def __str__(self) -> str:
        return str(self.area)


class NoticeKind(models.TextChoices):
    ANSWER_SOON = "answer_soon", _("answer term ends soon")
    ANSWER_OVERDUE = "answer_overdue", _("answer term passed: escalated")
    OOIT_DUE = "ooit_due", _("some-day date reached")
    REVIEW_STALE = "review_stale", _("last vaststelling more than six months ago")


class AgendaNotice(models.Model):
    """A reminder or escalation that went out. Its key is unique, so the daily run sends
    each one once however often it runs."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="notices"
    )
    recipients = models.TextField(_("sent to"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return self.key
