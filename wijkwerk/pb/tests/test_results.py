"""Results: the tally after the close, stored with its explanation and audit-logged, run
again until published; publication reserves every winner's cost on the ledger in one
transaction, and never more than the budget holds.

The tests run the real engine (`wijkwerk.pb.tally`, tested on its own in test_tally.py);
`fake_engine` only notes the elections it is given. Amounts reach the engine in euros.
"""

from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, TransactionKind
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.models import AuditEvent
from wijkwerk.pb import selectors, services
from wijkwerk.pb import tally as engine
from wijkwerk.pb.models import Ballot, TallyLine, TallyResult

from .factories import make_round, move_to, resident_of

pytestmark = pytest.mark.django_db

SEEN: list[engine.Election] = []
REAL_TALLY = engine.tally


@pytest.fixture
def fake_engine(monkeypatch):
    """The real engine, noting the elections it was given."""

    def noting(election, **kwargs):
        SEEN.append(election)
        return REAL_TALLY(election, **kwargs)

    SEEN.clear()
    monkeypatch.setattr(engine, "tally", noting)
    return SEEN


@pytest.fixture
def voted_round(wijk, wijkmanager, letter_round):
    """A letter round with six ballots, closed. Votes: Speeltuin 5, Bankjes 4, Bomen 3.
    Budget € 10.000; costs € 4.000, € 3.000, € 2.000 — all three fit."""
    codes = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=6)
    ids = {p.title: p.pk for p in letter_round.proposals.all()}
    ballots = [
        ["Speeltuin", "Bankjes", "Bomen"],
        ["Speeltuin", "Bankjes"],
        ["Speeltuin", "Bankjes"],
        ["Speeltuin", "Bomen"],
        ["Speeltuin", "Bomen"],
        ["Bankjes"],
    ]
    for code, titles in zip(codes, ballots, strict=True):
        services.ballot_cast(
            round=letter_round, actor=None, choices=[ids[t] for t in titles], letter_code=code
        )
    letter_round.test_codes = codes
    return move_to(letter_round, "closed")


def _ids(pb_round) -> dict[str, int]:
    return {p.title: p.pk for p in pb_round.proposals.all()}


def test_the_tally_waits_for_the_close(letter_round, wijkmanager, fake_engine):
    with pytest.raises(ValidationError) as excinfo:
        services.round_tally(round=letter_round, actor=wijkmanager)
    assert "the votes can be counted after the close" in excinfo.value.messages[0]
    assert not TallyResult.objects.exists()


def test_only_permitted_roles_tally_or_publish(voted_round, resident, reviewer, fake_engine):
    for actor in (resident, reviewer):
        with pytest.raises(PermissionDenied):
            services.round_tally(round=voted_round, actor=actor)
        with pytest.raises(PermissionDenied):
            services.round_results_publish(round=voted_round, actor=actor)


def test_the_election_holds_feasible_projects_and_ballots_by_their_own_id(
    voted_round, wijkmanager, fake_engine
):
    services.round_tally(round=voted_round, actor=wijkmanager)
    election = fake_engine[0]
    ids = _ids(voted_round)
    assert set(election.projects) == {str(pk) for pk in ids.values()}
    assert election.projects[str(ids["Speeltuin"])].cost == Fraction(4_000)
    assert election.budget == Fraction(10_000)
    assert election.vote_type == "approval"
    assert {v.id for v in election.voters} == {
        str(pk) for pk in Ballot.objects.values_list("pk", flat=True)
    }
    assert sorted(len(v.vote) for v in election.voters) == [1, 2, 2, 2, 2, 3]


