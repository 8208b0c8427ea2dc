"""A stuurgroep made on the page in a real browser, with WCAG 2.1 AA checks: the wijkmanager
of the whole municipality opens the wijk's meetings, follows "add a body yourself", forgets
the mandate (refused, nothing saved), writes it, and lands on the stuurgroep's page, which
shows the mandate and says it works for the whole municipality; then changes its cadence.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.accounts.roles import Role  # noqa: E402
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.meetings.models import Body  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_city_wide_stuurgroep_is_made_and_changed_on_pages(
    live_server, page, wijk, municipality, gemeente_org
):
    manager = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user
    log_in(page, live_server, manager)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/{wijk.slug}/overleg/")
    expect(page.locator("#school-holidays")).to_contain_text("2026, 2027")
    page.get_by_role("link", name="Add a body yourself").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("New body")
    assert_no_axe_violations(page)

    page.get_by_label("Kind").select_option("stuurgroep")
    page.get_by_label("Name").fill("Stuurgroep Wijkgericht Werken")
    page.get_by_label("For the whole municipality").check()
    page.get_by_label("Meetings per year").fill("4")
    page.get_by_label("Usual start time").fill("16:00")
    page.get_by_role("button", name="Add the body").click()
    expect(page.locator(".error-summary")).to_contain_text("written mandate")
    assert not Body.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("Mandate").fill("Adviseert het college over wijkgericht werken.")
    page.get_by_role("button", name="Add the body").click()
    expect(page.locator(".message-success")).to_contain_text("has been added")
    expect(page.get_by_role("heading", name="Mandate")).to_be_visible()
    expect(page.locator("main")).to_contain_text("For the whole municipality of Den Helder")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Change the body").click()
    page.get_by_label("Meetings per year").fill("6")
    page.get_by_label("Why this change").fill("Meer convenantprojecten dit jaar")
    page.get_by_role("button", name="Save the changes").click()
    expect(page.locator(".message-success")).to_contain_text("saved")
    assert Body.objects.get().per_year == 6
