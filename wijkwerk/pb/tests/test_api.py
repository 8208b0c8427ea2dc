"""The budget rounds API: rounds and proposals are public but the proposer is personal
data; residents propose, partners review, staff count and publish (each refused to anyone
else, with the service's message on bad input); results stay hidden until published; and
the pabulib export reads back and, counted again with the round's rule, selects the same
winners. Responses are checked against the project's own OpenAPI schema."""

import re
import uuid

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.budgets.models import AccountKind
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.pb import services
from wijkwerk.pb import tally as engine
from wijkwerk.pb.models import Ballot, Proposal, ProposalStatus, TallyResult, Verification
from wijkwerk.pb.tally import pabulib

from .factories import ProposalFactory, make_round, move_to, resident_of, round_values

pytestmark = pytest.mark.django_db

DECIMAL = re.compile(r"^[0-9]+\.[0-9]{2}$")


class EnglishClient(APIClient):
    """A client that chose English (also after logging out, which clears the cookies):
    messages are asserted in their source text."""

    def __init__(self, **defaults):
        super().__init__(**defaults)
        self.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def logout(self):
        super().logout()
        self.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def api():
    return EnglishClient()


@pytest.fixture
def proposals_round(wijk, wijkmanager, budget):
    return make_round(wijk=wijk, actor=wijkmanager, budget=budget, title="Wijkbudget Oost")


@pytest.fixture
def submitted(proposals_round, voter):
    """A resident's proposal, awaiting review."""
    return services.proposal_submit(
        round=proposals_round,
        actor=voter,
        title="Speeltuin",
        summary="Een speeltuin op het plein.",
        location="Plein",
    )


@pytest.fixture
def review_round(proposals_round, submitted):
    return move_to(proposals_round, "review")


def _results(api, pb_round):
    return api.get(f"/api/v1/pb-rounds/{pb_round.pk}/results/")


def assert_refused(response, errors):
    """A 400 whose body names exactly these fields, with these messages (None: any)."""
    assert response.status_code == 400
    body = response.json()
    assert list(body) == list(errors)
    for field, messages in errors.items():
        if messages is not None:
            assert body[field] == messages


# --- rounds --------------------------------------------------------------------------------


def test_rounds_are_public_and_filtered_by_municipality_or_area(
    api, wijk, municipality, proposals_round, treasurer, budget
):
    whole = services.round_create(
        municipality=municipality,
        area=None,
        actor=treasurer,
        **round_values(budget=budget, title="Hele gemeente"),
    )
    other_wijk = WijkFactory(municipality=municipality, code="WK040002", slug="west")
    elsewhere = MunicipalityFactory(code="GM0363", name="Amsterdam", slug="amsterdam")

    listed = api.get("/api/v1/pb-rounds/", {"municipality": municipality.slug}).json()
    assert_matches_schema(listed["results"], "PbRound", many=True)
    assert {r["id"] for r in listed["results"]} == {proposals_round.pk, whole.pk}
    assert api.get("/api/v1/pb-rounds/", {"municipality": elsewhere.slug}).json()["results"] == []
    by_wijk = api.get("/api/v1/pb-rounds/", {"area": wijk.pk}).json()["results"]
    assert {r["id"] for r in by_wijk} == {proposals_round.pk, whole.pk}
    by_other = api.get("/api/v1/pb-rounds/", {"area": other_wijk.code}).json()["results"]
    assert [r["id"] for r in by_other] == [whole.pk]

    unknown = api.get("/api/v1/pb-rounds/", {"municipality": "nergenshuizen"})
    assert unknown.status_code == 400
    assert unknown.json() == {"municipality": ["There is no municipality with slug nergenshuizen."]}
    assert api.get("/api/v1/pb-rounds/", {"area": 999_999}).status_code == 400

    body = api.get(f"/api/v1/pb-rounds/{proposals_round.pk}/").json()
    assert_matches_schema(body, "PbRound")
    assert body | {"proposals_from": None} == body | {
        "proposals_from": None,
        "id": proposals_round.pk,
        "municipality": municipality.slug,
        "area": wijk.pk,
        "title": "Wijkbudget Oost",
        "budget": budget.pk,
        "amount_cents": None,
        "phase": "proposals",
        "ballot_kind": "approval",
        "verification": "email",
        "rule": "greedy",
        "utility": "cost",
        "compare_greedy": False,
        "threshold_percent": None,
        "results_published": False,
    }
    assert api.get("/api/v1/pb-rounds/999999/").status_code == 404
    assert api.get("/api/v1/pb-rounds/99999999999999999999/").status_code == 404


