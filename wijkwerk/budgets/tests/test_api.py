"""The ledger API: who reads and books what, every booking's entries, overspending and bad
input refused with nothing written, corrections, keyset paging and idempotent retries.
Responses are checked against the project's own OpenAPI schema."""

import pytest
from rest_framework.test import APIClient

from wijkwerk.budgets import services
from wijkwerk.budgets.models import Entry, Fund, LedgerTransaction
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.tests.openapi import assert_matches_schema


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
    "data",
    [
        {"amount_cents": 150_001},  # more than the pool holds
        {"amount_cents": 0},
        {"amount_cents": -5},
        {"amount_cents": 12.5},
        {"amount_cents": "veel"},
        {"area": "WK999999"},
    ],
)
def test_bad_allocations_are_explained_and_book_nothing(api, fund, wijk, treasurer, data):
    api.force_authenticate(treasurer)
    payload = {"area": wijk.code, "amount_cents": 100} | data
    before = (Entry.objects.count(), services.pool_account(fund).balance_cents)
    response = api.post(f"/api/v1/funds/{fund.pk}/allocations/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) & {"amount_cents", "amount", "area"}
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
