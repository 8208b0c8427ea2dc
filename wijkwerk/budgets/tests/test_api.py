"""The ledger API: who reads and books what, every booking's entries, overspending and bad
input refused with nothing written, corrections, keyset paging and idempotent retries.
Reservations (HOLD accounts) are for the fund's managers only. Responses are checked
against the project's own OpenAPI schema."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.budgets import services
from wijkwerk.budgets.models import AccountKind, Entry, Fund, LedgerTransaction
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import FundFactory


@pytest.fixture
def api():
    return APIClient()


def _budget(fund, wijk):
    return services.wijkbudget_account(fund, wijk)


def test_public_funds_and_their_overview_are_open_to_everyone(api, fund, wijk):
    listed = api.get("/api/v1/funds/", {"municipality": fund.municipality.code}).json()
    assert [f["id"] for f in listed["results"]] == [fund.pk]
    assert_matches_schema(listed["results"], "Fund", many=True)
    body = api.get(f"/api/v1/funds/{fund.pk}/").json()
    assert_matches_schema(body, "FundDetail")
    assert (body["contributed_cents"], body["pool_cents"], body["budgets_cents"]) == (
        400_000,
        150_000,
        250_000,
    )
    assert body["budgets"][0]["area"] == wijk.code


def test_a_fund_that_is_not_public_is_only_for_its_managers(api, fund, treasurer, resident):
    fund.is_public = False
    fund.save()
    pool = services.pool_account(fund)
    urls = [f"/api/v1/funds/{fund.pk}/", f"/api/v1/ledger-accounts/{pool.pk}/"]
    for url in urls:
        assert api.get(url).status_code == 404
    api.force_authenticate(resident)
    assert all(api.get(url).status_code == 404 for url in urls)
    assert api.get("/api/v1/funds/").json()["results"] == []
    api.force_authenticate(treasurer)
    assert all(api.get(url).status_code == 200 for url in urls)


@pytest.mark.parametrize(
    "path, data",
    [
        ("contributions", {"organisation": None, "amount_cents": 100}),
        ("allocations", {"area": "WK040001", "amount_cents": 100}),
        ("contributors", {"organisation": None, "promised_cents": 100}),
    ],
)
def test_residents_cannot_book(api, fund, resident, gemeente_org, path, data):
    data = {k: gemeente_org.pk if v is None else v for k, v in data.items()}
    before = Entry.objects.count()
    assert api.post(f"/api/v1/funds/{fund.pk}/{path}/", data, format="json").status_code == 403
    api.force_authenticate(resident)
    assert api.post(f"/api/v1/funds/{fund.pk}/{path}/", data, format="json").status_code == 403
    assert Entry.objects.count() == before


def test_a_manager_creates_a_fund_and_books_money_into_a_wijk(
    api, municipality, wijk, treasurer, gemeente_org
):
    api.force_authenticate(treasurer)
    response = api.post(
        "/api/v1/funds/",
        {
            "municipality": municipality.code,
            "name": "Leefbaarheid",
            "kind": "convenant",
            "year": 2027,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    fund_id = response.json()["id"]
    url = f"/api/v1/funds/{fund_id}/"
    assert (
        api.post(
            url + "contributors/",
            {"organisation": gemeente_org.pk, "promised_cents": 50_000},
            format="json",
        ).status_code
        == 200
    )
    booked = api.post(
        url + "contributions/",
        {"organisation": gemeente_org.pk, "amount_cents": 50_000},
        format="json",
    )
    assert booked.status_code == 201
    assert_matches_schema(booked.json(), "LedgerTransaction")
    assert sorted(e["amount_cents"] for e in booked.json()["entries"]) == [-50_000, 50_000]
    allocated = api.post(
        url + "allocations/", {"area": wijk.code, "amount_cents": 20_000}, format="json"
    )
    assert allocated.status_code == 201
    budget = _budget(Fund.objects.get(pk=fund_id), wijk)
    assert budget.balance_cents == 20_000
    returned = api.post(
        url + "returns/", {"account": budget.pk, "amount_cents": 5_000}, format="json"
    )
    assert returned.status_code == 201
    budget.refresh_from_db()
    assert budget.balance_cents == 15_000
    assert ledger_verify() == []


@pytest.mark.parametrize(
    "data, field",
    [
        ({"amount_cents": 150_001}, "amount_cents"),  # more than the pool holds
        ({"amount_cents": 0}, "amount_cents"),
        ({"amount_cents": -5}, "amount_cents"),
        ({"amount_cents": 12.5}, "amount_cents"),
        ({"amount_cents": "veel"}, "amount_cents"),
        ({"amount_cents": None}, "amount_cents"),
        ({"amount_cents": 10**20}, "amount_cents"),
        ({"area": "WK999999"}, "area"),
    ],
)
def test_bad_allocations_are_explained_and_book_nothing(api, fund, wijk, treasurer, data, field):
    api.force_authenticate(treasurer)
    payload = {"area": wijk.code, "amount_cents": 100} | data
    before = (Entry.objects.count(), services.pool_account(fund).balance_cents)
    response = api.post(f"/api/v1/funds/{fund.pk}/allocations/", payload, format="json")
    assert response.status_code == 400
    assert list(response.json()) == [field]
    assert (Entry.objects.count(), services.pool_account(fund).balance_cents) == before


def test_a_retried_booking_with_the_same_key_is_booked_once(api, fund, treasurer, gemeente_org):
    api.force_authenticate(treasurer)
    data = {
        "organisation": gemeente_org.pk,
        "amount_cents": 1_000,
        "idempotency_key": "bank-2026-117",
    }
    first = api.post(f"/api/v1/funds/{fund.pk}/contributions/", data, format="json").json()
    second = api.post(f"/api/v1/funds/{fund.pk}/contributions/", data, format="json").json()
    assert first["id"] == second["id"]
    assert LedgerTransaction.objects.filter(idempotency_key="bank-2026-117").count() == 1


def test_a_booking_is_corrected_by_a_reversing_booking_once(api, fund, wijk, treasurer):
    original = LedgerTransaction.objects.filter(kind="allocation").get()
    url = f"/api/v1/ledger-transactions/{original.pk}/"
    assert_matches_schema(api.get(url).json(), "LedgerTransaction")
    api.force_authenticate(treasurer)
    assert api.post(url + "reverse/", {"reason": ""}, format="json").status_code == 400
    response = api.post(url + "reverse/", {"reason": "Verkeerde wijk"}, format="json")
    assert response.status_code == 201
    assert response.json()["reverses"] == original.pk
    assert _budget(fund, wijk).balance_cents == 0
    again = api.post(url + "reverse/", {"reason": "Nog eens"}, format="json")
    assert again.status_code == 400
    assert ledger_verify() == []


def test_an_account_is_explained_with_keyset_paging(api, fund, wijk, treasurer):
    budget = _budget(fund, wijk)
    for _i in range(5):
        services.budget_return(budget=budget, actor=treasurer, amount_cents=100)
    url = f"/api/v1/ledger-accounts/{budget.pk}/entries/"
    page = api.get(url, {"limit": 4}).json()
    assert_matches_schema(page, "Statement")
    assert [line["balance_after_cents"] for line in page["results"]] == [
        249_500,
        249_600,
        249_700,
        249_800,
    ]
    rest = api.get(page["next"]).json()
    assert [line["amount_cents"] for line in rest["results"]] == [-100, 250_000]
    assert rest["next"] is None
    assert api.get(url, {"limit": 500}).status_code == 400
    listed = api.get("/api/v1/ledger-accounts/", {"fund": fund.pk}).json()
    assert_matches_schema(listed, "LedgerAccount", many=True)
    assert budget.pk in {a["id"] for a in listed}
    assert api.get("/api/v1/ledger-accounts/").status_code == 400  # which fund?


# --- reservations are for managers --------------------------------------------------------


@pytest.fixture
def award(fund, wijk, treasurer):
    """€ 300 of the wijk's budget reserved for one initiative, as the initiatives app does."""
    hold = services.owned_account(
        fund=fund,
        kind=AccountKind.HOLD,
        owner_kind="initiatives.voucher",
        owner_id=1,
        name="Voucher for Bloembakken",
        area=wijk,
    )
    return services.hold_reserve(
        budget=_budget(fund, wijk),
        hold=hold,
        amount_cents=30_000,
        actor=treasurer,
        memo="Award: Bloembakken",
    )