# --- proposals -----------------------------------------------------------------------------


def test_a_resident_proposes_and_sees_themself_as_proposer(api, proposals_round, voter):
    url = f"/api/v1/pb-rounds/{proposals_round.pk}/proposals/"
    data = {"title": " Bankjes ", "summary": "Drie bankjes bij de vijver.", "location": "Vijver"}
    assert api.post(url, data, format="json").status_code == 403
    assert not Proposal.objects.exists()
    api.force_authenticate(voter)
    response = api.post(url, data, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "PbProposal")
    assert (body["title"], body["status"], body["estimated_cost_cents"]) == (
        "Bankjes",
        "submitted",
        None,
    )
    assert body["proposer"] == {"name": voter.full_name, "email": voter.email}
    assert Proposal.objects.get().submitted_by == voter


@pytest.mark.parametrize(
    "data, errors",
    [
        (
            {"title": "  ", "summary": "Iets moois."},
            {"title": ["Give your proposal a short title."]},
        ),
        (
            {"title": "Bomen", "summary": ""},
            {"summary": ["Describe the project: what should happen, and where?"]},
        ),
        ({"summary": "Zonder titel."}, {"title": ["This field is required."]}),
        ({"title": "x" * 161, "summary": "Te lang."}, {"title": None}),
    ],
)
def test_an_incomplete_proposal_is_explained_and_not_stored(
    api, proposals_round, voter, data, errors
):
    api.force_authenticate(voter)
    response = api.post(f"/api/v1/pb-rounds/{proposals_round.pk}/proposals/", data, format="json")
    assert_refused(response, errors)
    assert not Proposal.objects.exists()


def test_proposals_are_refused_outside_the_proposals_phase(api, voting_round, voter):
    api.force_authenticate(voter)
    response = api.post(
        f"/api/v1/pb-rounds/{voting_round.pk}/proposals/",
        {"title": "Laat", "summary": "Te laat ingediend."},
        format="json",
    )
    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert message.startswith("Proposals can be submitted from ")


def test_the_proposer_is_shown_only_to_those_who_may_see_personal_data(
    api, proposals_round, submitted, voter, resident, reviewer, wijkmanager
):
    """Public list: the proposer is null for the public, other residents and partners; the
    wijkmanager (pb.view_personal_data) and the proposer see who it was."""
    url = f"/api/v1/pb-rounds/{proposals_round.pk}/proposals/"
    seen = {}
    for name, user in [
        ("public", None),
        ("resident", resident),
        ("reviewer", reviewer),
        ("wijkmanager", wijkmanager),
        ("proposer", voter),
    ]:
        api.force_authenticate(user)
        listed = api.get(url).json()
        assert_matches_schema(listed, "PbProposal", many=True)
        (item,) = listed
        one = api.get(f"/api/v1/pb-proposals/{submitted.pk}/").json()
        assert_matches_schema(one, "PbProposal")
        assert one == item
        seen[name] = item["proposer"]
    assert seen == {
        "public": None,
        "resident": None,
        "reviewer": None,
        "wijkmanager": {"name": voter.full_name, "email": voter.email},
        "proposer": {"name": voter.full_name, "email": voter.email},
    }
    assert item | {"proposer": None} == {
        "id": submitted.pk,
        "round": proposals_round.pk,
        "title": "Speeltuin",
        "summary": "Een speeltuin op het plein.",
        "location": "Plein",
        "status": "submitted",
        "estimated_cost_cents": None,
        "review_reason": "",
        "origin_kind": "",
        "origin_id": "",
        "proposer": None,
    }


