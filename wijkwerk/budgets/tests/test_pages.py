"""The public fund pages: contributions, where the money is, and an account's balance
explained line by line with paging. Non-public funds stay hidden from the public."""

from django.urls import reverse

from wijkwerk.budgets import services
from wijkwerk.budgets.models import AccountKind

from .factories import FundFactory


def _url(name, municipality, *args):
    return reverse(f"budgets:{name}", args=[municipality.slug, *args])


def test_the_funds_list_shows_contributions_and_what_is_not_allocated(client, municipality, fund):
    response = client.get(_url("funds", municipality))
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert (row["contributed"], row["allocated"], row["pool"]) == (
        "€\xa04.000,00",
        "€\xa02.500,00",
        "€\xa01.500,00",
    )


def test_a_fund_shows_each_partner_and_where_the_money_is(client, municipality, wijk, fund):
    response = client.get(_url("fund", municipality, fund.pk))
    assert response.status_code == 200
    shares = {line.label: (line.amount, line.share) for line in response.context["contributors"]}
    assert shares["Woonstichting"] == ("€\xa01.000,00", 25.0)
    [budget] = response.context["budgets"]
    assert budget.account.area == wijk and budget.amount == "€\xa02.500,00"
    assert response.context["pool"] == "€\xa01.500,00"


def test_a_fund_that_is_not_public_is_hidden_except_for_its_managers(
    client, municipality, fund, treasurer, resident
):
    fund.is_public = False
    fund.save()
    account = services.pool_account(fund)
    for url in (
        _url("fund", municipality, fund.pk),
        _url("account", municipality, fund.pk, account.pk),
    ):
        assert client.get(url).status_code == 404
        client.force_login(resident)
        assert client.get(url).status_code == 404
        client.force_login(treasurer)
        assert client.get(url).status_code == 200
        client.logout()
    assert client.get(_url("funds", municipality)).context["rows"] == []


def test_an_account_is_explained_newest_first_and_pages_on(
    client, municipality, wijk, fund, treasurer, settings
):
    budget = services.wijkbudget_account(fund, wijk)
    for _i in range(55):
        services.budget_return(budget=budget, actor=treasurer, amount_cents=100)
    url = _url("account", municipality, fund.pk, budget.pk)
    response = client.get(url)
    rows = response.context["rows"]
    assert len(rows) == 50
    assert rows[0].entry.balance_after_cents == 250_000 - 55 * 100
    assert [r.entry.pk for r in rows] == sorted((r.entry.pk for r in rows), reverse=True)
    older = response.context["older"]
    assert older == rows[-1].entry.pk
    rest = client.get(url, {"voor": older}).context["rows"]
    assert len(rest) == 6  # five more returns and the allocation
    assert rest[-1].entry.amount_cents == 250_000
    assert client.get(url, {"voor": older}).context["older"] is None


def test_a_bad_page_address_is_explained(client, municipality, fund):
    url = _url("account", municipality, fund.pk, services.pool_account(fund).pk)
    response = client.get(url, {"voor": "gisteren"})
    assert response.status_code == 400 and response.context["error"]
    assert response.context["rows"]  # the newest bookings are shown instead


def test_an_account_of_another_fund_is_not_found(client, municipality, fund):
    foreign = services.pool_account(FundFactory(municipality=municipality))
    assert foreign.kind == AccountKind.POOL
    assert client.get(_url("account", municipality, fund.pk, foreign.pk)).status_code == 404
    assert client.get(_url("fund", municipality, 999_999)).status_code == 404