def _hold_line(body):
    (line,) = [e for e in body["entries"] if e["account_kind"] == AccountKind.HOLD]
    return line


def test_reservations_are_hidden_from_the_public_but_not_their_money(
    api, fund, wijk, resident, award
):
    """A reservation account is not listed, opened or explained to anyone but the fund's
    managers; the booking that filled it shows the amount, but not which account."""
    hold = award.entries.get(account__kind=AccountKind.HOLD).account
    for user in (None, resident):
        api.force_authenticate(user)
        listed = api.get("/api/v1/ledger-accounts/", {"fund": fund.pk}).json()
        assert AccountKind.HOLD not in {a["kind"] for a in listed}
        assert api.get(f"/api/v1/ledger-accounts/{hold.pk}/").status_code == 404
        assert api.get(f"/api/v1/ledger-accounts/{hold.pk}/entries/").status_code == 404
        body = api.get(f"/api/v1/ledger-transactions/{award.pk}/").json()
        assert_matches_schema(body, "LedgerTransaction")
        assert body["memo"] == "Award: Bloembakken"
        assert _hold_line(body) | {"id": None} == {
            "id": None,
            "account": None,
            "account_name": None,
            "account_kind": "hold",
            "amount_cents": 30_000,
            "balance_after_cents": None,
        }
        # The budget's side of the award stays public, with its balance.
        budget_line = next(e for e in body["entries"] if e["account_kind"] == "budget")
        assert budget_line["balance_after_cents"] == 220_000
        assert api.get(f"/api/v1/funds/{fund.pk}/").json()["held_cents"] == 30_000


