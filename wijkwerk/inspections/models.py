"""Wijkschouw: residents and professionals walk a route through their wijk and score the
public space against the quality levels agreed for it (see `levels.py`).

- `QualityAgreement`: per wijk and kind of object the agreed level, with whom and when.
- `Inspection` (a schouw): wijk, moment, settings, status planned → in progress → done.
  Its route is an ordered list of `Stop`s with a point; its `Participant`s are residents
  and professionals, with an account or only a name.
- `Score`: one object at one stop, scored on the scale. The agreed level is copied onto
  the score when it is given, so that changing an agreement later does not rewrite the
  results of earlier schouwen.
- `Finding` (tekortkoming): a score below the agreed level, with a description, a point
  and a photo; it becomes a melding or a wijkagenda item once, and keeps what it became
  by kind and id (the apps it hands over to are never imported, see core.handoffs).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, municipality_key

from .levels import Level, ObjectType, is_below

USER = settings.AUTH_USER_MODEL


class QualityAgreement(models.Model):
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.CASCADE, related_name="quality_levels"
    )
    object_type = models.CharField(_("kind of object"), max_length=20, choices=ObjectType.choices)
    level = models.CharField(_("agreed level"), max_length=2, choices=Level.choices)
    agreed_with = models.CharField(
        _("agreed with"),
        max_length=160,
        help_text=_("Who agreed on this level, e.g. the wijkplatform."),
    )
    agreed_on = models.DateField(_("agreed on"))
    recorded_by = models.ForeignKey(
        USER, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("agreed quality level")
        verbose_name_plural = _("agreed quality levels")
        ordering = ["area", "object_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "object_type"], name="inspections_one_level_per_object_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.object_type}: {self.level}"


class Status(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")


# The only status changes there are; everything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.PLANNED: frozenset({Status.IN_PROGRESS}),
    Status.IN_PROGRESS: frozenset({Status.DONE}),
    Status.DONE: frozenset(),
}


class Inspection(models.Model):
    municipality = municipality_key("inspections")
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), on_delete=models.PROTECT, related_name="inspections"
    )
    title = models.CharField(_("title"), max_length=160)
    starts_at = models.DateTimeField(_("date and time"))
    meeting_point = models.CharField(_("meeting point"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    photo_required = models.BooleanField(_("a finding needs a photo"), default=False)
    location_required = models.BooleanField(_("a finding needs a location"), default=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("planned by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("wijkschouw")
        verbose_name_plural = _("wijkschouwen")
        ordering = ["-starts_at", "-id"]

    def __str__(self) -> str:
        return self.title


class ParticipantRole(models.TextChoices):
    RESIDENT = "resident", _("resident")
    PROFESSIONAL = "professional", _("professional")


class Participant(models.Model):
    """Someone who walks along: with an account (may score on their own phone) or, for a
    resident without one, only a name. Names are shown to the schouw's staff only."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="participants"
    )
    # A deleted account takes its participation along (a name-only row would be empty).
    user = models.ForeignKey(
        USER, verbose_name=_("account"), null=True, blank=True, on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=120, blank=True)
    role = models.CharField(_("taking part as"), max_length=12, choices=ParticipantRole.choices)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["inspection", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""), name="inspections_participant_named"
            ),
            models.UniqueConstraint(
                fields=["inspection", "user"],
                condition=Q(user__isnull=False),
                name="inspections_participant_once",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return (getattr(self.user, "full_name", "") or str(self.user)) if self.user else ""


class Stop(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("place"), max_length=160)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    object_type = models.CharField(
        _("main kind of object"), max_length=20, choices=ObjectType.choices, blank=True
    )

    class Meta:
        verbose_name = _("stop")
        verbose_name_plural = _("stops")
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "position"], name="inspections_stop_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class Score(models.Model):
    stop = models.ForeignKey(Stop, verbose_name=_("stop"), on_delete=models.CASCADE,
                             related_name="scores")  # fmt: skip
    object_type = models.CharField(_("kind of object"), max_length=20, choices=ObjectType.choices)
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    agreed_level = models.CharField(_("agreed level"), max_length=2, choices=Level.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    scored_by = models.ForeignKey(
        USER, verbose_name=_("scored by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["stop__position", "object_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["stop", "object_type"], name="inspections_one_score_per_object"
            ),
            models.CheckConstraint(
                condition=Q(level__in=Level.values) & Q(agreed_level__in=Level.values),
                name="inspections_score_on_the_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stop_id} {self.object_type}: {self.level}"

    @property
    def below_agreed(self) -> bool:
        return is_below(self.level, self.agreed_level)


class Became(models.TextChoices):
    MELDING = "reports.report", _("melding")
    AGENDA_ITEM = "agenda.agendaitem", _("wijkagenda item")


class Finding(models.Model):
    score = models.OneToOneField(Score, on_delete=models.CASCADE, related_name="finding")
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    description = models.TextField(_("what is wrong"))
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    # Stored after core.photos.clean_photo: no EXIF. Served to the schouw's walkers only.
    photo = models.ImageField(_("photo"), upload_to="inspections/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        USER, verbose_name=_("noted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("noted at"), auto_now_add=True)
    became_kind = models.CharField(_("became"), max_length=30, choices=Became.choices, blank=True)
    became_id = models.CharField(_("id of what it became"), max_length=40, blank=True)
    converted_by = models.ForeignKey(
        USER, verbose_name=_("converted by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    converted_at = models.DateTimeField(_("converted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["inspection", "score__stop__position", "score__object_type"]
        constraints = [
            models.CheckConstraint(
                condition=Q(became_kind="", became_id="") | (~Q(became_kind="") & ~Q(became_id="")),
                name="inspections_became_kind_and_id",
            ),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lon__isnull=True)
                | Q(lat__isnull=False, lon__isnull=False),
                name="inspections_finding_point_whole",
            ),
        ]

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def converted(self) -> bool:
        return bool(self.became_kind)
