"""Drafting → signing → reporting in a real browser, with WCAG 2.1 AA checks: the wijkmanager
drafts an agreement without an owner (refused, nothing saved), adds the owner, sends it out
and signs for the gemeente; the corporatie signs, which puts it in force; the wijkmanager
reports the first quarter, which the public page then shows.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.agreements.models import Agreement, AgreementStatus  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server) -> None:
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )


def test_drafting_signing_and_reporting_an_agreement(
    live_server, page, wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff
):
    base = f"{live_server.url}/gemeente/{wijk.municipality.slug}/afspraken"
    log_in(page, live_server, wijkmanager)
    _english(page, live_server)
    page.goto(f"{base}/nieuw/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Draw up an agreement")
    assert_no_axe_violations(page)

    page.get_by_label("What is agreed (wat)").fill("Meer bewoners actief in de wijk")
    page.get_by_label("Why (waarom)").fill("Leefbaarheid")
    page.get_by_label("Wijk or buurt").select_option(label=wijk.name)
    page.get_by_label("From (wanneer)").fill("2026-01-01")
    page.get_by_label("Until").fill("2026-12-31")
    page.get_by_label("Indicator").fill("Aantal actieve bewoners")
    page.get_by_label("Target").fill("50")
    page.get_by_label(f"{gemeente_org} is a party").check()
    page.get_by_label(f"{corporatie} is a party").check()
    page.get_by_label(f"Money committed by {corporatie} (euros)").fill("2500")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".error-summary")).to_contain_text("needs an owner")
    assert not Agreement.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("By whom: the owner").select_option(label=str(gemeente_org))
    page.get_by_role("button", name="Save the draft").click()
    expect(page.locator(".message-success")).to_contain_text("draft agreement has been saved")
    agreement = Agreement.objects.get()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Send to the parties to sign").click()
    expect(page.locator(".message-success")).to_contain_text("sent to the parties")
    page.get_by_label("Sign on behalf of").select_option(label=str(gemeente_org))
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.locator(".message-success")).to_contain_text("Signed on behalf of")
    assert_no_axe_violations(page)

    log_in(page, live_server, corporatie_staff)
    _english(page, live_server)
    page.goto(f"{base}/{agreement.pk}/")
    page.get_by_label("Remark").fill("Akkoord")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.locator(".message-success")).to_contain_text("it is in force")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    assert_no_axe_violations(page)

    log_in(page, live_server, wijkmanager)
    _english(page, live_server)
    page.goto(f"{base}/{agreement.pk}/")
    page.get_by_text("Report progress").click()
    page.get_by_label("Value of the indicator").fill("31")
    page.get_by_label("What was done").fill("Drie buurtbarbecues")
    page.get_by_role("button", name="Save the report").click()
    expect(page.locator(".message-success")).to_contain_text("report has been saved")
    expect(page.locator("table.periods")).to_contain_text("Drie buurtbarbecues")
    assert_no_axe_violations(page)

    page.context.clear_cookies()
    _english(page, live_server)
    page.goto(f"{base}/{agreement.pk}/")
    expect(page.locator("table.periods")).to_contain_text("31")
    expect(page.locator("table.parties")).to_contain_text(str(corporatie))
    assert corporatie_staff.full_name not in page.content()
    assert_no_axe_violations(page)
    for overview, shows in (
        ("verantwoording/2026/", "Meer bewoners actief in de wijk"),
        ("investeringen/2026/", "€ 2,500.00"),
        ("", "Meer bewoners actief in de wijk"),
    ):
        page.goto(f"{base}/{overview}")
        expect(page.locator("main")).to_contain_text(shows)
        assert_no_axe_violations(page)
    assert page.console_errors == [] or all("status of 400" in e for e in page.console_errors)