def test_the_funds_managers_see_reservations(api, fund, treasurer, award):
    hold = award.entries.get(account__kind=AccountKind.HOLD).account
    api.force_authenticate(treasurer)
    listed = api.get("/api/v1/ledger-accounts/", {"fund": fund.pk}).json()
    assert hold.pk in {a["id"] for a in listed}
    assert api.get(f"/api/v1/ledger-accounts/{hold.pk}/").json()["balance_cents"] == 30_000
    page = api.get(f"/api/v1/ledger-accounts/{hold.pk}/entries/").json()
    assert [line["transaction"] for line in page["results"]] == [award.pk]
    line = _hold_line(api.get(f"/api/v1/ledger-transactions/{award.pk}/").json())
    assert (line["account"], line["account_name"], line["balance_after_cents"]) == (
        hold.pk,
        "Voucher for Bloembakken",
        30_000,
    )


# --- who may see and book -----------------------------------------------------------------


def test_only_a_municipality_wide_role_that_manages_funds_sees_hidden_funds(
    api, fund, wijk, municipality
):
    """budgets.manage_fund decides, as on the web: a beheerder of one wijk does not manage
    the municipality's funds, and one of another municipality neither."""
    fund.is_public = False
    fund.save()
    in_one_wijk = RoleAssignmentFactory(area=wijk, role=Role.BEHEERDER).user
    elsewhere = RoleAssignmentFactory(
        area=None, municipality=MunicipalityFactory(), role=Role.BEHEERDER
    ).user
    for user in (in_one_wijk, elsewhere):
        assert not user.has_perm("budgets.manage_fund", municipality)
        api.force_authenticate(user)
        assert api.get("/api/v1/funds/").json()["results"] == []
        assert api.get(f"/api/v1/funds/{fund.pk}/").status_code == 404
        assert api.get("/api/v1/ledger-accounts/", {"fund": fund.pk}).status_code == 400


def test_managers_list_their_hidden_funds_and_filter_by_municipality(
    api, fund, municipality, treasurer
):
    hidden = FundFactory(municipality=municipality, name="Nog geheim", is_public=False)
    other = FundFactory(name="Elders")
    api.force_authenticate(treasurer)
    every = {f["id"] for f in api.get("/api/v1/funds/").json()["results"]}
    assert every == {fund.pk, hidden.pk, other.pk}
    for ref in (municipality.code, municipality.pk):
        body = api.get("/api/v1/funds/", {"municipality": ref}).json()
        assert {f["id"] for f in body["results"]} == {fund.pk, hidden.pk}
    assert api.get("/api/v1/funds/", {"municipality": "GM9999"}).status_code == 400


def test_writes_on_a_fund_one_may_not_see_or_that_does_not_exist_are_404(
    api, fund, resident, treasurer, gemeente_org
):
    fund.is_public = False
    fund.save()
    data = {"organisation": gemeente_org.pk, "amount_cents": 100}
    api.force_authenticate(resident)
    assert api.post(f"/api/v1/funds/{fund.pk}/contributions/", data).status_code == 404
    api.force_authenticate(treasurer)
    for pk in (999_999, "abc", 10**30):
        assert api.get(f"/api/v1/funds/{pk}/").status_code == 404
        assert api.post(f"/api/v1/funds/{pk}/contributions/", data).status_code == 404
        assert api.get(f"/api/v1/ledger-accounts/{pk}/entries/").status_code == 404
        assert api.get(f"/api/v1/ledger-transactions/{pk}/").status_code == 404
        assert (
            api.post(f"/api/v1/ledger-transactions/{pk}/reverse/", {"reason": "x"}).status_code
            == 404
        )