def test_a_withdrawn_proposal_is_for_staff_only(
    api, proposals_round, submitted, resident, wijkmanager
):
    Proposal.objects.filter(pk=submitted.pk).update(status=ProposalStatus.WITHDRAWN)
    url = f"/api/v1/pb-proposals/{submitted.pk}/"
    for user in (None, resident):
        api.force_authenticate(user)
        assert api.get(url).status_code == 404
        assert api.get(f"/api/v1/pb-rounds/{proposals_round.pk}/proposals/").json() == []
    api.force_authenticate(wijkmanager)
    assert api.get(url).json()["status"] == "withdrawn"
    assert api.get("/api/v1/pb-proposals/999999/").status_code == 404


# --- review --------------------------------------------------------------------------------


def test_only_partners_and_staff_of_the_wijk_review(api, review_round, submitted, voter, resident):
    url = f"/api/v1/pb-proposals/{submitted.pk}/review/"
    data = {"feasible": True, "cost_cents": 250_000}
    assert api.post(url, data, format="json").status_code == 403
    for user in (voter, resident):
        api.force_authenticate(user)
        response = api.post(url, data, format="json")
        assert response.status_code == 403
        assert response.json() == {
            "detail": "You do not have a role that allows this for this budget round."
        }
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SUBMITTED


@pytest.mark.parametrize(
    "data, errors",
    [
        (
            {"feasible": True},
            {"cost_cents": ["Enter the estimated cost of a feasible proposal."]},
        ),
        (
            {"feasible": False, "reason": "  "},
            {"reason": ["Explain why the proposal is not feasible; the reason is published."]},
        ),
        (
            {"feasible": True, "cost_cents": 1_000_001},
            {
                "cost_cents": [
                    "This costs more than the €\xa010,000.00 the round divides, so it can never be "
                    "selected. Check the estimate, or judge the proposal not feasible."
                ]
            },
        ),
        ({"feasible": True, "cost_cents": 0}, {"cost_cents": None}),
        ({"feasible": True, "cost_cents": 12.5}, {"cost_cents": None}),
        ({"cost_cents": 100}, {"feasible": None}),
    ],
)
def test_a_bad_review_is_explained_and_changes_nothing(
    api, review_round, submitted, reviewer, data, errors
):
    api.force_authenticate(reviewer)
    response = api.post(f"/api/v1/pb-proposals/{submitted.pk}/review/", data, format="json")
    assert_refused(response, errors)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.estimated_cost_cents) == ("submitted", None)


def test_a_partner_reviews_a_proposal(api, review_round, submitted, reviewer):
    api.force_authenticate(reviewer)
    url = f"/api/v1/pb-proposals/{submitted.pk}/review/"
    response = api.post(url, {"feasible": True, "cost_cents": 250_000}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert_matches_schema(body, "PbProposal")
    assert (body["status"], body["estimated_cost_cents"], body["proposer"]) == (
        "feasible",
        250_000,
        None,
    )
    response = api.post(url, {"feasible": False, "reason": "Geen ruimte."}, format="json")
    assert (response.json()["status"], response.json()["review_reason"]) == (
        "not_feasible",
        "Geen ruimte.",
    )
    move_to(review_round, "voting")
    late = api.post(url, {"feasible": True, "cost_cents": 1_000}, format="json")
    assert late.status_code == 400
    assert late.json() == {
        "non_field_errors": [
            "Voting has opened: the ballot is fixed and proposals can no longer be reviewed."
        ]
    }


# --- tally, results and export -------------------------------------------------------------


@pytest.fixture
def mes_round(wijk, wijkmanager, budget):
    """A closed letter round counted with MES + Add1 on € 7.000, six ballots. Votes:
    Speeltuin 5, Bankjes 4, Bomen 3, Bloemen 1 (costs € 4.000, € 3.000, € 2.000, € 500)."""
    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="voting",
        verification=Verification.LETTER,
        rule="mes-add1",
        amount_cents=700_000,
    )
    costs = {"Speeltuin": 400_000, "Bankjes": 300_000, "Bomen": 200_000, "Bloemen": 50_000}
    ids = {
        title: ProposalFactory(round=pb_round, title=title, estimated_cost_cents=cost).pk
        for title, cost in costs.items()
    }
    ProposalFactory(
        round=pb_round,
        title="Zwembad",
        status="not_feasible",
        estimated_cost_cents=None,
        review_reason="Te duur.",
    )
    ballots = [
        ["Speeltuin", "Bankjes", "Bomen"],
        ["Speeltuin", "Bankjes"],
        ["Speeltuin", "Bankjes"],
        ["Speeltuin", "Bomen"],
        ["Speeltuin", "Bomen", "Bloemen"],
        ["Bankjes"],
    ]
    codes = services.letter_codes_generate(round=pb_round, actor=wijkmanager, count=len(ballots))
    for code, titles in zip(codes, ballots, strict=True):
        services.ballot_cast(
            round=pb_round, actor=None, choices=[ids[t] for t in titles], letter_code=code
        )
    return move_to(pb_round, "closed")


