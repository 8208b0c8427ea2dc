"""Surveys (burgerpeiling): questionnaires a municipality puts to its residents, per wijk or
to a panel, answered anonymously with a single-use invitation code.

Anonymity
---------
Who answered and what was answered are stored apart, and nothing in the database joins them:

- An `InvitationCode` row holds only the keyed hash of a code (HMAC-SHA256 with a key from
  `settings.SECRET_KEY`, see `wijkwerk.core.crypto`) and whether it was used. The codes in
  clear exist once, in the CSV handed to whoever distributes them.
- A `Response` carries the survey, the wijk and an optional self-reported age bracket, and
  nothing else: no code, no person, no timestamp, a random UUID key. The code is marked used
  in the same transaction that stores the response, so one code gives one response, and a
  response cannot be traced back to its code.
- Results are shown only for groups of at least `MIN_RESPONDENTS` respondents (see
  `results.py`), open answers only to staff.

What remains: rows are stored in the order they were written, so someone with a copy of the
database taken while the survey runs, and a log of who used which code when, could line the
two up; and whoever controls the running app server sees answers as they arrive.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, area_key, municipality_key

USER = settings.AUTH_USER_MODEL
CODE_SALT = "wijkwerk.surveys.invitation-code"


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


# The only status changes there are; everything else is refused.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.OPEN}),
    Status.OPEN: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


class Distribution(models.TextChoices):
    WIJK = "wijk", _("published in the wijk: codes are handed out door to door")
    PANEL = "panel", _("sent to a panel: codes go to the panel members")


class AgeGroup(models.TextChoices):
    """Self-reported, optional; brackets wide enough to keep groups large."""

    UNDER_30 = "16-29", _("16 to 29 years")
    FROM_30 = "30-49", _("30 to 49 years")
    FROM_50 = "50-64", _("50 to 64 years")
    FROM_65 = "65+", _("65 years or older")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale")
    OPEN = "open", _("open text")


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


class Survey(models.Model):
    municipality = municipality_key("surveys")
    area = area_key(
        _("wijk or village"),
        "surveys",
        optional=True,
        help_text=_("Leave empty for a survey in the whole municipality."),
    )
    title = models.CharField(_("title"), max_length=160)
    intro = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("open from"))
    closes_on = models.DateField(_("open until"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    distribution = models.CharField(
        _("distribution"), max_length=10, choices=Distribution.choices, default=Distribution.WIJK
    )
    # Surveys of one series (e.g. the yearly burgerpeiling) are compared across years; their
    # questions are matched by `Question.key`.
    series = models.SlugField(
        _("series"),
        max_length=60,
        blank=True,
        help_text=_("Surveys of the same series are compared over the years."),
    )
    created_by = models.ForeignKey(
        USER, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="surveys_closes_after_opening"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def year(self) -> int:
        return self.opens_on.year

    def is_answerable(self, today: date | None = None) -> bool:
        """Open for answers: published and within its dates."""
        today = today or timezone.localdate()
        return self.status == Status.OPEN and self.opens_on <= today <= self.closes_on

    def is_finished(self, today: date | None = None) -> bool:
        """Closed by staff, or past its last day: its results may be published."""
        today = today or timezone.localdate()
        return self.status == Status.CLOSED or (
            self.status == Status.OPEN and today > self.closes_on
        )


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("Matches the same question in other surveys of the series."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("explanation"), max_length=300, blank=True)
    required = models.BooleanField(_("answer required"), default=True)
    scale_min = models.SmallIntegerField(_("scale from"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("scale to"), null=True, blank=True)
    scale_min_label = models.CharField(_("label of the lowest value"), max_length=60, blank=True)
    scale_max_label = models.CharField(_("label of the highest value"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "position"], name="surveys_question_position"
            ),
            models.UniqueConstraint(fields=["survey", "key"], name="surveys_question_key"),
            models.CheckConstraint(
                condition=~Q(kind="scale")
                | Q(scale_min__isnull=False, scale_max__gt=F("scale_min")),
                name="surveys_scale_has_range",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def scale_values(self) -> list[int]:
        if self.kind != QuestionKind.SCALE or self.scale_min is None or self.scale_max is None:
            return []
        return list(range(self.scale_min, self.scale_max + 1))


class Option(models.Model):
    """One answer to pick in a single or multiple choice question."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    label = models.CharField(_("answer"), max_length=200)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "position"], name="surveys_option_position")
        ]

    def __str__(self) -> str:
        return self.label


class InvitationCode(models.Model):
    """A single-use code; only its keyed hash is stored. Nothing leads to its response."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    area = area_key(
        _("wijk"),
        "+",
        optional=True,
        help_text=_("The wijk the code was handed out in; empty for a panel code."),
    )
    batch = models.PositiveIntegerField(_("batch"))
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("invitation code")
        verbose_name_plural = _("invitation codes")

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.pk}"


class Response(models.Model):
    """One respondent's answers: the wijk, the age bracket they chose to give, and nothing
    that leads to them (no code, person or time; a random key)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    area = models.ForeignKey(
        Area, verbose_name=_("wijk"), null=True, blank=True, on_delete=models.PROTECT
    )
    age_group = models.CharField(
        _("age group"), max_length=10, choices=AgeGroup.choices, blank=True
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """The answer to one question: an option (one row per ticked option of a multiple choice
    question), a value on the scale, or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(
        Option, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question", "option"],
                condition=Q(option__isnull=False),
                name="surveys_one_answer_per_option",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(option__isnull=True),
                name="surveys_one_value_per_question",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}"