def test_residents_and_other_municipalities_cannot_create_funds(api, municipality, resident):
    elsewhere = RoleAssignmentFactory(
        area=None, municipality=MunicipalityFactory(), role=Role.BEHEERDER
    ).user
    data = {"municipality": municipality.code, "name": "Eigen", "kind": "wijkbudget", "year": 2027}
    for user in (None, resident, elsewhere):
        api.force_authenticate(user)
        assert api.post("/api/v1/funds/", data, format="json").status_code == 403
    assert not Fund.objects.filter(name="Eigen").exists()


def test_staff_without_totp_cannot_book_with_a_token(api, settings, fund, wijk, treasurer):
    """The TOTP demand for staff holds for token requests too; reading needs none."""
    settings.WIJKWERK_STAFF_MFA_REQUIRED = True
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=treasurer).key}")
    before = Entry.objects.count()
    response = api.post(
        f"/api/v1/funds/{fund.pk}/allocations/",
        {"area": wijk.code, "amount_cents": 100},
        format="json",
    )
    assert response.status_code == 403
    assert Entry.objects.count() == before
    assert api.get(f"/api/v1/funds/{fund.pk}/").status_code == 200


def test_a_resident_cannot_return_or_reverse(api, fund, wijk, resident):
    original = LedgerTransaction.objects.filter(kind="allocation").get()
    budget = _budget(fund, wijk)
    before = Entry.objects.count()
    api.force_authenticate(resident)
    returned = api.post(
        f"/api/v1/funds/{fund.pk}/returns/",
        {"account": budget.pk, "amount_cents": 100},
        format="json",
    )
    assert returned.status_code == 403
    reversed_ = api.post(
        f"/api/v1/ledger-transactions/{original.pk}/reverse/", {"reason": "Fout"}, format="json"
    )
    assert reversed_.status_code == 403
    assert Entry.objects.count() == before


# --- bookings -----------------------------------------------------------------------------


def _lines(body):
    """A booking's lines as {account id: (amount, balance after)}."""
    return {e["account"]: (e["amount_cents"], e["balance_after_cents"]) for e in body["entries"]}


def test_each_booking_moves_the_money_between_the_right_accounts(
    api, fund, wijk, treasurer, gemeente_org
):
    pool, budget = services.pool_account(fund), _budget(fund, wijk)
    source = services.source_account(fund, gemeente_org)
    api.force_authenticate(treasurer)
    url = f"/api/v1/funds/{fund.pk}/"

    paid_in = api.post(
        url + "contributions/",
        {"organisation": gemeente_org.pk, "amount_cents": 10_000, "memo": "Tweede termijn"},
        format="json",
    )
    assert paid_in.status_code == 201
    assert_matches_schema(paid_in.json(), "LedgerTransaction")
    assert (paid_in.json()["kind"], paid_in.json()["memo"]) == ("contribution", "Tweede termijn")
    assert _lines(paid_in.json()) == {source.pk: (-10_000, -310_000), pool.pk: (10_000, 160_000)}

    allocated = api.post(
        url + "allocations/", {"area": wijk.pk, "amount_cents": 60_000}, format="json"
    )
    assert allocated.status_code == 201
    assert allocated.json()["kind"] == "allocation"
    assert _lines(allocated.json()) == {pool.pk: (-60_000, 100_000), budget.pk: (60_000, 310_000)}

    returned = api.post(
        url + "returns/", {"account": budget.pk, "amount_cents": 10_000}, format="json"
    )
    assert returned.status_code == 201
    assert returned.json()["kind"] == "return"
    assert _lines(returned.json()) == {budget.pk: (-10_000, 300_000), pool.pk: (10_000, 110_000)}

    overview = api.get(url).json()
    assert_matches_schema(overview, "FundDetail")
    assert (overview["pool_cents"], overview["budgets_cents"]) == (110_000, 300_000)
    assert {c["organisation"]: c["contributed_cents"] for c in overview["contributors"]} == {
        "Gemeente Den Helder": 310_000,
        "Woonstichting": 100_000,
    }
    assert ledger_verify() == []


