"""Self-assessment: a municipality's team scores its own wijkgericht werken on an instrument.

- `Instrument` → `Section` → `Point`: one version of a shipped questionnaire (see
  `instruments/`), never edited once stored. A point is a statement, a kans or a valkuil;
  every point is scored on the instrument's scale (values 1..n, `scale_labels`) for how far
  it holds. For a valkuil holding fully is weak: the profile turns it round (`profiles.py`).
- `Assessment`: a municipality (optionally one wijk) fills in one instrument version, with a
  `TeamMember` per account of its organisations; draft → completed (read only). Its profile
  may be shared with other municipalities (`shared_at`): section averages only.
- `Score`: one point of one assessment, a value and a note, with who changed it last and a
  `version` that goes up with every change. A save names the version it started from, so
  that two team members filling in at once cannot overwrite each other unseen.
  `ScoreChange` keeps the history of values.
- `Improvement`: what a weak point became, once: a wijkagenda item (kind + id, the agenda is
  never asked to know this app) or an internal action with an owner and a due date.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import area_key, municipality_key

from .instruments import KANS, STATEMENT, VALKUIL

USER = settings.AUTH_USER_MODEL


class Instrument(models.Model):
    key = models.SlugField(_("key"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("meant for"), max_length=200, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    source = models.TextField(_("source"))
    scale_labels = models.JSONField(_("scale"), help_text=_("Labels of the values 1, 2, …"))
    checksum = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["key", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "version"], name="assessments_instrument_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def scale_max(self) -> int:
        return len(self.scale_labels)

    @property
    def scale(self) -> list[tuple[int, str]]:
        return list(enumerate(self.scale_labels, 1))


class Section(models.Model):
    """A value, an opgave, an ACTIE aspect or a step: what the profile averages over."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(_("key"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["instrument", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "position"], name="assessments_section_position"
            ),
            models.UniqueConstraint(fields=["instrument", "key"], name="assessments_section_key"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class PointKind(models.TextChoices):
    STATEMENT = STATEMENT, _("statement")
    KANS = KANS, _("kans")
    VALKUIL = VALKUIL, _("valkuil")


class Point(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="points")
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1, 2, … per instrument"))
    kind = models.CharField(_("kind"), max_length=10, choices=PointKind.choices)
    text = models.TextField(_("text"))
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("point")
        verbose_name_plural = _("points")
        ordering = ["section__instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="assessments_point_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"

    @property
    def reversed(self) -> bool:
        """Holding fully is weak: a valkuil."""
        return self.kind == PointKind.VALKUIL


class Status(models.TextChoices):
    DRAFT = "draft", _("being filled in")
    COMPLETED = "completed", _("completed")


# The only status change there is; a completed assessment is read only.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.COMPLETED}),
    Status.COMPLETED: frozenset(),
}


class Assessment(models.Model):
    municipality = municipality_key("assessments")
    area = area_key(
        _("wijk or village"),
        "assessments",
        optional=True,
        help_text=_("Leave empty for the whole municipality."),
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        USER, verbose_name=_("completed by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    # Consent to show the section averages (never notes or names) to other municipalities.
    shared_at = models.DateTimeField(_("profile shared since"), null=True, blank=True)
    shared_by = models.ForeignKey(
        USER, verbose_name=_("shared by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared_at__isnull=True) | Q(status="completed"),
                name="assessments_only_completed_shared",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_completed(self) -> bool:
        return self.status == Status.COMPLETED


class TeamMember(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(USER, verbose_name=_("person"), on_delete=models.CASCADE)
    added_by = models.ForeignKey(
        USER, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("added by")
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["assessment", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="assessments_member_once")
        ]

    def __str__(self) -> str:
        return str(self.user)


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    point = models.ForeignKey(Point, verbose_name=_("point"), on_delete=models.PROTECT)
    value = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        USER, verbose_name=_("last changed by"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment", "point__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "point"], name="assessments_score_once"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=1), name="assessments_score_from_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.point.number}: {self.value}"


class ScoreChange(models.Model):
    """One change of a score or its note: the history of a point."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    value_before = models.PositiveSmallIntegerField(_("score before"), null=True)
    value_after = models.PositiveSmallIntegerField(_("score after"), null=True)
    note_changed = models.BooleanField(_("note changed"), default=False)
    changed_by = models.ForeignKey(
        USER, verbose_name=_("changed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.score_id}: {self.value_before} → {self.value_after}"


class ImprovementKind(models.TextChoices):
    AGENDA_ITEM = "agenda.agendaitem", _("wijkagenda item")
    INTERNAL = "internal", _("internal action")


class Improvement(models.Model):
    """What a weak point became, once per point of an assessment."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="improvements"
    )
    point = models.ForeignKey(Point, verbose_name=_("point"), on_delete=models.PROTECT)
    kind = models.CharField(_("became"), max_length=30, choices=ImprovementKind.choices)
    title = models.CharField(_("what will be done"), max_length=200)
    agenda_item_id = models.CharField(_("wijkagenda item"), max_length=40, blank=True)
    owner = models.ForeignKey(
        USER, verbose_name=_("owner"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    due_on = models.DateField(_("due date"), null=True, blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("made by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["assessment", "point__number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "point"], name="assessments_one_improvement_per_point"
            ),
            models.CheckConstraint(
                condition=(Q(kind="agenda.agendaitem") & ~Q(agenda_item_id=""))
                | (Q(kind="internal") & Q(agenda_item_id="")),
                name="assessments_improvement_kind_matches",
            ),
        ]

    def __str__(self) -> str:
        return self.title
