"""Rounds and proposals: phases from the dates, validation with clear messages (nothing
saved), partner review, proposals from initiatives and agenda items, and who may do what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.tests.factories import BuurtFactory, MunicipalityFactory, WijkFactory
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import AccountKind
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.pb import selectors, services
from wijkwerk.pb.models import Phase, Proposal, ProposalStatus, Round

from .factories import (
    ProposalFactory,
    funded_budget,
    make_round,
    move_to,
    phase_dates,
    round_values,
)

pytestmark = pytest.mark.django_db


def _create(wijk, actor, budget, **overrides):
    return services.round_create(
        municipality=wijk.municipality,
        area=wijk,
        actor=actor,
        **round_values(budget=budget, **overrides),
    )


def _errors(excinfo) -> dict[str, list[str]]:
    return excinfo.value.message_dict


# --- phases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "phase"),
    [
        ("upcoming", Phase.UPCOMING),
        ("proposals", Phase.PROPOSALS),
        ("review", Phase.REVIEW),
        ("voting", Phase.VOTING),
        ("closed", Phase.RESULTS),
    ],
)
def test_the_phase_follows_from_the_dates(wijk, wijkmanager, budget, dates, phase):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase=dates)
    assert pb_round.phase() == phase


def test_phase_boundaries_are_inclusive_days(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    assert pb_round.phase(pb_round.proposals_from) == Phase.PROPOSALS
    assert pb_round.phase(pb_round.proposals_until) == Phase.PROPOSALS
    assert pb_round.phase(pb_round.review_until) == Phase.REVIEW
    assert pb_round.phase(pb_round.voting_from) == Phase.VOTING
    assert pb_round.phase(pb_round.voting_until) == Phase.VOTING
    assert pb_round.phase(pb_round.voting_until + datetime.timedelta(days=1)) == Phase.RESULTS


def test_execution_starts_only_once_results_are_published(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="closed")
    assert pb_round.phase() == Phase.RESULTS
    pb_round.results_published_at = timezone.now()
    assert pb_round.phase() == Phase.EXECUTION
    pb_round.execution_from = timezone.localdate() + datetime.timedelta(days=3)
    assert pb_round.phase() == Phase.RESULTS
    assert pb_round.phase(pb_round.execution_from) == Phase.EXECUTION


def test_voting_is_open_from_the_first_to_the_end_of_the_last_day(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting")
    assert pb_round.is_voting_open()
    assert not pb_round.is_closed()
    assert pb_round.is_voting_open(pb_round.closes_at)
    assert pb_round.is_closed(pb_round.closes_at + datetime.timedelta(seconds=1))


# --- creating a round -------------------------------------------------------------------


def test_staff_open_a_round_on_a_budget_and_it_is_audit_logged(wijk, wijkmanager, budget):
    pb_round = _create(wijk, wijkmanager, budget, amount_cents=500_000, rule="mes")
    assert pb_round.municipality == wijk.municipality
    assert pb_round.budget == budget
    assert pb_round.phase() == Phase.PROPOSALS
    event = AuditEvent.objects.for_target(pb_round).get()
    assert event.action == "pb.round_create"
    assert event.actor == wijkmanager
    assert event.changes["rule"] == "mes"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"proposals_until": -10},
            "proposals_until",
            "Proposals close before they open",
        ),
        ({"review_until": 5}, "review_until", "must end after proposals close"),
        ({"voting_from": 10}, "voting_from", "Voting opens before the review ends"),
        ({"voting_until": 10}, "voting_until", "Voting closes before it opens"),
        ({"execution_from": 20}, "execution_from", "Execution starts after voting closes"),
    ],
)
def test_dates_out_of_order_are_refused_with_the_field_and_a_fix(
    wijk, wijkmanager, budget, overrides, field, message
):
    today = timezone.localdate()
    dates = {k: today + datetime.timedelta(days=v) for k, v in overrides.items()}
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, budget, **dates)
    assert field in _errors(excinfo)
    assert message in _errors(excinfo)[field][0]
    assert Round.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": "  "}, "title", "Give the round a title."),
        ({"rule": "borda"}, "rule", "Choose one of the rules: greedy, greedy-no-skip, mes"),
        ({"utility": "happiness"}, "utility", "Choose the utility: cost or cardinality."),
        (
            {"rule": "mes", "threshold_percent": 10},
            "threshold_percent",
            "applies to greedy rules only",
        ),
        (
            {"rule": "greedy", "threshold_percent": 0},
            "threshold_percent",
            "percentage from 1 to 100",
        ),
        (
            {"rule": "greedy", "compare_greedy": True},
            "compare_greedy",
            "for the Method of Equal Shares rules only",
        ),
        (
            {"ballot_kind": "cumulative"},
            "points_total",
            "Enter how many points each voter distributes",
        ),
        (
            {"ballot_kind": "cumulative", "points_total": 5, "max_points_per_project": 6},
            "max_points_per_project",
            "between 1 and the 5 points",
        ),
        (
            {"ballot_kind": "cumulative", "points_total": 5, "max_projects": 3},
            "max_projects",
            "for approval ballots only",
        ),
        ({"points_total": 5}, "points_total", "Points are for cumulative ballots only"),
        (
            {"ballot_kind": "cumulative", "points_total": 5, "rule": "mes"},
            "rule",
            "The Method of Equal Shares needs approval ballots",
        ),
        ({"max_projects": 0}, "max_projects", "Allow at least 1 project"),
        ({"max_cost_cents": 0}, "max_cost", "must be more than zero"),
        ({"min_age": 130}, "min_age", "Enter a minimum age from 0 to 120."),
        ({"verification": "sms"}, "verification", "e-mail code or code letter"),
        ({"amount_cents": 0}, "amount", "must be more than zero"),
        ({"amount_cents": 1_000_001}, "amount", "The budget holds only €\u00a010,000.00"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message_and_nothing_saved(
    wijk, wijkmanager, budget, overrides, field, message
):
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, budget, **overrides)
    assert field in _errors(excinfo), _errors(excinfo)
    assert message in " ".join(_errors(excinfo)[field])
    assert Round.objects.count() == 0


def test_the_budget_must_be_a_budget_account_of_this_wijk_and_municipality(
    wijk, wijkmanager, budget, treasurer, gemeente_org
):
    hold = ledger.owned_account(
        fund=budget.fund, kind=AccountKind.HOLD, owner_kind="test", owner_id=1, name="hold"
    )
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, hold)
    assert "not a pool, reservation" in _errors(excinfo)["budget"][0]

    other_wijk = WijkFactory(municipality=wijk.municipality)
    other_budget = funded_budget(
        wijk=other_wijk, treasurer=treasurer, organisation=gemeente_org, cents=1000
    )
    with pytest.raises(ValidationError) as excinfo:
        _create(wijk, wijkmanager, other_budget)
    assert "belongs to another wijk" in _errors(excinfo)["budget"][0]
    assert Round.objects.count() == 0


def test_a_round_of_the_whole_municipality_needs_a_municipality_wide_role(
    municipality, wijkmanager, treasurer, budget
):
    values = round_values(budget=budget)
    with pytest.raises(PermissionDenied):
        services.round_create(municipality=municipality, actor=wijkmanager, **values)
    pb_round = services.round_create(municipality=municipality, actor=treasurer, **values)
    assert pb_round.area is None


def test_residents_cannot_open_rounds(wijk, resident, budget):
    with pytest.raises(PermissionDenied):
        _create(wijk, resident, budget)


def test_once_voting_opened_only_description_and_execution_date_change(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    services.round_update(round=pb_round, actor=wijkmanager, rule="mes", utility="cardinality")
    assert Round.objects.get().rule == "mes"
    move_to(pb_round, "voting")
    with pytest.raises(ValidationError) as excinfo:
        services.round_update(round=pb_round, actor=wijkmanager, rule="greedy")
    assert "Voting has opened" in excinfo.value.messages[0]
    services.round_update(round=pb_round, actor=wijkmanager, description="Stem mee!")
    pb_round.refresh_from_db()
    assert (pb_round.rule, pb_round.description) == ("mes", "Stem mee!")


def test_an_update_is_validated_like_a_new_round(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    with pytest.raises(ValidationError) as excinfo:
        services.round_update(
            round=pb_round,
            actor=wijkmanager,
            voting_until=pb_round.voting_from - datetime.timedelta(days=1),
        )
    assert "voting_until" in _errors(excinfo)
    pb_round.refresh_from_db()
    assert pb_round.voting_until == phase_dates("proposals")["voting_until"]


# --- proposals --------------------------------------------------------------------------


def test_a_resident_proposes_a_project_in_the_proposals_phase(wijk, wijkmanager, budget, resident):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    proposal = services.proposal_submit(
        round=pb_round, actor=resident, title="Speeltuin", summary="Een speeltuin bij de school."
    )
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.submitted_by == resident
    assert AuditEvent.objects.for_target(proposal).get().action == "pb.proposal_submit"


@pytest.mark.parametrize("phase", ["upcoming", "review", "voting", "closed"])
def test_proposals_outside_the_proposals_phase_are_refused(
    wijk, wijkmanager, budget, resident, phase
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase=phase)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_submit(round=pb_round, actor=resident, title="X", summary="Y")
    assert "Proposals can be submitted from" in excinfo.value.messages[0]
    assert Proposal.objects.count() == 0


def test_an_empty_proposal_says_what_is_missing(wijk, wijkmanager, budget, resident):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_submit(round=pb_round, actor=resident, title=" ", summary="")
    assert _errors(excinfo)["title"] == ["Give your proposal a short title."]
    assert "Describe the project" in _errors(excinfo)["summary"][0]


def test_a_partner_judges_feasibility_and_cost_and_only_feasible_go_on_the_ballot(
    wijk, wijkmanager, budget, resident, reviewer
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    good = services.proposal_submit(round=pb_round, actor=resident, title="Bankjes", summary="…")
    bad = services.proposal_submit(round=pb_round, actor=resident, title="Zwembad", summary="…")
    waiting = services.proposal_submit(round=pb_round, actor=resident, title="Later", summary="…")
    move_to(pb_round, "review")
    services.proposal_review(proposal=good, actor=reviewer, feasible=True, cost_cents=250_000)
    services.proposal_review(
        proposal=bad, actor=reviewer, feasible=False, reason="Past niet in het budget."
    )
    bad.refresh_from_db()
    assert bad.status == ProposalStatus.NOT_FEASIBLE
    assert bad.review_reason == "Past niet in het budget."
    assert list(selectors.ballot_proposals(round=pb_round)) == [good]
    assert waiting in selectors.proposal_list(round=pb_round, user=resident)
    event = AuditEvent.objects.for_target(bad).filter(action="pb.proposal_review").get()
    assert event.reason == "Past niet in het budget."
    assert event.actor == reviewer


def test_not_feasible_needs_a_public_reason_and_feasible_needs_a_cost(
    wijk, wijkmanager, budget, reviewer
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="review")
    proposal = ProposalFactory(
        round=pb_round, status=ProposalStatus.SUBMITTED, estimated_cost_cents=None
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_review(proposal=proposal, actor=reviewer, feasible=False, reason=" ")
    assert "Explain why the proposal is not feasible" in _errors(excinfo)["reason"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_review(proposal=proposal, actor=reviewer, feasible=True)
    assert "Enter the estimated cost" in _errors(excinfo)["cost"][0]
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_cost_above_the_rounds_amount_is_refused(wijk, wijkmanager, budget, reviewer):
    pb_round = make_round(
        wijk=wijk, actor=wijkmanager, budget=budget, phase="review", amount_cents=500_000
    )
    proposal = ProposalFactory(
        round=pb_round, status=ProposalStatus.SUBMITTED, estimated_cost_cents=None
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_review(
            proposal=proposal, actor=reviewer, feasible=True, cost_cents=600_000
        )
    assert "can never be selected" in _errors(excinfo)["cost"][0]


def test_without_a_fixed_amount_a_cost_above_the_budget_is_refused(
    wijk, wijkmanager, budget, reviewer
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="review")
    proposal = ProposalFactory(
        round=pb_round, status=ProposalStatus.SUBMITTED, estimated_cost_cents=None
    )
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_review(
            proposal=proposal, actor=reviewer, feasible=True, cost_cents=1_000_001
        )
    assert "more than the €\u00a010,000.00 the round divides" in _errors(excinfo)["cost"][0]
    services.proposal_review(proposal=proposal, actor=reviewer, feasible=True, cost_cents=999_999)


def test_the_ballot_is_fixed_once_voting_opens(wijk, wijkmanager, budget, reviewer):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting")
    proposal = ProposalFactory(round=pb_round)
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_review(proposal=proposal, actor=reviewer, feasible=False, reason="x")
    assert "the ballot is fixed" in excinfo.value.messages[0]
    with pytest.raises(ValidationError):
        services.proposal_create_from(
            round=pb_round,
            actor=wijkmanager,
            origin_kind="initiatives.initiative",
            origin_id=1,
            title="x",
            summary="y",
        )


def test_residents_and_partners_of_another_wijk_cannot_review(wijk, wijkmanager, budget, resident):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="review")
    proposal = ProposalFactory(round=pb_round, status=ProposalStatus.SUBMITTED)
    elsewhere = RoleAssignmentFactory(
        area=WijkFactory(municipality=wijk.municipality), role=Role.PARTNER
    ).user
    for actor in (resident, elsewhere):
        with pytest.raises(PermissionDenied):
            services.proposal_review(proposal=proposal, actor=actor, feasible=True, cost_cents=1)


def test_staff_put_an_agenda_item_or_initiative_on_the_round_once(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    item = AgendaItemFactory(area=wijk)
    proposal = services.proposal_create_from(
        round=pb_round,
        actor=wijkmanager,
        origin_kind="agenda.agendaitem",
        origin_id=item.pk,
        title=item.title,
        summary="Uit de wijkagenda.",
    )
    assert (proposal.origin_kind, proposal.origin_id) == ("agenda.agendaitem", str(item.pk))
    with pytest.raises(ValidationError) as excinfo:
        services.proposal_create_from(
            round=pb_round,
            actor=wijkmanager,
            origin_kind="agenda.agendaitem",
            origin_id=item.pk,
            title=item.title,
            summary="Nog eens.",
        )
    assert "already a proposal in this round" in _errors(excinfo)["origin"][0]
    services.proposal_create_from(
        round=pb_round,
        actor=wijkmanager,
        origin_kind="initiatives.initiative",
        origin_id=7,
        title="Buurtfeest",
        summary="Uit een bewonersinitiatief.",
    )
    assert Proposal.objects.filter(round=pb_round).count() == 2


def test_an_unknown_origin_is_refused(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    elsewhere = AgendaItemFactory(area=WijkFactory(municipality=MunicipalityFactory()))
    for kind, pk, message in (
        ("meetings.meeting", 1, "from an initiative or a wijkagenda item"),
        ("agenda.agendaitem", elsewhere.pk, "There is no wijkagenda item"),
        ("agenda.agendaitem", "abc", "Give the number"),
    ):
        with pytest.raises(ValidationError) as excinfo:
            services.proposal_create_from(
                round=pb_round,
                actor=wijkmanager,
                origin_kind=kind,
                origin_id=pk,
                title="x",
                summary="y",
            )
        assert message in _errors(excinfo)["origin"][0]
    assert Proposal.objects.count() == 0


# --- residence --------------------------------------------------------------------------


def test_the_municipality_records_where_a_person_lives(wijk, wijkmanager):
    person = UserFactory()
    buurt = BuurtFactory(parent=wijk)
    residence = services.residence_record(
        user=person, area=buurt, birth_date=datetime.date(2000, 1, 1), actor=wijkmanager
    )
    assert residence.area == buurt
    with pytest.raises(ValidationError):
        services.residence_record(
            user=person,
            area=buurt,
            birth_date=timezone.localdate() + datetime.timedelta(days=1),
            actor=wijkmanager,
        )
    with pytest.raises(PermissionDenied):
        services.residence_record(
            user=person, area=buurt, birth_date=datetime.date(2000, 1, 1), actor=person
        )


# --- who may do what --------------------------------------------------------------------

PERMS = [
    "pb.manage_round",
    "pb.review_proposal",
    "pb.enter_paper_ballot",
    "pb.tally_round",
    "pb.view_personal_data",
]
ALL = set(PERMS)
EXPECTED = {
    Role.WIJKMANAGER: ALL,
    Role.ACCOUNTMANAGER: ALL,
    Role.GEBIEDSREGISSEUR: ALL,
    Role.WIJKWETHOUDER: set(),
    Role.WIJKCONCIERGE: set(),
    Role.WIJKAGENT: set(),
    Role.OPBOUWWERKER: set(),
    Role.PARTNER: {"pb.review_proposal"},
    Role.PLATFORM_CHAIR: {"pb.view_personal_data"},
    Role.PLATFORM_MEMBER: set(),
    Role.REGIEGROEP_MEMBER: set(),
    Role.STUURGROEP_MEMBER: set(),
    Role.RESIDENT: set(),
    Role.BEHEERDER: ALL,
}


@pytest.fixture
def proposal(wijk, wijkmanager, budget):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    return ProposalFactory(
        round=pb_round, status=ProposalStatus.SUBMITTED, submitted_by=UserFactory()
    )


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_grants_exactly_its_permissions_in_its_own_wijk(role, wijk, proposal):
    organisation = OrganisationFactory(municipality=wijk.municipality)
    user = RoleAssignmentFactory(area=wijk, role=role, organisation=organisation).user
    granted = {perm for perm in PERMS if user.has_perm(perm, proposal)}
    assert granted == EXPECTED[role]
    assert {perm for perm in PERMS if user.has_perm(perm, proposal.round)} == EXPECTED[role]


@pytest.mark.parametrize("role", [Role.WIJKMANAGER, Role.PARTNER, Role.BEHEERDER])
def test_a_role_in_another_wijk_or_municipality_grants_nothing(role, wijk, proposal):
    for area in (WijkFactory(municipality=wijk.municipality), WijkFactory()):
        user = RoleAssignmentFactory(area=area, role=role).user
        assert not any(user.has_perm(perm, proposal) for perm in PERMS)


def test_the_proposer_is_personal_data(wijk, proposal, resident):
    assert selectors.proposal_proposer(proposal=proposal, user=proposal.submitted_by) == (
        proposal.submitted_by
    )
    assert selectors.proposal_proposer(proposal=proposal, user=resident) is None
    chair = RoleAssignmentFactory(area=wijk, role=Role.PLATFORM_CHAIR).user
    assert selectors.proposal_proposer(proposal=proposal, user=chair) == proposal.submitted_by
    partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER).user
    assert selectors.proposal_proposer(proposal=proposal, user=partner) is None


def test_a_wijk_lists_its_own_and_the_municipality_wide_rounds(
    wijk, wijkmanager, treasurer, budget
):
    own = make_round(wijk=wijk, actor=wijkmanager, budget=budget)
    everywhere = services.round_create(
        municipality=wijk.municipality, actor=treasurer, **round_values(budget=budget)
    )
    other_wijk = WijkFactory(municipality=wijk.municipality)
    assert set(selectors.round_list(municipality=wijk.municipality, area=wijk)) == {
        own,
        everywhere,
    }
    assert list(selectors.round_list(municipality=wijk.municipality, area=other_wijk)) == [
        everywhere
    ]
    assert selectors.round_get(pk=own.pk, municipality=wijk.municipality) == own
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.round_get(pk=own.pk, municipality=MunicipalityFactory())
