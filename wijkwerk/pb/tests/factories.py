"""Factories and builders for budget round tests. Money is booked through the ledger's
services; rounds are opened through `round_create`, then moved to a phase by their dates."""

import datetime

import factory
from django.utils import timezone

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Fund, FundKind
from wijkwerk.pb import services
from wijkwerk.pb.models import Proposal, ProposalStatus, Residence, Round

# Day offsets from today of (proposals_from, proposals_until, review_until, voting_from,
# voting_until) that put a round in each phase.
PHASE_DATES = {
    "upcoming": (5, 10, 15, 16, 25),
    "proposals": (-5, 5, 10, 11, 20),
    "review": (-20, -10, 5, 6, 15),
    "voting": (-30, -20, -10, -5, 5),
    "closed": (-40, -30, -20, -10, -1),
}
DATE_FIELDS = ("proposals_from", "proposals_until", "review_until", "voting_from", "voting_until")


def phase_dates(phase: str) -> dict[str, datetime.date]:
    today = timezone.localdate()
    return {
        name: today + datetime.timedelta(days=offset)
        for name, offset in zip(DATE_FIELDS, PHASE_DATES[phase], strict=True)
    }


def move_to(pb_round: Round, phase: str) -> Round:
    """Put a round in another phase by moving its dates (as time passing would)."""
    Round.objects.filter(pk=pb_round.pk).update(**phase_dates(phase))
    pb_round.refresh_from_db()
    return pb_round


def funded_budget(*, wijk, treasurer, organisation, cents=1_000_000):
    """A wijkbudget of `cents` in a fresh fund, contributed by `organisation`."""
    fund = Fund.objects.create(
        municipality=wijk.municipality,
        name=f"PB-fonds {Fund.objects.count()}",
        kind=FundKind.WIJKBUDGET,
        year=2026,
    )
    ledger.fund_contributor_set(
        fund=fund, organisation=organisation, actor=treasurer, promised_cents=cents
    )
    ledger.contribution_record(
        fund=fund, organisation=organisation, actor=treasurer, amount_cents=cents
    )
    ledger.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=cents)
    return ledger.wijkbudget_account(fund, wijk)


def round_values(*, budget, phase="proposals", **overrides) -> dict:
    values = {"title": "Wijkbudget 2026", "budget": budget, **phase_dates(phase)}
    values.update(overrides)
    return values


def make_round(*, wijk, actor, budget, phase="proposals", **overrides) -> Round:
    """A round opened through the service (in the proposals phase), then moved to `phase`."""
    pb_round = services.round_create(
        municipality=wijk.municipality,
        area=wijk,
        actor=actor,
        **round_values(budget=budget, phase="proposals", **overrides),
    )
    return move_to(pb_round, phase) if phase != "proposals" else pb_round


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal already judged feasible, with a cost (for ballot tests)."""

    class Meta:
        model = Proposal

    title = factory.Sequence(lambda n: f"Project {n}")
    summary = "Bankjes en bloembakken op het plein."
    status = ProposalStatus.FEASIBLE
    estimated_cost_cents = 100_000
    submitted_by = None


class ResidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Residence

    user = factory.SubFactory(UserFactory)
    birth_date = datetime.date(1980, 5, 17)


def resident_of(area, *, birth_date=datetime.date(1980, 5, 17)):
    """A person the municipality knows to live in `area`."""
    return ResidenceFactory(area=area, birth_date=birth_date).user
