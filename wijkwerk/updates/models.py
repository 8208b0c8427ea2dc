"""The news stream of a wijk and the e-mail subscriptions to it.

A `NewsEntry` is one public thing that happened: an answer on the wijkagenda, a meeting
moved, an initiative awarded. Entries are made from the audit log (`sources.py`), one per
audit event at most (`key`), so rebuilding the stream never duplicates anything. The title
and summary are what people wrote (an item's title, a motivation); the headline around them
is rendered in the reader's language from `kind` and `data`.

A `Subscription` holds an e-mail address for a wijk or one wijkagenda item. It gets mail only
once confirmed (double opt-in); unsubscribing deletes it, address and all. `sent_through_id`
is the last entry id a digest covered, moved forward in the same transaction as the digest is
recorded, so a rerun sends nothing twice.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area, Municipality, area_key, municipality_key


class Kind(models.TextChoices):
    AGENDA_ANSWER = "agenda_answer", _("answer on the wijkagenda")
    AGENDA_PROGRESS = "agenda_progress", _("progress on the wijkagenda")
    AGENDA_DONE = "agenda_done", _("wijkagenda item done")
    AGENDA_REVIEW = "agenda_review", _("wijkagenda reviewed")
    MEETING_PLANNED = "meeting_planned", _("meeting planned")
    MEETING_MOVED = "meeting_moved", _("meeting moved")
    MEETING_CANCELLED = "meeting_cancelled", _("meeting cancelled")
    MEETING_MINUTES = "meeting_minutes", _("minutes published")
    INITIATIVE_AWARDED = "initiative_awarded", _("initiative awarded")
    PB_RESULTS = "pb_results", _("budget round results")
    SURVEY_RESULTS = "survey_results", _("survey results")
    INSPECTION_DONE = "inspection_done", _("wijkschouw finished")


class NewsEntryQuerySet(models.QuerySet):
    def public(self) -> "NewsEntryQuerySet":
        return self.filter(is_public=True)

    def for_wijk(self, area: Area) -> "NewsEntryQuerySet":
        """The wijk's own entries and those of its whole municipality (a burgerpeiling)."""
        return self.filter(
            Q(area=area) | Q(area__isnull=True, municipality_id=area.municipality_id)
        )


class NewsEntry(models.Model):
    municipality = municipality_key("news_entries", on_delete=models.CASCADE)
    area = area_key(
        _("wijk"),
        "news_entries",
        on_delete=models.CASCADE,
        optional=True,
        help_text=_("Empty for news of the whole municipality."),
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    url = models.CharField(_("address"), max_length=300)
    is_public = models.BooleanField(_("public"), default=True)
    occurred_at = models.DateTimeField(_("happened at"))
    # What the entry is about, by kind and id like an agenda item's origin.
    source_kind = models.CharField(_("kind of object"), max_length=100)
    source_id = models.CharField(_("object id"), max_length=64)
    # One entry per event: "audit:<id>". Rebuilding updates the entry under the same key.
    key = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("news entry")
        verbose_name_plural = _("news entries")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["area", "-occurred_at"]),
            models.Index(fields=["municipality", "-occurred_at"]),
            models.Index(fields=["source_kind", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class Frequency(models.TextChoices):
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


class Subscription(models.Model):
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="subscriptions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("wijkagenda item"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: everything in the wijk."),
    )
    email = models.EmailField(_("e-mail address"))
    frequency = models.CharField(
        _("how often"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    # Part of every link's signed token: a new secret makes the old links worthless.
    secret = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    sent_through_id = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "area"],
                condition=Q(agenda_item__isnull=True),
                name="updates_one_wijk_subscription_per_address",
            ),
            models.UniqueConstraint(
                fields=["email", "agenda_item"],
                condition=Q(agenda_item__isnull=False),
                name="updates_one_item_subscription_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.area} {self.agenda_item or ''}".strip()

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class Digest(models.Model):
    """One digest mail sent: which entries it covered (ids after `from_id` up to `through_id`)."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    sent_at = models.DateTimeField()
    from_id = models.BigIntegerField()
    through_id = models.BigIntegerField()
    entry_count = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.subscription_id}: {self.entry_count} ({self.sent_at:%Y-%m-%d})"