def test_the_outcome_is_stored_with_its_explanation_and_audit_logged(
    voted_round, wijkmanager, fake_engine
):
    voted_round.amount_cents = 700_000  # Speeltuin and Bankjes fit, Bomen does not
    voted_round.save()
    result = services.round_tally(round=voted_round, actor=wijkmanager, reason="Na de sluiting")
    ids = _ids(voted_round)
    assert (result.rule, result.utility, result.tallied_by) == ("greedy", "cost", wijkmanager)
    assert (result.budget_cents, result.spent_cents, result.ballots_count) == (700_000, 700_000, 6)
    lines = {line.proposal.title: line for line in selectors.result_lines(result=result)}
    assert lines["Speeltuin"].selected and lines["Speeltuin"].position == 1
    assert lines["Speeltuin"].votes == 5
    assert lines["Bankjes"].position == 2
    assert not lines["Bomen"].selected
    assert (lines["Bomen"].reason, lines["Bomen"].missing) == ("does-not-fit", "2000")
    event = AuditEvent.objects.get(action="pb.round_tally")
    assert (event.actor, event.reason) == (wijkmanager, "Na de sluiting")
    assert event.changes["selected"] == [ids["Speeltuin"], ids["Bankjes"]]


def test_a_tally_is_replaced_by_running_it_again_before_publication(
    voted_round, wijkmanager, fake_engine
):
    first = services.round_tally(round=voted_round, actor=wijkmanager)
    second = services.round_tally(round=voted_round, actor=wijkmanager)
    assert TallyResult.objects.get() == second != first
    assert TallyLine.objects.count() == 3
    assert AuditEvent.objects.filter(action="pb.round_tally").count() == 2


def test_the_results_are_seen_only_by_tallying_staff_until_published(
    voted_round, wijkmanager, resident, fake_engine
):
    services.round_tally(round=voted_round, actor=wijkmanager)
    assert selectors.result_get(round=voted_round, user=resident) is None
    assert selectors.result_get(round=voted_round, user=wijkmanager) is not None
    services.round_results_publish(round=voted_round, actor=wijkmanager)
    voted_round.refresh_from_db()
    assert selectors.result_get(round=voted_round, user=resident) is not None


def test_publishing_reserves_each_winner_on_the_ledger(voted_round, wijkmanager, fake_engine):
    budget = voted_round.budget
    services.round_tally(round=voted_round, actor=wijkmanager)
    published = services.round_results_publish(
        round=voted_round, actor=wijkmanager, reason="Vastgesteld"
    )
    assert published.reserved_cents == 900_000
    budget.refresh_from_db()
    assert budget.balance_cents == 100_000
    holds = {
        line.proposal.title: line.hold
        for line in TallyLine.objects.select_related("hold", "proposal")
    }
    assert {t: h.balance_cents for t, h in holds.items()} == {
        "Speeltuin": 400_000,
        "Bankjes": 300_000,
        "Bomen": 200_000,
    }
    assert all(h.kind == AccountKind.HOLD and h.owner_kind == "pb.proposal" for h in holds.values())
    assert all(
        h.entries.get().transaction.kind == TransactionKind.RESERVATION for h in holds.values()
    )
    assert ledger_verify(fund=budget.fund) == []
    voted_round.refresh_from_db()
    assert voted_round.results_published and voted_round.results_published_by == wijkmanager
    event = AuditEvent.objects.get(action="pb.results_publish")
    assert (event.actor, event.reason, event.changes["reserved_cents"]) == (
        wijkmanager,
        "Vastgesteld",
        900_000,
    )


