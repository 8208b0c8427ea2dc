"""The staff pages of a budget round: who sees the page and which steps (a truth table per
role), each step through its form and service, refusals explained next to the field (400)
with the input kept and nothing changed, and success redirecting back with a message.

Requests are made in English (the language cookie), so the services' messages are asserted
in their source text."""

import csv
import io
import re

import pytest
from django.conf import settings
from django.urls import reverse

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.budgets.models import AccountKind
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.pb import services
from wijkwerk.pb.models import (
    Ballot,
    BallotKind,
    Channel,
    LetterCode,
    Participation,
    Proposal,
    ProposalStatus,
    TallyResult,
    Verification,
)

from .factories import ProposalFactory, make_round, move_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def review_round(wijk, wijkmanager, budget, resident):
    """A letter round in its review phase with one proposal by a resident, not yet judged."""
    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="review",
        verification=Verification.LETTER,
    )
    ProposalFactory(
        round=pb_round,
        title="Speeltuin",
        status=ProposalStatus.SUBMITTED,
        estimated_cost_cents=None,
        submitted_by=resident,
    )
    return pb_round


@pytest.fixture
def closed_round(wijkmanager, letter_round):
    """The letter round with four ballots, closed. Speeltuin 3, Bankjes 2, Bomen 1."""
    codes = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=4)
    ids = {p.title: p.pk for p in letter_round.proposals.all()}
    ballots = [["Speeltuin", "Bankjes"], ["Speeltuin", "Bomen"], ["Speeltuin"], ["Bankjes"]]
    for code, titles in zip(codes, ballots, strict=True):
        services.ballot_cast(
            round=letter_round, actor=None, choices=[ids[t] for t in titles], letter_code=code
        )
    return move_to(letter_round, "closed")


def _url(pb_round, name="staff", *args):
    return reverse(f"pb:{name}", args=[pb_round.municipality.slug, pb_round.pk, *args])


def _act(client, pb_round, action, data=None):
    return client.post(_url(pb_round, "staff_action", action), data or {})


def _review(client, proposal, data):
    return client.post(_url(proposal.round, "staff_review", proposal.pk), data)


def _page(response) -> str:
    return response.content.decode()


# --- who sees what -------------------------------------------------------------------------


