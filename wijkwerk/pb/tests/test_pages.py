"""The public round pages: the list, proposing a project, voting with an e-mail code or a
letter code, and the results with each project's outcome and a voter's own share."""

import pytest
from django.urls import reverse

from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.pb import services
from wijkwerk.pb.models import Ballot, EmailCode, Participation, Proposal
from wijkwerk.pb.tasks import email_code_value

from .factories import ProposalFactory, make_round, move_to, resident_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, settings):
    """The pages in English, so the tests read the source texts; one test checks Dutch."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def url(name, pb_round):
    return reverse(f"pb:{name}", args=[pb_round.municipality.slug, pb_round.pk])


def ids(pb_round):
    return {p.title: p.pk for p in pb_round.proposals.all()}


def text(response):
    return response.content.decode()


def test_the_pages_speak_dutch_by_default(voting_round):
    from django.test import Client

    page = Client().get(url("round", voting_round)).content.decode()
    assert "Voorstellen" in page and "€\xa04.000,00" in page


def test_the_list_shows_each_round_with_its_phase(client, voting_round):
    response = client.get(reverse("pb:rounds", args=[voting_round.municipality.slug]))
    assert response.status_code == 200
    assert voting_round.title in text(response)
    assert '<span class="badge">Voting</span>' in text(response)


def test_everyone_sees_the_proposals_and_why_one_is_not_feasible(client, voting_round):
    response = client.get(url("round", voting_round))
    assert response.status_code == 200
    page = text(response)
    assert "Speeltuin" in page and "€\xa04,000.00" in page
    assert "Te duur voor een wijkbudget." in page
    assert "Log in to vote" in page
    assert response.context["ballot_form"] is not None
    assert "email_code" not in page  # no ballot without logging in


def test_a_resident_asks_for_a_code_and_votes(client, voting_round, voter):
    client.force_login(voter)
    response = client.post(url("code", voting_round))
    assert response.status_code == 302
    code = EmailCode.objects.get(round=voting_round, user=voter)
    chosen = ids(voting_round)
    response = client.post(
        url("vote", voting_round),
        {"projects": [chosen["Speeltuin"], chosen["Bomen"]], "email_code": email_code_value(code)},
    )
    assert response.status_code == 302
    assert Participation.objects.filter(round=voting_round).count() == 1
    page = client.get(url("round", voting_round))
    assert page.context["voted"]
    # The ballot comes back ticked, from the voter's own token.
    assert set(page.context["ballot_form"].initial["projects"]) == {
        chosen["Speeltuin"],
        chosen["Bomen"],
    }


def test_a_wrong_code_is_explained_and_no_ballot_is_stored(client, voting_round, voter):
    client.force_login(voter)
    client.post(url("code", voting_round))
    response = client.post(
        url("vote", voting_round),
        {"projects": [ids(voting_round)["Bankjes"]], "email_code": "000000"},
    )
    assert response.status_code == 400
    assert "This code is not correct" in text(response)
    assert not Ballot.objects.exists() and not Participation.objects.exists()


def test_someone_living_elsewhere_is_told_why_they_cannot_vote(client, voting_round, wijk):
    elsewhere = WijkFactory(municipality=wijk.municipality)
    client.force_login(resident_of(elsewhere))
    response = client.get(url("round", voting_round))
    assert response.context["eligibility"].startswith("You do not live in")
    assert "email_code" not in text(response)


def test_a_letter_code_votes_without_logging_in(client, letter_round, wijkmanager):
    (code,) = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=1)
    response = client.post(
        url("vote", letter_round), {"projects": [ids(letter_round)["Bankjes"]], "letter_code": code}
    )
    assert response.status_code == 302
    assert Ballot.objects.filter(round=letter_round).count() == 1


def test_a_ballot_over_the_limit_is_refused_with_the_reason(client, wijk, wijkmanager, budget):
    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="voting",
        verification="letter",
        max_projects=1,
    )
    a = ProposalFactory(round=pb_round, title="A", estimated_cost_cents=100_000)
    b = ProposalFactory(round=pb_round, title="B", estimated_cost_cents=100_000)
    (code,) = services.letter_codes_generate(round=pb_round, actor=wijkmanager, count=1)
    response = client.post(url("vote", pb_round), {"projects": [a.pk, b.pk], "letter_code": code})
    assert response.status_code == 400
    assert "you may choose at most 1 project" in text(response)
    assert not Ballot.objects.exists()


def test_a_resident_proposes_a_project_while_proposals_are_open(
    client, wijk, wijkmanager, budget, voter
):
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="proposals")
    client.force_login(voter)
    response = client.post(
        url("propose", pb_round),
        {"title": "Moestuin", "summary": "Bakken op het plein", "location": ""},
    )
    assert response.status_code == 302
    assert Proposal.objects.get(round=pb_round).title == "Moestuin"
    empty = client.post(url("propose", pb_round), {"title": "", "summary": ""})
    assert empty.status_code == 400
    assert Proposal.objects.filter(round=pb_round).count() == 1


def _published(pb_round, wijkmanager, rule="greedy"):
    pb_round.rule = rule
    pb_round.save()
    move_to(pb_round, "closed")
    services.round_tally(round=pb_round, actor=wijkmanager, reason="Na de sluiting")
    services.round_results_publish(round=pb_round, actor=wijkmanager)
    pb_round.refresh_from_db()
    return pb_round


def test_the_results_show_every_project_and_why(client, letter_round, wijkmanager):
    chosen = ids(letter_round)
    codes = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=3)
    for code, projects in zip(
        codes, [["Speeltuin", "Bankjes"], ["Speeltuin"], ["Bomen"]], strict=True
    ):
        services.ballot_cast(
            round=letter_round, actor=None, choices=[chosen[t] for t in projects], letter_code=code
        )
    letter_round.amount_cents = 600_000  # Speeltuin (2 votes) and Bomen fit; Bankjes does not
    letter_round.save()
    _published(letter_round, wijkmanager)
    response = client.get(url("round", letter_round))
    bars = {bar.title: bar for bar in response.context["bars"]}
    assert bars["Speeltuin"].selected and bars["Bomen"].selected
    assert not bars["Bankjes"].selected
    assert bars["Bankjes"].reason.startswith("not selected: did not fit")
    assert bars["Bankjes"].detail == "€\xa01,000.00 was missing when its turn came."
    assert bars["Speeltuin"].width == "66.67%"  # € 4.000 of € 6.000
    assert "3 ballots were counted" in text(response)


def test_a_letter_voter_sees_their_own_share_and_nobody_else_does(
    client, letter_round, wijkmanager
):
    chosen = ids(letter_round)
    codes = services.letter_codes_generate(round=letter_round, actor=wijkmanager, count=2)
    services.ballot_cast(
        round=letter_round, actor=None, choices=[chosen["Bomen"]], letter_code=codes[0]
    )
    services.ballot_cast(
        round=letter_round, actor=None, choices=[chosen["Speeltuin"]], letter_code=codes[1]
    )
    letter_round.amount_cents = 600_000  # a share of € 3.000 each
    letter_round.save()
    _published(letter_round, wijkmanager, rule="mes")
    assert client.get(url("round", letter_round)).context["share"] is None
    response = client.post(url("share", letter_round), {"letter_code": codes[0]})
    assert response.status_code == 200
    share = response.context["share"]
    assert share["share"] == "€\xa03,000.00"
    assert share["paid"] == [("Bomen", "€\xa02,000.00")]
    assert share["left"] == "€\xa01,000.00"
    wrong = client.post(url("share", letter_round), {"letter_code": "AAAA-BBBB-CCCC"})
    assert wrong.status_code == 400
    assert "No ballot with this code" in text(wrong)