def test_the_votes_are_counted_only_after_the_close(api, voting_round, wijkmanager):
    api.force_authenticate(wijkmanager)
    response = api.post(f"/api/v1/pb-rounds/{voting_round.pk}/tally/", {}, format="json")
    assert response.status_code == 400
    (message,) = response.json()["non_field_errors"]
    assert "the votes can be counted after the close" in message
    assert not TallyResult.objects.exists()


def test_only_tallying_staff_count_and_publish(api, mes_round, resident, reviewer):
    for user in (None, resident, reviewer):
        api.force_authenticate(user)
        for step in ("tally", "publish"):
            url = f"/api/v1/pb-rounds/{mes_round.pk}/{step}/"
            assert api.post(url, {}, format="json").status_code == 403
    assert not TallyResult.objects.exists()


def test_results_are_hidden_until_published_then_public(
    api, mes_round, wijkmanager, resident, treasurer
):
    assert _results(api, mes_round).status_code == 404
    api.force_authenticate(wijkmanager)
    assert _results(api, mes_round).status_code == 404  # nothing counted yet
    counted = api.post(
        f"/api/v1/pb-rounds/{mes_round.pk}/tally/", {"reason": "Na de sluiting"}, format="json"
    )
    assert counted.status_code == 201, counted.json()
    assert_matches_schema(counted.json(), "PbResult")
    assert counted.json()["published"] is False
    assert _results(api, mes_round).json() == counted.json()  # staff see it before publishing
    for user in (None, resident):
        api.force_authenticate(user)
        assert _results(api, mes_round).status_code == 404
        assert api.get(f"/api/v1/pb-rounds/{mes_round.pk}/export.pb").status_code == 404

    api.force_authenticate(wijkmanager)
    published = api.post(f"/api/v1/pb-rounds/{mes_round.pk}/publish/", {}, format="json")
    assert published.status_code == 200, published.json()
    again = api.post(f"/api/v1/pb-rounds/{mes_round.pk}/publish/", {}, format="json")
    assert again.json() == {
        "non_field_errors": ["The results of this round have already been published."]
    }
    recount = api.post(f"/api/v1/pb-rounds/{mes_round.pk}/tally/", {}, format="json")
    assert recount.status_code == 400

    api.force_authenticate(None)
    body = _results(api, mes_round).json()
    assert_matches_schema(body, "PbResult")
    assert body["published"] is True and body["published_at"]
    assert (body["rule"], body["utility"], body["budget_cents"], body["ballots_count"]) == (
        "mes-add1",
        "cost",
        700_000,
        6,
    )
    lines = body["lines"]
    selected = [line for line in lines if line["selected"]]
    assert [line["position"] for line in selected] == list(range(1, len(selected) + 1))
    assert body["spent_cents"] == sum(line["cost_cents"] for line in selected) <= 700_000
    assert {line["title"]: line["votes"] for line in lines} == {
        "Speeltuin": 5,
        "Bankjes": 4,
        "Bomen": 3,
        "Bloemen": 1,
    }
    assert DECIMAL.match(body["voter_share"])
    assert any(line["reason"] == "supporters-ran-out" and line["missing"] for line in lines)
    for line in lines:
        for amount in (line["supporters_had"], line["missing"]):
            assert amount is None or DECIMAL.match(amount)
    # The winners' money is reserved on the ledger, one reservation per project.
    holds = mes_round.budget.fund.accounts.filter(kind=AccountKind.HOLD)
    assert sorted(h.balance_cents for h in holds) == sorted(line["cost_cents"] for line in selected)
    assert ledger_verify() == []


