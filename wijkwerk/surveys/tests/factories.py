"""Builders for survey tests: surveys are made and answered through the services."""

import datetime
from typing import Any

from django.utils import timezone

from wijkwerk.surveys import services
from wijkwerk.surveys.models import Question, QuestionKind, Status, Survey


def days(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def open_survey(*, municipality, actor, area=None, opens=-3, closes=10, **values) -> Survey:
    """The standard burgerpeiling copied and opened through the services."""
    survey = services.survey_create_from_template(
        municipality=municipality,
        actor=actor,
        area=area,
        opens_on=days(opens),
        closes_on=days(closes),
        **values,
    )
    return services.survey_open(survey=survey, actor=actor)


def close(survey: Survey) -> Survey:
    """Finish a survey as its last day passing would."""
    Survey.objects.filter(pk=survey.pk).update(
        opens_on=days(-20), closes_on=days(-1), status=Status.OPEN
    )
    survey.refresh_from_db()
    return survey


def question(survey: Survey, key: str) -> Question:
    return survey.questions.get(key=key)


def option_id(survey: Survey, key: str, label: str) -> int:
    return question(survey, key).options.get(label=label).pk


def full_answers(survey: Survey, *, cijfer: int = 7, actief: str = "Nee", text: str = "") -> dict:
    """A valid set of answers to every required question of the standard template."""
    answers: dict[Any, Any] = {}
    for q in survey.questions.prefetch_related("options"):
        if q.kind == QuestionKind.SCALE:
            answers[q.pk] = cijfer if q.key == "rapportcijfer-buurt" else 3
        elif q.kind == QuestionKind.SINGLE:
            wanted = actief if q.key == "actief" else q.options.all()[0].label
            answers[q.pk] = next(o.pk for o in q.options.all() if o.label == wanted)
        elif q.kind == QuestionKind.OPEN and text:
            answers[q.pk] = text
    return answers


def respond(survey: Survey, actor, *, n: int = 1, area=None, age_group: str = "", **kw) -> None:
    """`n` respondents, each with a fresh code, answering in `area` (code's wijk)."""
    codes = services.invitation_codes_generate(survey=survey, actor=actor, count=n, area=area)
    for code in codes:
        services.response_submit(
            survey=survey, code=code, answers=full_answers(survey, **kw), age_group=age_group
        )
