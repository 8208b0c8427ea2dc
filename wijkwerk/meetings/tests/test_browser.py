"""Minutes → action point → wijkagenda item in a real browser, with WCAG 2.1 AA checks: the
wijkmanager opens yesterday's meeting, writes the minutes, tries an action point without a
probleemeigenaar (refused, nothing saved), adds it with one, and follows the link to the new
wijkagenda item, which says where it came from.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.agenda.models import AgendaItem  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.meetings.models import ActionPoint  # noqa: E402

from .factories import body, meeting  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_minutes_become_an_action_point_on_the_wijkagenda(
    live_server, page, wijk, wijkmanager, gemeente_org
):
    yesterday = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager, days=-1)
    log_in(page, live_server, wijkmanager)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(
        f"{live_server.url}/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/{yesterday.pk}/"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wijkplatform")
    assert_no_axe_violations(page)

    page.get_by_role("textbox", name="Minutes").fill(
        "Bewoners melden een kapotte speeltuin aan de Kerkgracht."
    )
    page.get_by_label("Decisions").fill("De gemeente herstelt de speeltuin.")
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.locator(".message-success")).to_contain_text("The minutes have been saved.")
    expect(page.locator(".minutes")).to_contain_text("kapotte speeltuin")

    page.get_by_text("Add an action point").click()
    page.get_by_label("Action", exact=True).fill("Speeltuin Kerkgracht herstellen")
    page.get_by_role("button", name="Put it on the wijkagenda").click()
    expect(page.locator(".error-summary")).to_contain_text("needs a probleemeigenaar")
    assert not ActionPoint.objects.exists() and not AgendaItem.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("Probleemeigenaar").select_option(label=str(gemeente_org))
    page.get_by_role("button", name="Put it on the wijkagenda").click()
    expect(page.locator(".message-success")).to_contain_text("on the wijkagenda")
    item = AgendaItem.objects.get()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="On the wijkagenda: Speeltuin Kerkgracht herstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Speeltuin Kerkgracht herstellen")
    expect(page.locator(".item-detail")).to_contain_text("Action point of Wijkplatform")
    assert page.url.endswith(f"/wijkagenda/{item.pk}/")
    assert_no_axe_violations(page)
    assert page.console_errors == [] or all("status of 400" in e for e in page.console_errors)
