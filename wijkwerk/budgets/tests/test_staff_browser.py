"""A wijkmanager sets up a fund in a real browser: two partners' shares, a contribution, an
allocation to a wijkbudget, then follows a total to the bookings behind it (WCAG 2.1 AA)."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.accounts.roles import Role  # noqa: E402
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.organisations.tests.factories import OrganisationFactory  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_fund_is_set_up_booked_and_explained(live_server, page, municipality, wijk, gemeente_org):
    OrganisationFactory(municipality=municipality, name="Woningstichting")
    manager = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user
    log_in(page, live_server, manager)
    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/fondsen/")
    page.get_by_role("link", name="Nieuw fonds aanmaken").click()
    assert_no_axe_violations(page)
    page.get_by_label("Naam van het fonds").fill("Convenant Wijkaanpak")
    page.get_by_label("Soort fonds").select_option("convenant")
    page.get_by_label("Jaar", exact=True).fill("2026")
    page.get_by_label("Bedrag per jaar (euro)").fill("555.000")
    page.locator("#id_partner_1").select_option(label="Gemeente Den Helder")
    page.locator("#id_share_1").fill("50")
    page.locator("#id_partner_2").select_option(label="Woningstichting")
    page.locator("#id_share_2").fill("40")
    page.get_by_role("button", name="Fonds aanmaken").click()
    expect(page.locator(".error-text").first).to_contain_text("90 %")
    assert_no_axe_violations(page)
    page.locator("#id_share_2").fill("50")
    page.get_by_role("button", name="Fonds aanmaken").click()
    expect(page.locator("h1")).to_contain_text("Convenant Wijkaanpak 2026 beheren")
    assert_no_axe_violations(page)
    page.locator("#id_contribution-organisation").select_option(label="Woningstichting")
    page.locator("#id_contribution-amount").fill("277.500")
    page.get_by_role("button", name="Bijdrage boeken").click()
    page.locator("#id_allocation-area").select_option(label=wijk.name)
    page.locator("#id_allocation-amount").fill("100.000")
    page.get_by_role("button", name="Toewijzing boeken").click()
    expect(page.locator("#wijken-heading ~ .table-scroll table")).to_contain_text("100.000,00")
    page.get_by_role("link", name="Openbare pagina van het fonds").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="177.500,00").click()  # not yet allocated
    expect(page.locator("h1")).to_contain_text("Nog niet verdeeld")
    expect(page.locator("tbody tr")).to_have_count(2)  # the contribution and the allocation
    assert_no_axe_violations(page)
    # The refused form answered 400 on purpose; nothing else went wrong in the browser.
    assert [e for e in page.console_errors if "400 (Bad Request)" not in e] == []
