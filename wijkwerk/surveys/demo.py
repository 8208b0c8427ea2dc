"""The demo's burgerpeiling, played through the surveys services.

Etten-Leur, whose burgerpeiling is where the standard template comes from: last year's
peiling has closed, with answers from Midden woongebied and Noord woongebied (and three
from the buitengebied, too few to show on their own); this year's is open, so the results
can be compared over the years and a visitor can answer with one of the printed codes.
Every answer is invented; the pattern follows the seed: most residents want influence,
about a quarter were active, the young the least.
"""

import datetime
import random
from typing import Any

from django.utils import timezone

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.demo import DemoContext
from wijkwerk.surveys import services
from wijkwerk.surveys.models import AgeGroup, QuestionKind, Survey

AGES = [AgeGroup.UNDER_30, AgeGroup.FROM_30, AgeGroup.FROM_50, AgeGroup.FROM_65, ""]
# Chance of "Ja, regelmatig" / "Ja, een enkele keer" per age group.
ACTIVE = {
    AgeGroup.UNDER_30: (0.03, 0.10),
    AgeGroup.FROM_30: (0.10, 0.18),
    AgeGroup.FROM_50: (0.14, 0.18),
    AgeGroup.FROM_65: (0.15, 0.15),
    "": (0.10, 0.15),
}
CODES_TO_PRINT = 5


def _answers(survey: Survey, rng: random.Random, age: str, mood: int) -> dict[int, Any]:
    answers: dict[int, Any] = {}
    for question in survey.questions.prefetch_related("options"):
        options = list(question.options.all())
        if question.kind == QuestionKind.SCALE:
            low, high = question.scale_min or 1, question.scale_max or 5
            middle = low + (high - low) * (0.55 + 0.05 * mood)
            answers[question.pk] = max(low, min(high, round(rng.gauss(middle, (high - low) / 5))))
        elif question.key == "actief":
            regular, sometimes = ACTIVE[age]
            draw = rng.random()
            index = 0 if draw < regular else 1 if draw < regular + sometimes else 2
            answers[question.pk] = options[index].pk
        elif question.key == "invloed":
            answers[question.pk] = rng.choices(options, weights=[35, 45, 15, 5])[0].pk
        elif question.kind == QuestionKind.SINGLE:
            answers[question.pk] = rng.choice(options).pk
        elif question.kind == QuestionKind.MULTIPLE:
            answers[question.pk] = sorted({rng.choice(options).pk for _i in range(2)})
        elif rng.random() < 0.3:
            answers[question.pk] = rng.choice(
                (
                    "Meer groen en bankjes in de straat.",
                    "Een plek waar jongeren samen kunnen komen.",
                    "Minder hard rijden in de woonstraten.",
                    "Vaker horen wat er met onze ideeën gebeurt.",
                )
            )
    return answers


def _respond(survey: Survey, actor: Any, rng: random.Random, wijken: dict[Area, int], mood: int):
    for wijk, count in wijken.items():
        codes = services.invitation_codes_generate(
            survey=survey, actor=actor, count=count, area=wijk
        )
        for code in codes:
            age = rng.choices(AGES, weights=[12, 30, 30, 22, 6])[0]
            services.response_submit(
                survey=survey, code=code, answers=_answers(survey, rng, age, mood), age_group=age
            )


def build_surveys(*, admin: Any, areas: dict[str, Area]) -> list[str]:
    """Last year's closed burgerpeiling and this year's open one; returns a few unused codes
    of the open one, to try answering."""
    municipality = Municipality.objects.get(code="GM0777")
    midden, noord, buiten = (areas[code] for code in ("WK077700", "WK077710", "WK077702"))
    today = timezone.localdate()
    rng = random.Random(777)  # noqa: S311 - demo data, not security

    def peiling(year: int, opens: int, closes: int) -> Survey:
        survey = services.survey_create_from_template(
            municipality=municipality,
            actor=admin,
            opens_on=today + datetime.timedelta(days=opens),
            closes_on=today + datetime.timedelta(days=closes),
            distribution="panel",
            title=f"Burgerpeiling Etten-Leur {year}",
        )
        return services.survey_open(survey=survey, actor=admin)

    last = peiling(today.year - 1, -10, 10)
    _respond(last, admin, rng, {midden: 24, noord: 17, buiten: 3}, mood=0)
    services.survey_close(survey=last, actor=admin)
    # Last year, as time passing would have it (its dates cannot be set in the past).
    Survey.objects.filter(pk=last.pk).update(
        opens_on=today.replace(year=today.year - 1, month=3, day=1),
        closes_on=today.replace(year=today.year - 1, month=3, day=31),
    )
    current = peiling(today.year, -7, 21)
    _respond(current, admin, rng, {midden: 9, noord: 6}, mood=1)
    return services.invitation_codes_generate(survey=current, actor=admin, count=CODES_TO_PRINT)


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    codes = build_surveys(admin=ctx.admin, areas=ctx.areas)
    ctx.notes.append(
        "Invitation codes for the open burgerpeiling of Etten-Leur (shown only now): "
        + ", ".join(codes)
    )
