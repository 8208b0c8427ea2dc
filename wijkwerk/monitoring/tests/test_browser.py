"""A wethouder reads the monitor in a real browser, with WCAG 2.1 AA checks: the
municipality's dashboard with its wijken side by side, a chart with its table, the year
switch, and a wijk's dashboard over the years.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations  # noqa: E402

from .test_views import _fill  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_wethouder_reads_the_monitor(live_server, page, wijk, wijk2):
    year = timezone.localdate().year
    _fill(wijk, year)
    _fill(wijk, year - 1)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/gemeente/{wijk.municipality.slug}/")
    page.get_by_role("link", name="Monitor: how the wijken are doing").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Monitor of Den Helder, {year}")
    expect(page.locator("#h-meldingen")).to_have_text("Meldingen handled within their deadline")
    expect(page.locator("#h-meldingen ~ figure svg")).to_be_visible()
    row = page.locator("#t-meldingen tbody tr", has_text=wijk.name)
    expect(row.locator("td").last).to_have_text("100")
    assert_no_axe_violations(page)
    assert page.console_errors == []

    page.get_by_label("Year").select_option(str(year - 1))
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(year - 1))

    page.get_by_role("navigation", name="Monitor per wijk").get_by_role(
        "link", name=wijk.name
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Monitor of {wijk.name}")
    years = page.locator("#t-meldingen tbody th")
    expect(years).to_have_text([str(year - 1), str(year)])
    assert_no_axe_violations(page)
    assert page.console_errors == []