def test_after_publication_the_tally_is_fixed(voted_round, wijkmanager, fake_engine):
    services.round_tally(round=voted_round, actor=wijkmanager)
    services.round_results_publish(round=voted_round, actor=wijkmanager)
    with pytest.raises(ValidationError) as excinfo:
        services.round_tally(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == [
        "The results have been published; the tally can no longer be run again."
    ]
    with pytest.raises(ValidationError) as excinfo:
        services.round_results_publish(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == ["The results of this round have already been published."]
    code = voted_round.test_codes[0]
    with pytest.raises(ValidationError):
        services.paper_ballot_enter(
            round=voted_round, actor=wijkmanager, letter_code=code, choices=[]
        )


def test_publishing_without_a_tally_is_refused(voted_round, wijkmanager):
    with pytest.raises(ValidationError) as excinfo:
        services.round_results_publish(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == ["Count the votes first; there is no tally to publish."]


def test_a_selection_the_budget_no_longer_holds_is_refused_and_nothing_reserved(
    voted_round, wijkmanager, treasurer, fake_engine
):
    budget = voted_round.budget
    services.round_tally(round=voted_round, actor=wijkmanager)
    ledger.budget_return(budget=budget, actor=treasurer, amount_cents=500_000)  # money leaves
    with pytest.raises(ValidationError) as excinfo:
        services.round_results_publish(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == [
        "The selected projects cost €\xa09,000.00 but the budget holds only €\xa05,000.00 now. "
        "Allocate more money to the budget, or count the votes again."
    ]
    budget.refresh_from_db()
    assert budget.balance_cents == 500_000
    assert not Account.objects.filter(kind=AccountKind.HOLD, owner_kind="pb.proposal").exists()
    voted_round.refresh_from_db()
    assert not voted_round.results_published
    # Counting again divides what the budget holds now.
    result = services.round_tally(round=voted_round, actor=wijkmanager)
    assert result.budget_cents == 500_000
    services.round_results_publish(round=voted_round, actor=wijkmanager)
    budget.refresh_from_db()
    assert budget.balance_cents == 500_000 - result.spent_cents
    assert ledger_verify(fund=budget.fund) == []


def test_when_the_ledger_refuses_one_reservation_none_is_kept(
    voted_round, wijkmanager, fake_engine, monkeypatch
):
    """Between the check and the booking another booking may take the money: the ledger
    refuses, and the reservations already booked in this publication are undone too."""
    services.round_tally(round=voted_round, actor=wijkmanager)
    real_reserve = ledger.hold_reserve
    calls = []

    def reserve_then_refuse(**kwargs):
        calls.append(kwargs["amount_cents"])
        if len(calls) == 2:
            raise ledger.InsufficientFunds("no money")
        return real_reserve(**kwargs)

    monkeypatch.setattr(ledger, "hold_reserve", reserve_then_refuse)
    with pytest.raises(ValidationError) as excinfo:
        services.round_results_publish(round=voted_round, actor=wijkmanager)
    assert (
        "The budget no longer holds enough for Bankjes; nothing was reserved."
        in (excinfo.value.messages[0])
    )
    budget = voted_round.budget
    budget.refresh_from_db()
    assert budget.balance_cents == 1_000_000
    assert not TallyLine.objects.filter(hold__isnull=False).exists()
    assert ledger_verify(fund=budget.fund) == []


def test_a_fixed_amount_the_budget_no_longer_holds_is_refused_at_the_tally(
    voted_round, wijkmanager, treasurer, fake_engine
):
    voted_round.amount_cents = 800_000
    voted_round.save()
    ledger.budget_return(budget=voted_round.budget, actor=treasurer, amount_cents=300_000)
    with pytest.raises(ValidationError) as excinfo:
        services.round_tally(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == [
        "The round divides €\xa08,000.00 but its budget holds only €\xa07,000.00. Allocate "
        "more money to the budget or lower the round's amount."
    ]


def test_a_tally_over_the_budget_is_not_stored(voted_round, wijkmanager, monkeypatch):
    def overspending(election, **kwargs):
        outcome = REAL_TALLY(election, **kwargs)
        outcome.selected = list(election.projects)  # a fault in the engine
        return outcome

    voted_round.amount_cents = 500_000
    voted_round.save()
    monkeypatch.setattr(engine, "tally", overspending)
    with pytest.raises(ValidationError) as excinfo:
        services.round_tally(round=voted_round, actor=wijkmanager)
    assert (
        "more than the €\xa05,000.00 the round divides; nothing was stored"
        in (excinfo.value.messages[0])
    )
    assert not TallyResult.objects.exists()


def test_cumulative_points_reach_the_engine(wijk, wijkmanager, budget, fake_engine):
    from .factories import ProposalFactory

    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="voting",
        ballot_kind="cumulative",
        points_total=5,
    )
    a = ProposalFactory(round=pb_round, title="A", estimated_cost_cents=600_000)
    b = ProposalFactory(round=pb_round, title="B", estimated_cost_cents=600_000)
    voter = resident_of(wijk)
    code = services.vote_code_request(round=pb_round, actor=voter)
    from wijkwerk.pb.tasks import email_code_value

    services.ballot_cast(
        round=pb_round, actor=voter, choices={a.pk: 1, b.pk: 4}, email_code=email_code_value(code)
    )
    move_to(pb_round, "closed")
    result = services.round_tally(round=pb_round, actor=wijkmanager)
    (voter_seen,) = fake_engine[0].voters
    assert fake_engine[0].vote_type == "cumulative"
    assert dict(zip(voter_seen.vote, voter_seen.points, strict=True)) == {
        str(a.pk): 1,
        str(b.pk): 4,
    }
    assert [line.proposal for line in result.lines.filter(selected=True)] == [b]


def test_the_real_engine_selects_within_the_budget(voted_round, wijkmanager):
    result = services.round_tally(round=voted_round, actor=wijkmanager)
    assert result.spent_cents <= result.budget_cents
    assert result.lines.filter(selected=True).count() == 3


def test_the_minimum_share_becomes_a_number_of_votes_rounded_up(voted_round):
    voted_round.threshold_percent = 60
    assert services.min_score(round=voted_round, ballots=6) == 4  # 3.6 votes → 4
    assert services.min_score(round=voted_round, ballots=5) == 3
    voted_round.threshold_percent = None
    assert services.min_score(round=voted_round, ballots=6) is None


def test_the_real_engine_leaves_out_projects_below_the_threshold(voted_round, wijkmanager):
    voted_round.threshold_percent = 60  # at least 4 of the 6 ballots
    voted_round.save()
    result = services.round_tally(round=voted_round, actor=wijkmanager)
    lines = {line.proposal.title: line for line in result.lines.all()}
    assert [t for t, line in lines.items() if line.selected] == ["Speeltuin", "Bankjes"] or {
        t for t, line in lines.items() if line.selected
    } == {"Speeltuin", "Bankjes"}
    assert lines["Bomen"].reason == "below-threshold"


def test_with_mes_each_voter_sees_how_their_own_share_was_spent(voted_round, wijkmanager):
    voted_round.rule = "mes"
    voted_round.amount_cents = 600_000
    voted_round.save()
    result = services.round_tally(round=voted_round, actor=wijkmanager)
    assert result.voter_budget == "1000"  # € 6.000 over 6 ballots, in euros
    assert result.spent_cents <= 600_000
    assert result.purchases
    code = voted_round.test_codes[5]  # the ballot with only Bankjes
    assert selectors.voter_share_get(round=voted_round, letter_code=code) is None  # unpublished
    services.round_results_publish(round=voted_round, actor=wijkmanager)
    voted_round.refresh_from_db()
    share = selectors.voter_share_get(round=voted_round, letter_code=code)
    assert share["share"] == Fraction(1_000)
    assert sum(share["paid"].values()) + share["left"] == share["share"]
    assert set(share["paid"]) <= {_ids(voted_round)["Bankjes"]}
    assert selectors.voter_share_get(round=voted_round, letter_code="XXXX-XXXX-XXXX") is None


def test_the_tally_reseals_the_ballots_keeping_every_choice(voted_round, wijkmanager, fake_engine):
    def snapshot():
        return {
            (b.pk, b.token, frozenset(b.choices.values_list("proposal_id", "points")))
            for b in Ballot.objects.all()
        }

    before = snapshot()
    services.round_tally(round=voted_round, actor=wijkmanager)
    assert snapshot() == before
    if connection.vendor == "postgresql":
        # One writing transaction for all ballots, none shared with a participation.
        with connection.cursor() as cursor:
            cursor.execute("SELECT DISTINCT xmin::text FROM pb_ballot")
            ballot_xmins = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT DISTINCT xmin::text FROM pb_participation")
            participation_xmins = {row[0] for row in cursor.fetchall()}
        assert len(ballot_xmins) == 1
        assert not ballot_xmins & participation_xmins


def test_ballots_entered_after_the_tally_must_be_counted_before_publishing(
    voted_round, wijkmanager, fake_engine
):
    services.round_tally(round=voted_round, actor=wijkmanager)
    ids = _ids(voted_round)
    # A paper ballot that arrived by post is entered after the first count.
    move_to(voted_round, "voting")
    (code,) = services.letter_codes_generate(round=voted_round, actor=wijkmanager, count=1)
    move_to(voted_round, "closed")
    services.paper_ballot_enter(
        round=voted_round, actor=wijkmanager, letter_code=code, choices=[ids["Bomen"]]
    )
    with pytest.raises(ValidationError) as excinfo:
        services.round_results_publish(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == [
        "Ballots were entered after the votes were counted; count the votes again before "
        "publishing."
    ]
    assert services.round_tally(round=voted_round, actor=wijkmanager).ballots_count == 7
    services.round_results_publish(round=voted_round, actor=wijkmanager)


def test_a_tally_the_engine_refuses_is_reported_as_a_clear_message(
    voted_round, wijkmanager, monkeypatch
):
    from wijkwerk.pb.tally.rules import TallyError

    def refuse(election, **kwargs):
        raise TallyError("The budget must be more than zero.")

    monkeypatch.setattr(engine, "tally", refuse)
    with pytest.raises(ValidationError) as excinfo:
        services.round_tally(round=voted_round, actor=wijkmanager)
    assert excinfo.value.messages == ["The budget must be more than zero."]
    assert not TallyResult.objects.exists()


# --- correcting a winner's award (issue 18) ------------------------------------------------


def _published(voted_round, wijkmanager):
    services.round_tally(round=voted_round, actor=wijkmanager)
    services.round_results_publish(round=voted_round, actor=wijkmanager, reason="Vastgesteld")
    return {line.proposal.title: line for line in TallyLine.objects.select_related("proposal")}


def test_lowering_and_withdrawing_a_winner_books_it_and_changes_the_results(
    client, voted_round, wijkmanager, fake_engine
):
    from django.urls import reverse

    winners = _published(voted_round, wijkmanager)
    budget = voted_round.budget
    client.force_login(wijkmanager)
    url = reverse(
        "pb:staff_winner_correct",
        args=[voted_round.municipality.slug, voted_round.pk, winners["Bankjes"].pk],
    )
    assert client.get(url).status_code == 200
    refused = client.post(url, {"amount": "3000", "reason": "x"})
    assert refused.status_code == 400 and refused.context["form"].errors["amount"]
    assert client.post(url, {"amount": "1000", "reason": "Goedkoper"}).status_code == 302
    budget.refresh_from_db()
    assert budget.balance_cents == 300_000
    assert ledger_verify() == []
    services.winner_award_correct(
        line=winners["Speeltuin"], actor=wijkmanager, amount_cents=0, reason="Gaat niet door"
    )
    budget.refresh_from_db()
    assert budget.balance_cents == 700_000
    page = client.get(reverse("pb:round", args=[voted_round.municipality.slug, voted_round.pk]))
    assert "Goedkoper" in page.content.decode()
    assert ledger_verify() == []
    line = TallyLine.objects.get(pk=winners["Bankjes"].pk)
    assert line.award_cents == 100_000 and line.correction_reason == "Goedkoper"


def test_a_winner_correction_without_reason_or_role_changes_nothing(
    voted_round, wijkmanager, resident, fake_engine
):
    winners = _published(voted_round, wijkmanager)
    with pytest.raises(ValidationError):
        services.winner_award_correct(
            line=winners["Bomen"], actor=wijkmanager, amount_cents=0, reason=" "
        )
    with pytest.raises(PermissionDenied):
        services.winner_award_correct(
            line=winners["Bomen"], actor=resident, amount_cents=0, reason="weg"
        )
    voted_round.budget.refresh_from_db()
    assert voted_round.budget.balance_cents == 100_000
    assert TallyLine.objects.get(pk=winners["Bomen"].pk).award_cents == 200_000


def test_ledger_verify_finds_a_winner_whose_reservation_was_reversed_in_the_ledger(
    voted_round, wijkmanager, fake_engine
):
    winners = _published(voted_round, wijkmanager)
    hold = winners["Bomen"].hold
    # As a reversal in the ledger alone once did: money back, the decision unchanged.
    ledger._post(
        fund=hold.fund,
        kind=TransactionKind.CORRECTION,
        lines=[(hold, -200_000), (voted_round.budget, 200_000)],
        actor=None,
        memo="buiten het besluit om",
    )
    problems = ledger_verify()
    assert [p.what for p in problems] == ["decision"]
    assert f"budget round winner {winners['Bomen'].pk}" in problems[0].detail
