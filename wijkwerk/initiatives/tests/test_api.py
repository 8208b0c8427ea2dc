"""The initiatives API: the whole life of an initiative, who may do what, what the public
never sees, and refusals that leave the ledger untouched. Every response body is checked
against the project's own OpenAPI schema."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from rest_framework.test import APIClient

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.areas.tests.factories import BuurtFactory, WijkFactory
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Entry, Fund, FundKind
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.initiatives import services
from wijkwerk.initiatives.models import (
    ConvenantProject,
    Expense,
    Initiative,
    Pledge,
    PledgeStatus,
    ProjectCall,
    Provider,
    RuleSet,
    Status,
    Voucher,
)
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import awarded, draft, funded_budget, png_upload, ruleset_for, submitted, tick_all

NOT_LOGGED_IN = {"detail": "Authenticatiegegevens zijn niet opgegeven."}
NO_ROLE = {"detail": "Je hebt geen rol waarmee je dit in deze wijk mag doen."}


@pytest.fixture
def api():
    return APIClient()


def url(initiative, action=""):
    pk = initiative if isinstance(initiative, int) else initiative.pk
    return f"/api/v1/initiatives/{pk}/" + (f"{action}/" if action else "")


def personal_data(initiative):
    """Strings that must never reach someone without initiatives.view_personal_data."""
    values = [initiative.voucher.code] if hasattr(initiative, "voucher") else []
    for participant in initiative.participants.all():
        values += [participant.name, participant.postcode, participant.email]
    return [v for v in values if v]


# --- the whole life -----------------------------------------------------------------------


def test_the_whole_life_of_an_initiative_through_the_api(
    api, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    api.force_authenticate(resident)
    response = api.post(
        "/api/v1/initiatives/",
        {
            "area": wijk.pk,
            "title": "Buurtfeest in de Linie",
            "summary": "Een feest op het plein.",
            "purpose": "Buren leren elkaar kennen.",
            "requested_cents": 40_000,
            "postcode": "1781 ab",
            "house_number": "12",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "InitiativeDetail")
    assert (body["status"], body["area"], body["area_code"], body["voucher"]) == (
        "draft",
        wijk.pk,
        wijk.code,
        None,
    )
    [lead] = body["participants"]
    assert (lead["name"], lead["postcode"], lead["is_initiator"]) == ("Bewoner Bep", "1781AB", True)
    assert body["created_by"] == resident.email
    initiative = Initiative.objects.get(pk=body["id"])

    response = api.post(
        url(initiative, "participants"),
        {"name": "Buurvrouw Ans", "postcode": "1781 AC", "house_number": "3"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert_matches_schema(response.json(), "Participant")

    response = api.post(url(initiative, "submit"))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert_matches_schema(body, "InitiativeDetail")
    assert (body["status"], body["ruleset_version"], body["is_small"], body["escalated"]) == (
        "submitted",
        1,
        True,
        False,
    )
    assert body["decision_due"] is not None and body["decision"] is None

    api.force_authenticate(regiegroep_member)
    for point in services.checklist_points(rules_v1):
        response = api.post(
            url(initiative, "checklist"), {"point": point, "met": True}, format="json"
        )
        assert response.status_code == 200, response.json()
        assert_matches_schema(response.json(), "ChecklistAnswer")
    response = api.post(url(initiative, "votes"), {"vote": "award"}, format="json")
    assert response.status_code == 200
    assert_matches_schema(response.json(), "ReviewVote")

    entries = Entry.objects.count()
    award = {"budget": budget.pk, "reason": "Past bij de wijk"}
    response = api.post(
        url(initiative, "award"), award, format="json", HTTP_IDEMPOTENCY_KEY="award-1"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "InitiativeDetail")
    assert body["status"] == "awarded"
    assert (body["amount_awarded_cents"], body["remaining_cents"]) == (40_000, 40_000)
    assert body["decision"]["outcome"] == "awarded"
    assert body["decision"]["reason"] == "Past bij de wijk"
    # The regiegroep decides, but the code (money) is for the initiators and officials.
    assert body["voucher"]["code"] is None and body["participants"] is None
    booked = Entry.objects.count()
    assert booked > entries

    retry = api.post(url(initiative, "award"), award, format="json", HTTP_IDEMPOTENCY_KEY="award-1")
    assert retry.status_code == 200
    assert_matches_schema(retry.json(), "InitiativeDetail")
    assert retry.json()["voucher"] == body["voucher"]
    assert Entry.objects.count() == booked and Voucher.objects.count() == 1

    api.force_authenticate(resident)
    detail = api.get(url(initiative)).json()
    assert detail["voucher"]["code"] == Voucher.objects.get().code

    response = api.post(
        url(initiative, "expenses"),
        {"description": "Springkussen", "amount_cents": 25_000, "receipt": png_upload()},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "Expense")
    assert (body["amount_cents"], body["has_receipt"], body["voucher_remaining_cents"]) == (
        25_000,
        True,
        15_000,
    )
    assert body["spent_on"] == timezone.localdate().isoformat()

    response = api.post(
        url(initiative, "account"),
        {"report": "120 buren kwamen.", "participants_count": 120},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert_matches_schema(response.json(), "InitiativeDetail")
    assert response.json()["status"] == "accounted"

    api.force_authenticate(wijkmanager)
    response = api.post(url(initiative, "close"), {"approve": True}, format="json")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert_matches_schema(body, "InitiativeDetail")
    assert (body["status"], body["remaining_cents"], body["participants_count"]) == (
        "closed",
        0,
        120,
    )
    assert body["voucher"]["closed_at"] is not None
    budget.refresh_from_db()
    assert budget.balance_cents == 75_000  # 15,000 unspent came back
    assert ledger_verify() == []


# --- reading and privacy ------------------------------------------------------------------


def test_the_public_sees_no_personal_data_and_no_voucher_code(
    api, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget)
    secrets = personal_data(initiative)
    assert len(secrets) >= 4
    neighbour = RoleAssignmentFactory(area=wijk, role=Role.RESIDENT).user
    for user in (None, neighbour, regiegroep_member):
        api.force_authenticate(user)
        listed = api.get("/api/v1/initiatives/", {"area": wijk.pk}).json()
        detail = api.get(url(initiative)).json()
        assert_matches_schema(listed["results"], "Initiative", many=True)
        assert_matches_schema(detail, "InitiativeDetail")
        for body in (listed, detail):
            for secret in secrets:
                assert secret not in str(body)
        assert (detail["participants"], detail["created_by"], detail["voucher"]["code"]) == (
            None,
            None,
            None,
        )
        assert detail["amount_awarded_cents"] == 40_000
        [row] = listed["results"]
        assert "participants" not in row and row["voucher"]["code"] is None


def test_initiators_and_handlers_see_participants_and_the_voucher_code(
    api, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget)
    for user in (resident, wijkmanager):
        assert user.has_perm("initiatives.view_personal_data", initiative)
        api.force_authenticate(user)
        body = api.get(url(initiative)).json()
        assert_matches_schema(body, "InitiativeDetail")
        assert body["voucher"]["code"] == initiative.voucher.code
        assert {p["postcode"] for p in body["participants"]} == {"1781AB", "1781AC"}
        assert body["created_by"] == resident.email


def test_drafts_of_others_do_not_exist_for_them(api, wijk, resident, wijkmanager, rules_v1):
    initiative = draft(wijk=wijk, resident=resident)
    stranger = UserFactory()
    for user in (None, stranger):
        api.force_authenticate(user)
        assert api.get(url(initiative)).status_code == 404
        assert api.get("/api/v1/initiatives/", {"area": wijk.pk}).json()["results"] == []
    api.force_authenticate(stranger)
    for action in ("submit", "withdraw"):
        assert api.post(url(initiative, action)).status_code == 404
    patched = api.patch(url(initiative), {"title": "Van mij"}, format="json")
    assert patched.status_code == 404
    assert api.get(url(999_999)).status_code == 404
    for user in (resident, wijkmanager):
        api.force_authenticate(user)
        body = api.get("/api/v1/initiatives/", {"area": wijk.code}).json()
        assert [r["id"] for r in body["results"]] == [initiative.pk]
    initiative.refresh_from_db()
    assert (initiative.status, initiative.title) == (Status.DRAFT, "Buurtfeest in de Linie")


def test_list_filters_by_status_and_needs_a_known_wijk(api, wijk, resident, rules_v1):
    first = submitted(wijk, resident)
    second = submitted(wijk, resident, title="Moestuin")
    services.initiative_withdraw(initiative=second, actor=resident)
    api.force_authenticate(resident)
    body = api.get("/api/v1/initiatives/", {"area": wijk.pk, "status": "submitted"}).json()
    assert [r["id"] for r in body["results"]] == [first.pk]
    assert api.get("/api/v1/initiatives/").json() == {"area": ["Dit veld is vereist."]}
    response = api.get("/api/v1/initiatives/", {"area": "WK999999"})
    assert response.status_code == 400 and "WK999999" in response.json()["area"][0]
    buurt = BuurtFactory(parent=wijk)
    assert api.get("/api/v1/initiatives/", {"area": buurt.pk}).status_code == 400


def test_list_queries_do_not_grow_with_the_initiatives(
    api, wijk, resident, regiegroep_member, budget, rules_v1
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get("/api/v1/initiatives/", {"area": wijk.pk}).status_code == 200
        return len(queries)

    awarded(wijk, resident, regiegroep_member, budget, requested_cents=1_000)
    one = count()
    for n in range(3):
        awarded(wijk, resident, regiegroep_member, budget, requested_cents=1_000, title=f"I{n}")
    assert count() == one


# --- creating and editing drafts ----------------------------------------------------------


def test_anonymous_cannot_write(api, wijk, resident, regiegroep_member, budget, rules_v1):
    initiative = submitted(wijk, resident)
    response = api.post(
        "/api/v1/initiatives/",
        {"area": wijk.pk, "title": "X", "requested_cents": 1, "postcode": "1781AB"},
        format="json",
    )
    assert response.status_code in (401, 403)
    assert response.json() == NOT_LOGGED_IN
    for action in ("award", "checklist", "expenses", "close"):
        response = api.post(url(initiative, action), {}, format="json")
        assert response.status_code in (401, 403), action
        assert response.json() == NOT_LOGGED_IN
    assert api.post("/api/v1/vouchers/redeem/", {}, format="json").status_code in (401, 403)
    assert Initiative.objects.count() == 1 and not Voucher.objects.exists()


def test_an_unknown_area_or_a_buurt_elsewhere_is_a_field_error(api, wijk, resident, rules_v1):
    api.force_authenticate(resident)
    values = {"title": "Bankjes", "requested_cents": 10_000, "postcode": "1781AB"}
    values["house_number"] = "1"
    response = api.post("/api/v1/initiatives/", {**values, "area": 999_999}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"area"} and "999999" in response.json()["area"][0]
    other_buurt = BuurtFactory(parent=WijkFactory(municipality=wijk.municipality))
    response = api.post(
        "/api/v1/initiatives/",
        {**values, "area": wijk.code, "buurt": other_buurt.code},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"buurt": [f"Deze buurt ligt niet in {wijk.name}."]}
    response = api.post(
        "/api/v1/initiatives/",
        {**values, "area": wijk.pk, "postcode": "12345"},
        format="json",
    )
    assert response.status_code == 400 and "1781 AB" in response.json()["postcode"][0]
    assert not Initiative.objects.exists()


def test_the_lead_edits_a_draft_but_not_after_submission(
    api, wijk, resident, wijkmanager, rules_v1
):
    initiative = draft(wijk=wijk, resident=resident)
    buurt = BuurtFactory(parent=wijk)
    api.force_authenticate(wijkmanager)  # sees the draft, may not edit it
    assert api.patch(url(initiative), {"title": "X"}, format="json").status_code == 403
    api.force_authenticate(resident)
    response = api.patch(
        url(initiative), {"title": "Groot buurtfeest", "buurt": buurt.pk}, format="json"
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert_matches_schema(body, "InitiativeDetail")
    assert (body["title"], body["buurt"], body["requested_cents"]) == (
        "Groot buurtfeest",
        buurt.pk,
        40_000,
    )
    response = api.patch(url(initiative), {"ends_on": "2020-01-01", "starts_on": "2020-02-01"})
    assert response.status_code == 400 and set(response.json()) == {"ends_on"}
    services.initiative_submit(initiative=initiative, actor=resident)
    response = api.patch(url(initiative), {"title": "Te laat"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Een ingediend initiatief kan niet meer worden gewijzigd."]
    }


def test_submission_answers_every_failed_spelregel(api, wijk, resident, rules_v1):
    initiative = draft(wijk=wijk, resident=resident, requested_cents=300_000, co_initiator=False)
    api.force_authenticate(resident)
    response = api.post(url(initiative, "submit"))
    assert response.status_code == 400
    errors = response.json()
    assert {"max_amount", "min_initiators"} <= set(errors)
    assert "2.500,00" in errors["max_amount"][0]
    initiative.refresh_from_db()
    assert initiative.status == Status.DRAFT


def test_the_lead_withdraws(api, wijk, resident, rules_v1):
    initiative = submitted(wijk, resident)
    api.force_authenticate(resident)
    response = api.post(url(initiative, "withdraw"), {"reason": "Verhuisd"}, format="json")
    assert response.status_code == 200
    assert_matches_schema(response.json(), "InitiativeDetail")
    assert response.json()["status"] == "withdrawn"


# --- deciding -----------------------------------------------------------------------------


def test_only_the_deciding_body_decides_and_permission_comes_before_input(
    api, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = submitted(wijk, resident)
    entries = Entry.objects.count()
    award = {"budget": budget.pk, "reason": "Mooi"}
    for user in (resident, wijkmanager, UserFactory()):
        api.force_authenticate(user)
        response = api.post(url(initiative, "award"), award, format="json")
        assert response.status_code == 403
        assert response.json() == NO_ROLE
        # Nobody without the role learns anything from validation errors.
        assert api.post(url(initiative, "award"), {}, format="json").status_code == 403
        assert api.post(url(initiative, "reject"), {}, format="json").status_code == 403
    api.force_authenticate(regiegroep_member)
    assert api.post(url(initiative, "close"), {"approve": True}).status_code == 403
    assert Entry.objects.count() == entries
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED


def test_an_award_that_would_overspend_the_budget_books_nothing(
    api, wijk, resident, regiegroep_member, treasurer, gemeente_org, rules_v1
):
    small = funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=30_000)
    initiative = submitted(wijk, resident, requested_cents=40_000)
    tick_all(initiative, regiegroep_member)
    entries = Entry.objects.count()
    api.force_authenticate(regiegroep_member)
    response = api.post(
        url(initiative, "award"), {"budget": small.pk, "reason": "Mooi"}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"amount_cents"}
    assert "300,00" in errors["amount_cents"][0]
    assert Entry.objects.count() == entries
    assert not Voucher.objects.exists()
    initiative.refresh_from_db()
    small.refresh_from_db()
    assert (initiative.status, small.balance_cents) == (Status.SUBMITTED, 30_000)


def test_award_input_is_checked_by_field(api, wijk, resident, regiegroep_member, budget, rules_v1):
    initiative = submitted(wijk, resident)
    api.force_authenticate(regiegroep_member)
    response = api.post(url(initiative, "award"), {"budget": 999_999}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"budget", "reason"}
    response = api.post(
        url(initiative, "award"),
        {"budget": budget.pk, "reason": "Mooi", "amount_cents": 50_000},
        format="json",
    )
    assert response.status_code == 400
    assert {"amount_cents", "checklist"} <= set(response.json())
    assert not Voucher.objects.exists()


def test_a_repeated_award_is_refused_unless_it_is_a_retry(
    api, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget)
    other_member = RoleAssignmentFactory(area=wijk, role=Role.REGIEGROEP_MEMBER).user
    entries = Entry.objects.count()
    award = {"budget": budget.pk, "reason": "Nog eens"}
    api.force_authenticate(regiegroep_member)
    response = api.post(url(initiative, "award"), award, format="json")
    assert response.status_code == 400
    [message] = response.json()["non_field_errors"]
    assert date_format(initiative.voucher.issued_at.date()) in message  # when it was awarded
    api.force_authenticate(other_member)
    response = api.post(url(initiative, "award"), award, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 400
    api.force_authenticate(regiegroep_member)
    response = api.post(url(initiative, "award"), award, format="json", HTTP_IDEMPOTENCY_KEY="k")
    assert response.status_code == 200
    assert response.json()["amount_awarded_cents"] == 40_000
    assert Entry.objects.count() == entries and Voucher.objects.count() == 1


def test_a_rejection_needs_a_reason_and_is_published_with_it(
    api, wijk, resident, regiegroep_member, rules_v1
):
    initiative = submitted(wijk, resident)
    api.force_authenticate(regiegroep_member)
    response = api.post(url(initiative, "reject"), {"reason": " "}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"reason"}
    response = api.post(url(initiative, "reject"), {"reason": "Commercieel"}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert_matches_schema(body, "InitiativeDetail")
    assert body["status"] == "rejected"
    assert (body["decision"]["outcome"], body["decision"]["reason"]) == ("rejected", "Commercieel")


def test_a_checklist_point_outside_the_spelregels_is_refused(
    api, wijk, resident, regiegroep_member, rules_v1
):
    initiative = submitted(wijk, resident)
    api.force_authenticate(regiegroep_member)
    response = api.post(
        url(initiative, "checklist"), {"point": "Iets anders", "met": True}, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"point"}
    response = api.post(url(initiative, "votes"), {"vote": "misschien"}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"vote"}


# --- spending -----------------------------------------------------------------------------


def test_an_exe_receipt_or_spending_above_the_voucher_is_refused(
    api, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    entries = Entry.objects.count()
    api.force_authenticate(resident)
    exe = SimpleUploadedFile("bon.exe", b"MZ\x90\x00", "application/octet-stream")
    response = api.post(
        url(initiative, "expenses"),
        {"description": "Verf", "amount_cents": 500, "receipt": exe},
        format="multipart",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"receipt"}
    response = api.post(
        url(initiative, "expenses"),
        {"description": "Verf", "amount_cents": 10_001, "receipt": png_upload()},
        format="multipart",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"amount_cents"}
    assert "100,00" in response.json()["amount_cents"][0]
    response = api.post(
        url(initiative, "expenses"), {"description": "Verf", "amount_cents": 5}, format="multipart"
    )
    assert response.status_code == 400 and set(response.json()) == {"receipt"}
    assert Entry.objects.count() == entries and not Expense.objects.exists()


def test_a_stranger_cannot_spend_and_the_official_sends_the_accounting_back(
    api, wijk, resident, regiegroep_member, wijkmanager, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    api.force_authenticate(UserFactory())
    response = api.post(
        url(initiative, "expenses"),
        {"description": "Verf", "amount_cents": 500, "receipt": png_upload()},
        format="multipart",
    )
    assert response.status_code == 403
    services.initiative_account(
        initiative=initiative, actor=resident, report="Gedaan", participants_count=3
    )
    api.force_authenticate(wijkmanager)
    response = api.post(url(initiative, "close"), {"approve": False}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"note"}
    response = api.post(
        url(initiative, "close"), {"approve": False, "note": "Bonnetjes ontbreken"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "in_execution"


def test_a_provider_redeems_a_voucher_by_its_code(
    api, wijk, resident, regiegroep_member, budget, rules_v1, municipality
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    shop = OrganisationFactory(municipality=municipality, name="Bouwmarkt", kind="winkeliers")
    provider = Provider.objects.create(municipality=municipality, organisation=shop)
    cashier = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=shop).user
    redeem = {"provider": provider.pk, "description": "Verf", "amount_cents": 4_000}
    api.force_authenticate(cashier)
    response = api.post(
        "/api/v1/vouchers/redeem/", {**redeem, "code": initiative.voucher.code.lower()}
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "Expense")
    assert (body["provider"], body["voucher_remaining_cents"]) == (provider.pk, 6_000)
    response = api.post("/api/v1/vouchers/redeem/", {**redeem, "code": "WRONGCODE1"})
    assert response.status_code == 400 and set(response.json()) == {"code"}
    response = api.post(
        "/api/v1/vouchers/redeem/",
        {**redeem, "code": initiative.voucher.code, "amount_cents": 6_001},
    )
    assert response.status_code == 400 and set(response.json()) == {"amount_cents"}
    api.force_authenticate(resident)
    response = api.post("/api/v1/vouchers/redeem/", {**redeem, "code": initiative.voucher.code})
    assert response.status_code == 403
    assert Expense.objects.count() == 1


# --- partners, ACTIE ----------------------------------------------------------------------


def test_a_partner_pledges_money_and_the_initiators_confirm_it(
    api, wijk, resident, regiegroep_member, budget, rules_v1, municipality
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    corporatie = OrganisationFactory(municipality=municipality, kind="corporatie")
    partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user
    api.force_authenticate(resident)
    offer = {"organisation": corporatie.pk, "kind": "money", "description": "Bijdrage"}
    assert api.post(url(initiative, "pledges"), offer, format="json").status_code == 403
    api.force_authenticate(partner)
    response = api.post(url(initiative, "pledges"), offer, format="json")
    assert response.status_code == 400 and set(response.json()) == {"amount_cents"}
    response = api.post(url(initiative, "pledges"), {**offer, "amount_cents": 2_500}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "Pledge")
    assert (body["status"], body["organisation_name"]) == ("offered", corporatie.name)
    pledge_url = f"/api/v1/pledges/{body['id']}/confirm/"
    assert api.post(pledge_url).status_code == 403
    api.force_authenticate(resident)
    response = api.post(pledge_url)
    assert response.status_code == 200
    assert_matches_schema(response.json(), "Pledge")
    assert response.json()["status"] == "received"
    assert Pledge.objects.get().status == PledgeStatus.RECEIVED
    assert api.get(url(initiative)).json()["remaining_cents"] == 12_500
    assert api.post("/api/v1/pledges/999999/confirm/").status_code == 404


def test_the_contact_official_assesses_with_actie(api, wijk, resident, wijkmanager, rules_v1):
    initiative = submitted(wijk, resident)
    api.force_authenticate(resident)
    assert api.post(url(initiative, "actie"), {"animo": 4}, format="json").status_code == 403
    api.force_authenticate(wijkmanager)
    response = api.post(url(initiative, "actie"), {"animo": 7}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"animo"}
    response = api.post(
        url(initiative, "actie"), {"animo": 4, "contact": 2, "notes": "Veel zin"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert_matches_schema(body, "Actie")
    assert (body["animo"], body["contact"], body["toerusting"]) == (4, 2, None)


# --- spelregels ---------------------------------------------------------------------------


def test_rulesets_are_public_newest_first_by_code_or_id(api, municipality, treasurer, rules_v1):
    ruleset_for(municipality, treasurer, max_amount_cents=100_000, note="Lager maximum")
    for ref in (municipality.code, municipality.pk):
        body = api.get("/api/v1/rulesets/", {"municipality": ref}).json()
        assert_matches_schema(body["results"], "RuleSet", many=True)
        assert [r["version"] for r in body["results"]] == [2, 1]
    assert body["results"][1]["checklist"] == ["Goed voor de wijk", "Veilig uit te voeren"]
    response = api.get("/api/v1/rulesets/", {"municipality": "GM9999"})
    assert response.status_code == 400 and set(response.json()) == {"municipality"}


def test_a_beheerder_publishes_a_new_version_and_others_may_not(
    api, municipality, treasurer, resident, wijkmanager, rules_v1
):
    new = {
        "municipality": municipality.code,
        "max_amount_cents": 150_000,
        "deciding_body": "wijkplatform",
        "checklist": ["Goed voor de wijk"],
        "note": "Platform beslist",
    }
    for user in (resident, wijkmanager):
        api.force_authenticate(user)
        assert api.post("/api/v1/rulesets/", new, format="json").status_code == 403
        response = api.post("/api/v1/rulesets/", {"municipality": municipality.pk}, format="json")
        assert response.status_code == 403
    api.force_authenticate(None)
    assert api.post("/api/v1/rulesets/", new, format="json").status_code in (401, 403)
    api.force_authenticate(treasurer)
    response = api.post("/api/v1/rulesets/", {**new, "max_per_year_cents": 100_000}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"max_per_year_cents"}
    response = api.post(
        "/api/v1/rulesets/",
        {**new, "quick_max_cents": -1, "quick_working_days": 100},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"quick_max_cents", "quick_working_days"}
    assert "60" in response.json()["quick_working_days"][0]
    response = api.post("/api/v1/rulesets/", new, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert_matches_schema(body, "RuleSet")
    assert (body["version"], body["deciding_body"], body["checklist"]) == (
        2,
        "wijkplatform",
        ["Goed voor de wijk"],
    )
    assert RuleSet.objects.count() == 2


# --- convenant projects -------------------------------------------------------------------


@pytest.fixture
def call(municipality, treasurer, gemeente_org):
    fund = Fund.objects.create(
        municipality=municipality, name="Convenant", kind=FundKind.CONVENANT, year=2026
    )
    ledger.fund_contributor_set(
        fund=fund, organisation=gemeente_org, actor=treasurer, promised_cents=100_000
    )
    ledger.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=100_000
    )
    call = ProjectCall.objects.create(
        fund=fund, title="Projecten 2026", closes_on=timezone.localdate()
    )
    for title, cents, scores in [
        ("Buurtmoestuin", 60_000, (5, 4, 3)),
        ("Huiswerkklas", 50_000, (3, 3, 3)),
        ("Nog niet gescoord", 10_000, (None, None, None)),
    ]:
        ConvenantProject.objects.create(
            call=call,
            organisation=gemeente_org,
            title=title,
            description="...",
            requested_cents=cents,
            score_participation=scores[0],
            score_impact=scores[1],
            score_reach=scores[2],
        )
    return call


def test_the_stuurgroep_sees_the_ranking_with_its_budget_line(api, municipality, call):
    member = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.STUURGROEP_MEMBER
    ).user
    ranking = f"/api/v1/project-calls/{call.pk}/ranking/"
    api.force_authenticate(member)
    body = api.get(ranking).json()
    assert_matches_schema(body, "Ranking")
    assert body["budget_cents"] == 100_000
    rows = [(p["title"], p["cumulative_cents"], p["above_line"]) for p in body["projects"]]
    assert rows == [
        ("Buurtmoestuin", 60_000, True),
        ("Huiswerkklas", 110_000, False),
        ("Nog niet gescoord", 120_000, False),
    ]
    assert body["projects"][0]["score"] == 4.3
    assert body["projects"][2]["score"] is None
    body = api.get(ranking, {"budget_cents": 120_000}).json()
    assert [p["above_line"] for p in body["projects"]] == [True, True, False]
    assert api.get(ranking, {"budget_cents": -1}).status_code == 400


def test_the_ranking_is_not_for_residents(api, resident, call):
    ranking = f"/api/v1/project-calls/{call.pk}/ranking/"
    assert api.get(ranking).status_code in (401, 403)
    api.force_authenticate(resident)
    assert api.get(ranking).status_code == 403
    assert api.get("/api/v1/project-calls/999999/ranking/").status_code == 404


def test_the_schema_documents_personal_data_as_nullable(client, settings):
    """Clients can rely on the privacy rule: the fields exist and may be null."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the schema as published
    schema = client.get("/api/schema/", {"format": "json"}).json()
    detail = schema["components"]["schemas"]["InitiativeDetail"]["properties"]
    assert "null unless" in detail["participants"]["description"]
    assert "null unless" in detail["created_by"]["description"]
    voucher = schema["components"]["schemas"]["Voucher"]["properties"]
    assert "null" in voucher["code"]["type"]


def test_dates_in_the_past_are_fine_for_expenses(
    api, wijk, resident, regiegroep_member, budget, rules_v1
):
    initiative = awarded(wijk, resident, regiegroep_member, budget, requested_cents=10_000)
    api.force_authenticate(resident)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = api.post(
        url(initiative, "expenses"),
        {"description": "Verf", "amount_cents": 500, "spent_on": tomorrow, "receipt": png_upload()},
        format="multipart",
    )
    assert response.status_code == 400 and set(response.json()) == {"spent_on"}
    response = api.post(
        url(initiative, "expenses"),
        {
            "description": "Verf",
            "amount_cents": 500,
            "spent_on": yesterday,
            "receipt": png_upload(),
        },
        format="multipart",
    )
    assert response.status_code == 201
    assert response.json()["spent_on"] == yesterday.isoformat()
