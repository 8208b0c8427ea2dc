"""The staff fund pages and services: a fund set up by shares that add up to 100 %,
contributions, allocations and corrections; each refusal leaves everything as it was."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.budgets import services
from wijkwerk.budgets.models import Fund, FundContributor, FundKind, LedgerTransaction
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.budgets.setup import fund_setup
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def corporatie(municipality):
    return OrganisationFactory(municipality=municipality, name="Woningstichting")


@pytest.fixture
def city_manager(municipality, gemeente_org):
    """A wijkmanager for the whole municipality (Den Helder's wijkoverstijgende one)."""
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user


def _setup(municipality, actor, shares, **extra):
    return fund_setup(
        municipality=municipality,
        actor=actor,
        name=extra.pop("name", "Convenant Wijkaanpak"),
        kind=FundKind.CONVENANT,
        year=2026,
        amount_cents=extra.pop("amount_cents", 55_500_000),
        shares=shares,
        **extra,
    )


def test_a_fund_is_set_up_with_shares_that_make_the_promises(
    municipality, city_manager, gemeente_org, corporatie
):
    fund = _setup(municipality, city_manager, [(gemeente_org, 5000), (corporatie, 5000)])
    promised = dict(
        FundContributor.objects.filter(fund=fund).values_list(
            "organisation__name", "promised_cents"
        )
    )
    assert promised == {"Gemeente Den Helder": 27_750_000, "Woningstichting": 27_750_000}
    assert AuditEvent.objects.filter(action="budgets.fund_setup", target_id=str(fund.pk)).exists()


def test_shares_that_do_not_make_100_percent_are_refused_and_nothing_is_made(
    municipality, treasurer, gemeente_org, corporatie
):
    with pytest.raises(ValidationError) as refused:
        _setup(municipality, treasurer, [(gemeente_org, 5000), (corporatie, 4000)])
    assert "shares" in refused.value.message_dict
    assert "90 %" in refused.value.message_dict["shares"][0]
    assert not Fund.objects.exists() and not FundContributor.objects.exists()


def test_rounding_cents_go_to_the_largest_share(municipality, treasurer, gemeente_org, corporatie):
    fund = _setup(
        municipality, treasurer, [(gemeente_org, 6667), (corporatie, 3333)], amount_cents=100
    )
    promised = sorted(FundContributor.objects.filter(fund=fund).values_list("promised_cents"))
    assert promised == [(33,), (67,)]


def test_partners_and_wijk_residents_may_not_set_up_funds(
    municipality, wijkmanager, resident, gemeente_org
):
    partner = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.PARTNER, organisation=gemeente_org
    ).user
    # A wijkmanager of one wijk does not cover the municipality's funds.
    for person in (partner, resident, wijkmanager):
        with pytest.raises(PermissionDenied):
            _setup(municipality, person, [(gemeente_org, 10_000)])
    assert not Fund.objects.exists()


def test_an_allocation_above_the_pool_is_refused_in_dutch_and_changes_nothing(
    municipality, wijk, city_manager, gemeente_org
):
    fund = _setup(municipality, city_manager, [(gemeente_org, 10_000)], amount_cents=100_000)
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=city_manager, amount_cents=100_000
    )
    before = LedgerTransaction.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.allocation_record(fund=fund, area=wijk, actor=city_manager, amount_cents=100_001)
    assert "Niet genoeg geld" in refused.value.message_dict["amount"][0] and (
        "1.000,00" in refused.value.message_dict["amount"][0]
    )
    assert LedgerTransaction.objects.count() == before
    assert services.pool_account(fund).balance_cents == 100_000
    assert ledger_verify() == []


def test_staff_pages_set_up_book_and_correct(
    client, municipality, wijk, city_manager, gemeente_org
):
    client.force_login(city_manager)
    corporatie = OrganisationFactory(municipality=municipality, name="Woningstichting")
    url = reverse("budgets:fund_create", args=[municipality.slug])
    data = {
        "name": "Convenant",
        "kind": FundKind.CONVENANT,
        "year": 2026,
        "amount": "555.000",
        "is_public": "on",
        "partner_1": gemeente_org.pk,
        "share_1": "50",
        "partner_2": corporatie.pk,
        "share_2": "40",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert refused.context["form"].errors["share_1"]
    assert not Fund.objects.exists()
    made = client.post(url, {**data, "share_2": "50"})
    fund = Fund.objects.get()
    manage = reverse("budgets:manage", args=[municipality.slug, fund.pk])
    assert made.status_code == 302 and made["Location"] == manage
    booked = client.post(
        reverse("budgets:contribution_add", args=[municipality.slug, fund.pk]),
        {"contribution-organisation": corporatie.pk, "contribution-amount": "1.000"},
    )
    assert booked.status_code == 302
    too_much = client.post(
        reverse("budgets:allocation_add", args=[municipality.slug, fund.pk]),
        {"allocation-area": wijk.pk, "allocation-amount": "2.000"},
    )
    assert too_much.status_code == 400
    assert "niet genoeg" in too_much.context["allocation_form"].errors["amount"][0].lower()
    client.post(
        reverse("budgets:allocation_add", args=[municipality.slug, fund.pk]),
        {"allocation-area": wijk.pk, "allocation-amount": "600"},
    )
    allocation = LedgerTransaction.objects.get(kind="allocation")
    correct = reverse("budgets:booking_correct", args=[municipality.slug, fund.pk, allocation.pk])
    assert client.post(correct, {"reason": ""}).status_code == 400
    assert client.post(correct, {"reason": "verkeerde wijk"}).status_code == 302
    assert services.wijkbudget_account(fund, wijk).balance_cents == 0
    event = AuditEvent.objects.get(action="budgets.correction")
    assert event.reason == "verkeerde wijk" and event.actor == city_manager
    page = client.get(manage)
    assert [row["name"] for row in page.context["partners"]] == [
        "Gemeente Den Helder",
        "Woningstichting",
    ]
    assert ledger_verify() == []


def test_staff_pages_are_refused_to_the_public(client, municipality, resident):
    assert client.get(reverse("budgets:fund_create", args=[municipality.slug])).status_code == 302
    client.force_login(resident)
    assert client.get(reverse("budgets:fund_create", args=[municipality.slug])).status_code == 403


def test_each_total_of_the_fund_page_links_to_its_bookings(client, municipality, wijk, fund):
    page = client.get(reverse("budgets:fund", args=[municipality.slug, fund.pk]))
    for total in ("bijdragen", "vrij", "budgetten", "gereserveerd", "uitgegeven"):
        url = reverse("budgets:total", args=[municipality.slug, fund.pk, total])
        assert url.encode() in page.content
        assert client.get(url).status_code == 200
    free = client.get(reverse("budgets:total", args=[municipality.slug, fund.pk, "vrij"]))
    assert free.context["balance"] == "€\xa01.500,00" and len(free.context["rows"]) == 3
    partner = client.get(
        reverse("budgets:total", args=[municipality.slug, fund.pk, "bijdragen"]),
        {"partner": FundContributor.objects.filter(fund=fund).first().organisation_id},
    )
    assert len(partner.context["rows"]) == 1
    bad = reverse("budgets:total", args=[municipality.slug, fund.pk, "geheim"])
    assert client.get(bad).status_code == 404