def test_a_resident_gets_404_on_the_page_and_on_every_step(client, review_round, resident):
    client.force_login(resident)
    proposal = review_round.proposals.get()
    assert client.get(_url(review_round)).status_code == 404
    for action in ("add", "letters", "paper", "tally", "publish"):
        assert _act(client, review_round, action).status_code == 404
    assert _review(client, proposal, {"verdict": "feasible", "cost": "100"}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_an_anonymous_visitor_is_sent_to_log_in(client, review_round):
    response = client.get(_url(review_round))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_missing_round_and_another_municipalitys_round_are_404(client, review_round, wijkmanager):
    client.force_login(wijkmanager)
    other = MunicipalityFactory(slug="elders")
    assert client.get(reverse("pb:staff", args=[other.slug, review_round.pk])).status_code == 404
    assert client.get(reverse("pb:staff", args=["den-helder", 99999])).status_code == 404


def test_a_partner_sees_the_review_only_and_not_the_proposer(
    client, review_round, reviewer, resident
):
    client.force_login(reviewer)
    response = client.get(_url(review_round))
    assert response.status_code == 200
    proposal = review_round.proposals.get()
    assert [row.form is not None for row in response.context["rows"]] == [True]
    assert response.context["rows"][0].proposer is None
    assert resident.full_name not in _page(response)
    assert set(response.context["panels"]) == set()
    # A step of another role is refused to the partner, who knows the round exists.
    assert _act(client, review_round, "add", {"title": "x"}).status_code == 403
    assert _act(client, review_round, "letters", {"count": "5"}).status_code == 403
    assert LetterCode.objects.count() == 0
    assert Proposal.objects.filter(round=review_round).count() == 1
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_wijkmanager_sees_every_step_of_the_phase_and_the_proposer(
    client, review_round, wijkmanager, resident
):
    client.force_login(wijkmanager)
    response = client.get(_url(review_round))
    assert response.status_code == 200
    assert response.context["rows"][0].proposer == resident
    assert resident.full_name in _page(response)
    # In the review phase: add proposals and make code letters; no paper, tally, publish.
    assert set(response.context["panels"]) == {"add", "letters"}
    assert reverse("pb:round", args=[review_round.municipality.slug, review_round.pk]) in _page(
        response
    )


def test_after_the_close_staff_count_and_nobody_reviews(client, closed_round, wijkmanager):
    client.force_login(wijkmanager)
    response = client.get(_url(closed_round))
    assert set(response.context["panels"]) == {"paper", "tally"}
    assert all(row.form is None for row in response.context["rows"])


def test_an_unknown_step_is_404(client, review_round, wijkmanager):
    client.force_login(wijkmanager)
    assert _act(client, review_round, "nonsense").status_code == 404


# --- 1. review -----------------------------------------------------------------------------


def test_a_partner_judges_a_proposal_feasible_at_a_cost_typed_the_dutch_way(
    client, review_round, reviewer
):
    client.force_login(reviewer)
    proposal = review_round.proposals.get()
    response = _review(client, proposal, {"verdict": "feasible", "cost": "1.250,50"})
    assert response.status_code == 302
    assert response["Location"] == _url(review_round)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FEASIBLE
    assert proposal.estimated_cost_cents == 125_050
    assert proposal.reviewed_by == reviewer
    page = client.get(response["Location"])
    assert "Your review of “Speeltuin” has been saved." in _page(page)


def test_not_feasible_without_a_reason_is_explained_and_nothing_changes(
    client, review_round, reviewer
):
    client.force_login(reviewer)
    proposal = review_round.proposals.get()
    response = _review(client, proposal, {"verdict": "not_feasible", "reason": " "})
    assert response.status_code == 400
    form = response.context["rows"][0].form
    message = "Explain why the proposal is not feasible; the reason is published."
    assert form.errors["reason"] == [message]
    assert message in _page(response)
    assert re.search(f'id="review-{proposal.pk}-verdict_1"[^>]* checked', _page(response))
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED


def test_a_cost_above_the_budget_is_explained_next_to_the_cost_and_kept(
    client, review_round, reviewer
):
    client.force_login(reviewer)
    proposal = review_round.proposals.get()
    response = _review(client, proposal, {"verdict": "feasible", "cost": "20.000"})
    assert response.status_code == 400
    errors = response.context["rows"][0].form.errors["cost"]
    assert errors[0].startswith("This costs more than the €\u00a010,000.00 the round divides")
    assert 'value="20.000"' in _page(response)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert proposal.estimated_cost_cents is None


def test_a_proposal_of_another_round_cannot_be_reviewed_here(
    client, review_round, voting_round, reviewer
):
    client.force_login(reviewer)
    foreign = voting_round.proposals.first()
    response = client.post(
        _url(review_round, "staff_review", foreign.pk), {"verdict": "not_feasible", "reason": "x"}
    )
    assert response.status_code == 404


# --- 2. a proposal from an initiative or wijkagenda item -----------------------------------


def test_staff_add_a_proposal_from_a_wijkagenda_item(client, review_round, wijkmanager, wijk):
    item = AgendaItemFactory(area=wijk, title="Meer groen")
    client.force_login(wijkmanager)
    response = _act(
        client,
        review_round,
        "add",
        {
            "origin_kind": "agenda.agendaitem",
            "origin": str(item.pk),
            "title": "Meer groen op het plein",
            "summary": "Bomen en plantenbakken.",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(round=review_round, origin_kind="agenda.agendaitem")
    assert proposal.origin_id == str(item.pk)
    assert proposal.title == "Meer groen op het plein"


def test_a_wijkagenda_item_that_does_not_exist_is_explained_and_nothing_added(
    client, review_round, wijkmanager
):
    client.force_login(wijkmanager)
    data = {
        "origin_kind": "agenda.agendaitem",
        "origin": "424242",
        "title": "Meer groen",
        "summary": "Bomen.",
    }
    response = _act(client, review_round, "add", data)
    assert response.status_code == 400
    message = "There is no wijkagenda item 424242 in Den Helder."
    assert response.context["panels"]["add"]["form"].errors["origin"] == [message]
    assert message in _page(response)
    assert 'value="Meer groen"' in _page(response)
    assert Proposal.objects.filter(round=review_round).count() == 1


# --- 3. code letters -----------------------------------------------------------------------


def test_code_letters_are_answered_once_as_a_csv_and_stored_only_hashed(
    client, review_round, wijkmanager
):
    client.force_login(wijkmanager)
    page = client.get(_url(review_round))
    assert "cannot show them again" in _page(page)
    response = _act(client, review_round, "letters", {"count": "3"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["code"]
    codes = [row[0] for row in rows[1:]]
    assert len(codes) == 3
    stored = list(LetterCode.objects.filter(round=review_round).values_list("code_hash", flat=True))
    assert len(stored) == 3
    assert not any(code.replace("-", "") in h or code in h for code in codes for h in stored)


def test_code_letters_in_an_email_round_are_refused_with_the_services_message(
    client, voting_round, wijkmanager
):
    move_to(voting_round, "review")
    client.force_login(wijkmanager)
    response = _act(client, voting_round, "letters", {"count": "3"})
    assert response.status_code == 400
    assert (
        "This round verifies voters by e-mail; choose code letters for the round first."
        in _page(response)
    )
    assert LetterCode.objects.count() == 0


def test_too_many_code_letters_are_refused_next_to_the_number(client, review_round, wijkmanager):
    client.force_login(wijkmanager)
    response = _act(client, review_round, "letters", {"count": "0"})
    assert response.status_code == 400
    assert response.context["panels"]["letters"]["form"].errors["count"] == [
        "Make between 1 and 100000 codes at a time."
    ]
    assert LetterCode.objects.count() == 0


# --- 4. paper ballots ----------------------------------------------------------------------


def test_staff_enter_a_paper_ballot(client, letter_round, wijkmanager):
    [code] = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)
    chosen = list(letter_round.proposals.order_by("pk").values_list("pk", flat=True)[:2])
    client.force_login(wijkmanager)
    response = _act(client, letter_round, "paper", {"code": code, "choices": chosen})
    assert response.status_code == 302
    assert Participation.objects.get(round=letter_round).channel == Channel.PAPER
    assert LetterCode.objects.get(round=letter_round).used_channel == Channel.PAPER
    ballot = Ballot.objects.get(round=letter_round)
    assert sorted(ballot.choices.values_list("proposal_id", flat=True)) == chosen


def test_a_wrong_code_is_explained_the_ticks_kept_and_nothing_stored(
    client, letter_round, wijkmanager
):
    services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)
    first = letter_round.proposals.order_by("pk").first()
    client.force_login(wijkmanager)
    response = _act(
        client, letter_round, "paper", {"code": "AAAA-BBBB-CCCC", "choices": [first.pk]}
    )
    assert response.status_code == 400
    message = "This code is not valid for this round. Check the code on the letter."
    assert response.context["panels"]["paper"]["form"].errors["code"] == [message]
    assert 'value="AAAA-BBBB-CCCC"' in _page(response)
    assert re.search(f'value="{first.pk}"[^>]* id="paper-choices_0"[^>]* checked', _page(response))
    assert Participation.objects.count() == 0
    assert Ballot.objects.count() == 0


def test_a_cumulative_paper_ballot_gives_points(client, wijk, wijkmanager, budget):
    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="voting",
        verification=Verification.LETTER,
        ballot_kind=BallotKind.CUMULATIVE,
        points_total=5,
    )
    a, b = (ProposalFactory(round=pb_round) for _i in range(2))
    [code] = services.letter_codes_generate(round=pb_round, actor=wijkmanager, count=1)
    client.force_login(wijkmanager)
    too_many = {"code": code, f"points_{a.pk}": "4", f"points_{b.pk}": "3"}
    response = _act(client, pb_round, "paper", too_many)
    assert response.status_code == 400
    assert "You gave 7 points; you have 5 to distribute." in _page(response)
    assert Ballot.objects.count() == 0
    response = _act(client, pb_round, "paper", {**too_many, f"points_{b.pk}": "1"})
    assert response.status_code == 302
    assert dict(Ballot.objects.get().choices.values_list("proposal_id", "points")) == {
        a.pk: 4,
        b.pk: 1,
    }


# --- 5. tally and publication --------------------------------------------------------------


def test_the_tally_needs_a_reason(client, closed_round, wijkmanager):
    client.force_login(wijkmanager)
    response = _act(client, closed_round, "tally", {"reason": ""})
    assert response.status_code == 400
    assert "reason" in response.context["panels"]["tally"]["form"].errors
    assert not TallyResult.objects.exists()


def test_before_the_close_the_tally_is_refused_with_the_services_message(
    client, letter_round, wijkmanager
):
    client.force_login(wijkmanager)
    response = _act(client, letter_round, "tally", {"reason": "Te vroeg"})
    assert response.status_code == 400
    assert "the votes can be counted after the close." in _page(response)
    assert not TallyResult.objects.exists()


def test_staff_count_then_see_the_outcome_and_publish_it_on_the_ledger(
    client, closed_round, wijkmanager, budget
):
    client.force_login(wijkmanager)
    response = _act(client, closed_round, "tally", {"reason": "De stemming is gesloten."})
    assert response.status_code == 302
    result = TallyResult.objects.get(round=closed_round)
    assert result.reason == "De stemming is gesloten."
    page = client.get(response["Location"])
    assert "The votes have been counted." in _page(page)
    assert set(page.context["panels"]) == {"paper", "tally", "publish"}
    lines = page.context["lines"]
    assert [line.title for line in lines if line.selected] == ["Speeltuin", "Bankjes", "Bomen"]
    assert all(line.outcome == "selected" for line in lines)

    response = _act(client, closed_round, "publish", {})
    assert response.status_code == 302
    closed_round.refresh_from_db()
    assert closed_round.results_published
    holds = budget.fund.accounts.filter(kind=AccountKind.HOLD)
    assert sorted(h.balance_cents for h in holds) == [200_000, 300_000, 400_000]
    assert ledger_verify() == []
    page = client.get(response["Location"])
    assert "The results have been published" in _page(page)
    assert set(page.context["panels"]) == set()
    assert all(line.reserved for line in page.context["lines"])


def test_a_partner_may_not_count_or_publish(client, closed_round, reviewer):
    client.force_login(reviewer)
    assert _act(client, closed_round, "tally", {"reason": "x"}).status_code == 403
    assert _act(client, closed_round, "publish", {}).status_code == 403
    assert not TallyResult.objects.exists()


def test_publishing_after_a_later_paper_ballot_is_refused_until_counted_again(
    client, wijkmanager, letter_round
):
    online, paper = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=2)
    first = letter_round.proposals.order_by("pk").first()
    services.ballot_cast(round=letter_round, actor=None, choices=[first.pk], letter_code=online)
    move_to(letter_round, "closed")
    services.round_tally(round=letter_round, actor=wijkmanager, reason="Eerste telling")
    client.force_login(wijkmanager)
    assert (
        _act(client, letter_round, "paper", {"code": paper, "choices": [first.pk]}).status_code
        == 302
    )
    response = _act(client, letter_round, "publish", {})
    assert response.status_code == 400
    assert (
        "Ballots were entered after the votes were counted; count the votes again before "
        "publishing." in _page(response)
    )
    letter_round.refresh_from_db()
    assert not letter_round.results_published


def test_a_role_without_budget_round_rights_gets_404(client, letter_round, wijk):
    member = RoleAssignmentFactory(area=wijk, role=Role.REGIEGROEP_MEMBER).user
    client.force_login(member)
    assert client.get(_url(letter_round)).status_code == 404
    assert _act(client, letter_round, "paper", {"code": "x"}).status_code == 404
