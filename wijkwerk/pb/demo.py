"""The demo's budget rounds (bewonersbegroting), played through the pb services.

Hoogeveen, where residents decide over their dorpsbudgetten: in the first village a round
has ended — proposals reviewed by the gebiedsregisseur, 120 residents voted with code
letters, the Method of Equal Shares with Add1 chose the winners and their money is reserved;
in the second village voting is open (by e-mail code; the demo resident lives there and can
vote); in the third, residents can still propose projects. Every proposal, vote and amount is
invented. A round moves from phase to phase by its dates, as time passing would.
"""

import datetime
import random
from typing import Any

from django.utils import timezone

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets import services as budgets
from wijkwerk.budgets.models import Fund
from wijkwerk.core.demo import DemoContext
from wijkwerk.pb import services
from wijkwerk.pb.models import Proposal, Residence, Round, TallyRule, Verification

EURO = 100

# Day offsets from today of (proposals_from, proposals_until, review_until, voting_from,
# voting_until) for a round in each phase.
PHASES = {
    "proposals": (-10, 14, 28, 35, 49),
    "review": (-40, -20, 3, 10, 24),
    "voting": (-60, -40, -20, -6, 12),
    "closed": (-90, -70, -50, -35, -14),
}
FIELDS = ("proposals_from", "proposals_until", "review_until", "voting_from", "voting_until")

IDEAS = (
    ("Jeu-de-boulesbaan bij het dorpshuis", "Een baan met bankjes ernaast.", 6_500),
    ("Bloembakken langs de Hoofdstraat", "Twintig bakken, onderhouden door buren.", 3_000),
    ("Speeltoestel voor de kleintjes", "Een klimrek op het grasveld aan de Esweg.", 9_000),
    ("Defibrillator aan de kerk", "Een AED in een verwarmde kast, met cursus.", 2_500),
    ("Opknappen van het voetbalveldje", "Nieuwe doelen en het gras egaliseren.", 5_500),
    ("Overdekte fietsenstalling bij de school", "Voor veertig fietsen.", 11_000),
)
NOT_FEASIBLE = (
    "Een zwembad in het dorp",
    "Een klein buitenbad voor de zomer.",
    "Kost meer dan het hele dorpsbudget, en de gemeente kan het onderhoud niet dragen.",
)


def _dates(phase: str) -> dict[str, datetime.date]:
    today = timezone.localdate()
    return {
        name: today + datetime.timedelta(days=offset)
        for name, offset in zip(FIELDS, PHASES[phase], strict=True)
    }


def _move(pb_round: Round, phase: str) -> Round:
    Round.objects.filter(pk=pb_round.pk).update(**_dates(phase))
    pb_round.refresh_from_db()
    return pb_round


def build_rounds(*, admin: Any, people: dict[str, Any], areas: dict[str, Area]) -> None:
    municipality = Municipality.objects.get(code="GM0118")
    fund = Fund.objects.get(municipality=municipality, name="Wijk- en dorpsbudgetten")
    staff = people["gebiedsregisseur.hoogeveen"]
    resident = people["bewoner.hoogeveen"]
    villages = [areas[code] for code in ("WK011854", "WK011856", "WK011858")]
    year = timezone.localdate().year

    def open_round(village: Area, **values: Any) -> Round:
        return services.round_create(
            municipality=municipality,
            area=village,
            actor=staff,
            title=f"Dorpsbudget {village.name} {year}",
            description=(
                f"Inwoners van {village.name} bedenken projecten en kiezen zelf welke "
                "worden uitgevoerd."
            ),
            budget=budgets.wijkbudget_account(fund, village),
            **_dates("proposals"),
            **values,
        )

    def propose(pb_round: Round, ideas: tuple) -> list[Proposal]:
        return [
            services.proposal_submit(
                round=pb_round, actor=resident, title=title, summary=summary, location=""
            )
            for title, summary, _cost in ideas
        ]

    # 1. Ended: MES with Add1, code letters, results published.
    ended = open_round(
        villages[0],
        amount_cents=12_000 * EURO,
        max_projects=3,
        verification=Verification.LETTER,
        rule=TallyRule.MES_ADD1,
    )
    proposals = propose(ended, IDEAS)
    impossible = services.proposal_submit(
        round=ended, actor=resident, title=NOT_FEASIBLE[0], summary=NOT_FEASIBLE[1]
    )
    _move(ended, "review")
    for proposal, (_title, _summary, cost) in zip(proposals, IDEAS, strict=True):
        services.proposal_review(
            proposal=proposal, actor=staff, feasible=True, cost_cents=cost * EURO
        )
    services.proposal_review(
        proposal=impossible, actor=staff, feasible=False, reason=NOT_FEASIBLE[2]
    )
    _move(ended, "voting")
    codes = services.letter_codes_generate(round=ended, actor=staff, count=120)
    # Popularity as in a real village: the AED and the play equipment lead; some voters
    # choose one project, most two or three.
    weights = [5, 3, 6, 8, 4, 2]
    rng = random.Random(118)  # noqa: S311 - demo data, not security
    for code in codes:
        size = rng.choice((1, 2, 2, 3, 3, 3))
        chosen: set[int] = set()
        while len(chosen) < size:
            chosen.add(rng.choices(range(len(proposals)), weights=weights)[0])
        services.ballot_cast(
            round=ended,
            actor=None,
            choices=[proposals[i].pk for i in sorted(chosen)],
            letter_code=code,
        )
    _move(ended, "closed")
    services.round_tally(round=ended, actor=staff, reason="Het stemmen is gesloten.")
    services.round_results_publish(round=ended, actor=staff)

    # 2. Voting open, by e-mail code; the demo resident lives in this village.
    Residence.objects.update_or_create(
        user=resident,
        defaults={
            "area": villages[1],
            "birth_date": datetime.date(1979, 4, 12),
            "recorded_by": admin,
        },
    )
    voting = open_round(
        villages[1], max_projects=2, rule=TallyRule.MES_ADD1, verification=Verification.EMAIL
    )
    proposals = propose(voting, IDEAS[:4])
    _move(voting, "review")
    for proposal, (_title, _summary, cost) in zip(proposals, IDEAS[:4], strict=True):
        services.proposal_review(
            proposal=proposal, actor=staff, feasible=True, cost_cents=cost * EURO
        )
    _move(voting, "voting")

    # 3. Proposals open.
    proposing = open_round(villages[2], rule=TallyRule.GREEDY)
    propose(proposing, IDEAS[4:5])


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    build_rounds(admin=ctx.admin, people=ctx.people, areas=ctx.areas)