def test_the_pabulib_export_reads_back_and_selects_the_published_winners(
    api, mes_round, wijkmanager, municipality, wijk
):
    url = f"/api/v1/pb-rounds/{mes_round.pk}/export.pb"
    assert api.get(url).status_code == 404
    services.round_tally(round=mes_round, actor=wijkmanager)
    services.round_results_publish(round=mes_round, actor=wijkmanager)
    mes_round.refresh_from_db()

    response = api.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{municipality.slug}-{mes_round.pk}.pb"'
    )
    text = response.content.decode("utf-8")
    election = pabulib.parse(text)
    assert election.meta | {"comment": ""} == {
        "description": mes_round.title,
        "country": "Netherlands",
        "unit": municipality.name,
        "subunit": wijk.name,
        "instance": str(mes_round.pk),
        "budget": "7000",
        "vote_type": "approval",
        "rule": "equalshares/add1",
        "date_begin": mes_round.voting_from.strftime("%d.%m.%Y"),
        "date_end": mes_round.voting_until.strftime("%d.%m.%Y"),
        "num_projects": "4",
        "num_votes": "6",
        "language": "nl",
        "currency": "EUR",
        "comment": "",
    }
    assert "mes-add1" in election.meta["comment"]

    result = TallyResult.objects.get(round=mes_round)
    winners = [
        str(pk)
        for pk in result.lines.filter(selected=True)
        .order_by("position")
        .values_list("proposal_id", flat=True)
    ]
    assert winners
    assert election.official_selection() == sorted(winners, key=int)
    recount = engine.tally(election, rule=mes_round.rule, utility=mes_round.utility)
    assert recount.selected == winners
    assert {p.name: p.cost for p in election.projects.values()}["Speeltuin"] == 4_000

    # Voters are the ballots' random ids and nothing else: no person, no time.
    assert {v.id for v in election.voters} == {
        str(pk) for pk in Ballot.objects.filter(round=mes_round).values_list("pk", flat=True)
    }
    assert all(uuid.UUID(v.id) and not v.extra for v in election.voters)
    for person in (wijkmanager,):
        assert person.email not in text
    assert api.get(f"/api/v1/pb-rounds/{mes_round.pk}/export.pb/").status_code == 404


def test_the_export_of_a_round_without_results_is_not_found(api, voting_round):
    response = api.get(f"/api/v1/pb-rounds/{voting_round.pk}/export.pb")
    assert response.status_code == 404
    assert api.get("/api/v1/pb-rounds/999999/export.pb").status_code == 404


def test_a_proposal_of_a_voter_in_another_wijk_is_still_public(api, proposals_round, municipality):
    """Proposals are public whoever wrote them; the list never leaks who did."""
    other = WijkFactory(municipality=municipality, code="WK040003", slug="noord")
    stranger = resident_of(other)
    services.proposal_submit(
        round=proposals_round, actor=stranger, title="Bankje", summary="Een bankje."
    )
    listed = api.get(f"/api/v1/pb-rounds/{proposals_round.pk}/proposals/").json()
    assert [(p["title"], p["proposer"]) for p in listed] == [("Bankje", None)]
