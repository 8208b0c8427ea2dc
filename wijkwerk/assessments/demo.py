"""The demo's self-assessment, played through the assessments services.

Den Helder filled in the ten opgaven of the VNG checklist for the whole municipality with a
team of the gemeente, the corporatie and welzijn, completed it and shares its profile; its
weakest point became an internal action. Hoogeveen, whose Smederijen are the example the
seeds hold up, shares a stronger profile, so the comparison has two municipalities. In De
Schooten the accountmanager's team is filling in the checklist for the wijk: the first
three opgaven are done and a weak point is on the wijkagenda. Every score is invented.
"""

import datetime
import random
from typing import Any

from django.utils import timezone

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.assessments import services
from wijkwerk.assessments.instruments import instruments_load
from wijkwerk.assessments.models import Assessment, Point
from wijkwerk.assessments.profiles import assessment_profile
from wijkwerk.assessments.selectors import instrument_get
from wijkwerk.assessments.services import ScoreEntry
from wijkwerk.core.demo import DemoContext
from wijkwerk.organisations.models import Organisation, OrganisationKind

NOTES = {
    6: "Kleine ideeën liggen vaak weken stil bij de afdelingen.",
    11: "We bereiken vooral de bekende gezichten van de wijkplatforms.",
    33: "Niet iedereen weet wat het wijkplatform mag beslissen.",
}


def _fill(assessment: Assessment, actor: Any, rng: random.Random, level: float, upto: int):
    """Score points 1..upto around `level` on the 1–4 scale (valkuilen the other way)."""
    entries = []
    points = Point.objects.filter(section__instrument=assessment.instrument, number__lte=upto)
    for point in points.order_by("number"):
        strength = max(1, min(4, round(rng.gauss(level, 0.8))))
        value = 5 - strength if point.reversed else strength
        entries.append(ScoreEntry(point.pk, value, NOTES.get(point.number, ""), 0))
    services.scores_save(assessment=assessment, actor=actor, entries=entries)


def _start(municipality, actor, team, area=None, title=""):
    assessment = services.assessment_start(
        municipality=municipality, actor=actor, instrument=instrument_get(key="tien-opgaven"),
        area=area, title=title,
    )  # fmt: skip
    for member in team:
        services.team_member_add(assessment=assessment, actor=actor, user=member)
    return assessment


def build_assessments(*, admin: Any, people: dict[str, Any], areas: dict[str, Area]) -> None:
    instruments_load()  # shipped with the migrations; a flushed test database lacks them
    today = timezone.localdate()
    rng = random.Random(97)
    den_helder = Municipality.objects.get(code="GM0400")
    lead = people["wijkmanager.denhelder"]
    done = _start(
        den_helder, lead,
        [people["accountmanager.denhelder"], people["corporatie.denhelder"],
         people["opbouwwerker.denhelder"]],
        title=f"Tien opgaven – Den Helder {today.year - 1}",
    )  # fmt: skip
    _fill(done, lead, rng, level=2.6, upto=97)
    services.assessment_complete(assessment=done, actor=lead)
    services.assessment_share(assessment=done, actor=lead)
    weakest = assessment_profile(assessment=done).weakest[0].point
    services.improvement_create(
        assessment=done, point=weakest, actor=lead,
        title="Met de wijkpartners afspreken hoe dit punt sterker wordt",
        owner=people["accountmanager.denhelder"], due_on=today + datetime.timedelta(days=90),
    )  # fmt: skip

    hoogeveen = Municipality.objects.get(code="GM0118")
    regie = people["gebiedsregisseur.hoogeveen"]
    theirs = _start(hoogeveen, admin, [regie], title=f"Tien opgaven – Hoogeveen {today.year - 1}")
    _fill(theirs, regie, rng, level=3.3, upto=97)
    services.assessment_complete(assessment=theirs, actor=admin)
    services.assessment_share(assessment=theirs, actor=admin)

    schooten = areas["WK040005"]
    account = people["accountmanager.denhelder"]
    going = _start(
        den_helder, account, [people["opbouwwerker.denhelder"], people["corporatie.denhelder"]],
        area=schooten,
    )  # fmt: skip
    _fill(going, people["opbouwwerker.denhelder"], rng, level=2.4, upto=36)
    owner = Organisation.objects.filter(
        municipality=den_helder, kind=OrganisationKind.GEMEENTE
    ).first()
    services.improvement_create(
        assessment=going, point=Point.objects.get(section__instrument=going.instrument, number=33),
        actor=account, title="De status van het wijkplatform De Schooten op papier zetten",
        owner_organisation=owner,
    )  # fmt: skip


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    build_assessments(admin=ctx.admin, people=ctx.people, areas=ctx.areas)
