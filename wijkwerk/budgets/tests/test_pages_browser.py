"""The fund page and an account's explanation in a real browser, checked for WCAG 2.1 AA."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations as _no_violations  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fund_pages_are_accessible_and_lead_to_the_explanation(live_server, page, fund):
    page.goto(f"{live_server.url}/gemeente/{fund.municipality.slug}/fondsen/")
    _no_violations(page)
    page.get_by_role("link", name="Wijkbudgetten").click()
    expect(page.locator("h1")).to_contain_text("Wijkbudgetten")
    _no_violations(page)
    page.locator("section[aria-labelledby=budgets-heading] a").first.click()
    expect(page.locator("tbody tr")).to_have_count(1)  # the allocation
    _no_violations(page)
    assert page.console_errors == []