def test_a_contributor_is_set_and_changed(api, fund, treasurer, municipality):
    partner = OrganisationFactory(municipality=municipality, name="Welzijn Den Helder")
    api.force_authenticate(treasurer)
    url = f"/api/v1/funds/{fund.pk}/contributors/"
    for promised in (20_000, 25_000):
        response = api.post(
            url, {"organisation": partner.pk, "promised_cents": promised}, format="json"
        )
        assert response.status_code == 200
        assert_matches_schema(response.json(), "FundDetail")
    lines = {c["organisation"]: c for c in response.json()["contributors"]}
    assert lines["Welzijn Den Helder"] == {
        "organisation": "Welzijn Den Helder",
        "promised_cents": 25_000,
        "contributed_cents": 0,
    }
    refused = api.post(url, {"organisation": partner.pk, "promised_cents": -1}, format="json")
    assert list(refused.json()) == ["promised_cents"]
    stranger = OrganisationFactory(name="Elders")
    refused = api.post(url, {"organisation": stranger.pk, "promised_cents": 1}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["organisation"]


def test_returning_more_than_the_budget_holds_is_400_and_books_nothing(api, fund, wijk, treasurer):
    budget = _budget(fund, wijk)
    api.force_authenticate(treasurer)
    before = (Entry.objects.count(), budget.balance_cents)
    response = api.post(
        f"/api/v1/funds/{fund.pk}/returns/",
        {"account": budget.pk, "amount_cents": 250_001},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()) == ["amount_cents"]
    assert "2.500,00" in response.json()["amount_cents"][0]  # what is available
    budget.refresh_from_db()
    assert (Entry.objects.count(), budget.balance_cents) == before


def test_a_return_names_a_budget_of_this_fund(api, fund, wijk, treasurer):
    api.force_authenticate(treasurer)
    other_budget = _budget(FundFactory(municipality=fund.municipality), wijk)
    for account in (services.pool_account(fund).pk, other_budget.pk, 999_999):
        response = api.post(
            f"/api/v1/funds/{fund.pk}/returns/",
            {"account": account, "amount_cents": 100},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()) == ["account"]


def test_a_correction_that_would_overspend_is_refused(api, fund, wijk, treasurer):
    """Reversing an allocation whose money the budget no longer has would take it below
    zero: refused as a whole."""
    original = LedgerTransaction.objects.filter(kind="allocation").get()
    services.budget_return(budget=_budget(fund, wijk), actor=treasurer, amount_cents=1)
    before = Entry.objects.count()
    api.force_authenticate(treasurer)
    response = api.post(
        f"/api/v1/ledger-transactions/{original.pk}/reverse/", {"reason": "Fout"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["non_field_errors"]
    assert Entry.objects.count() == before


def test_a_retried_allocation_is_booked_once_and_a_reused_key_is_refused(
    api, fund, wijk, treasurer, gemeente_org
):
    api.force_authenticate(treasurer)
    url = f"/api/v1/funds/{fund.pk}/allocations/"
    data = {"area": wijk.code, "amount_cents": 1_000, "idempotency_key": "alloc-7"}
    first = api.post(url, data, format="json")
    entries = Entry.objects.count()
    second = api.post(url, data, format="json")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json() == first.json()
    assert Entry.objects.count() == entries
    assert _budget(fund, wijk).balance_cents == 251_000

    other_fund = FundFactory(municipality=fund.municipality)
    services.fund_contributor_set(
        fund=other_fund, organisation=gemeente_org, actor=treasurer, promised_cents=5_000
    )
    for target, payload in (
        (url, {**data, "amount_cents": 2_000}),
        (
            f"/api/v1/funds/{other_fund.pk}/contributions/",
            {"organisation": gemeente_org.pk, "amount_cents": 1_000, "idempotency_key": "alloc-7"},
        ),
    ):
        response = api.post(target, payload, format="json")
        assert response.status_code == 400
        assert list(response.json()) == ["idempotency_key"]
    assert Entry.objects.count() == entries


def test_paging_stops_cleanly_and_refuses_bad_cursors(api, fund, wijk):
    budget = _budget(fund, wijk)
    url = f"/api/v1/ledger-accounts/{budget.pk}/entries/"
    page = api.get(url, {"limit": 1}).json()
    assert len(page["results"]) == 1 and page["next"] is None
    assert page["results"][0]["kind"] == "allocation"
    first_id = page["results"][0]["id"]
    assert api.get(url, {"before": first_id}).json() == {"next": None, "results": []}
    for bad in ({"before": "abc"}, {"before": 0}, {"before": 10**30}, {"limit": 0}):
        assert api.get(url, bad).status_code == 400
    assert api.get("/api/v1/ledger-accounts/", {"fund": 999_999}).status_code == 400
