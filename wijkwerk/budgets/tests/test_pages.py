"""The public fund pages: contributions, where the money is, and an account's balance
explained line by line with paging. Non-public funds stay hidden from the public."""

import pytest
from django.urls import reverse

from wijkwerk.budgets import services
from wijkwerk.budgets.models import AccountKind, TransactionKind

from .factories import FundFactory


def _url(name, municipality, *args):
    return reverse(f"budgets:{name}", args=[municipality.slug, *args])


def _voucher_hold(fund, wijk, actor, *, owner_id=1, award_cents=40_000, paid_cents=12_500):
    """A reservation from the wijk's budget, as an awarded voucher makes one, partly spent."""
    hold = services.owned_account(
        fund=fund,
        kind=AccountKind.HOLD,
        owner_kind="test-voucher",
        owner_id=owner_id,
        name="Voucher for Buurtmoestuin",
        area=wijk,
    )
    services.hold_reserve(
        budget=services.wijkbudget_account(fund, wijk),
        hold=hold,
        amount_cents=award_cents,
        actor=actor,
        memo="Award: Buurtmoestuin",
        kind=TransactionKind.AWARD,
    )
    if paid_cents:
        services.payment_record(hold=hold, amount_cents=paid_cents, actor=actor, memo="Zaden")
    return hold


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


def test_the_pages_show_amounts_in_dutch_notation(client, municipality, wijk, fund):
    """What the visitor reads, not only what the view computed: "€ 1.250,00" style."""
    listing = client.get(_url("funds", municipality)).content.decode()
    assert "€\xa04.000,00" in listing and "€\xa01.500,00" in listing
    detail = client.get(_url("fund", municipality, fund.pk)).content.decode()
    for text in ("Woonstichting", "€\xa03.000,00", "€\xa02.500,00", "25,0%"):
        assert text in detail


def test_each_budget_shows_what_is_reserved_and_paid_out(
    client, municipality, wijk, fund, treasurer
):
    hold = _voucher_hold(fund, wijk, treasurer)
    services.refund_record(hold=hold, amount_cents=2_500, actor=treasurer, memo="Retour")
    response = client.get(_url("fund", municipality, fund.pk))
    [budget] = response.context["budgets"]
    assert (budget.amount, budget.held, budget.paid) == (
        "€\xa02.100,00",  # 2.500 minus the award of 400
        "€\xa0300,00",  # 400 minus 125 paid plus 25 refunded
        "€\xa0100,00",
    )
    assert (response.context["budgets_held"], response.context["budgets_paid"]) == (
        "€\xa0300,00",
        "€\xa0100,00",
    )
    assert (response.context["held"], response.context["paid"]) == ("€\xa0300,00", "€\xa0100,00")


def test_a_budget_without_reservations_shows_zero_reserved_and_paid(client, municipality, fund):
    [budget] = client.get(_url("fund", municipality, fund.pk)).context["budgets"]
    assert (budget.held, budget.paid) == ("€\xa00,00", "€\xa00,00")


def test_a_reservation_is_explained_to_the_managers_only_and_not_under_another_fund(
    client, municipality, wijk, fund, treasurer, resident
):
    hold = _voucher_hold(fund, wijk, treasurer)
    url = _url("account", municipality, fund.pk, hold.pk)
    assert client.get(url).status_code == 404
    client.force_login(resident)
    assert client.get(url).status_code == 404
    client.force_login(treasurer)
    response = client.get(url)
    assert response.status_code == 200
    assert [(r.amount, r.balance) for r in response.context["rows"]] == [
        ("−€\xa0125,00", "€\xa0275,00"),
        ("€\xa0400,00", "€\xa0400,00"),
    ]
    assert "Award: Buurtmoestuin" in response.content.decode()
    other = FundFactory(municipality=municipality, name="Ander fonds")
    assert client.get(_url("account", municipality, other.pk, hold.pk)).status_code == 404


def test_the_older_bookings_link_leads_to_the_next_page_and_back(
    client, municipality, wijk, fund, treasurer
):
    budget = services.wijkbudget_account(fund, wijk)
    for _i in range(50):
        services.budget_return(budget=budget, actor=treasurer, amount_cents=100)
    url = _url("account", municipality, fund.pk, budget.pk)
    first = client.get(url)
    older = first.context["older"]
    assert f'href="?voor={older}"' in first.content.decode()
    assert 'href="?"' not in first.content.decode()  # already the newest
    second = client.get(f"{url}?voor={older}")
    assert [r.entry.amount_cents for r in second.context["rows"]] == [250_000]
    page = second.content.decode()
    assert 'href="?"' in page and 'href="?voor=' not in page


def test_a_short_account_has_no_paging_links(client, municipality, fund):
    url = _url("account", municipality, fund.pk, services.pool_account(fund).pk)
    assert 'class="pagination"' not in client.get(url).content.decode()


@pytest.mark.parametrize("voor", ["gisteren", "-5", "12a", "²", "9" * 30])
def test_every_bad_page_address_gets_the_clear_message(client, municipality, fund, voor):
    url = _url("account", municipality, fund.pk, services.pool_account(fund).pk)
    response = client.get(url, {"voor": voor})
    assert response.status_code == 400
    assert response.context["error"] in response.content.decode()
