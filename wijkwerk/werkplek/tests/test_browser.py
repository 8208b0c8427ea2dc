"""The wijkmanager's start in a real browser, with the WCAG 2.1 AA check: from the header to
the werkplek, and from a task to the page where it is done.

Run alone with `pytest -m browser`.
"""

import datetime
import os
import re

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.agenda.models import AgendaItem  # noqa: E402
from wijkwerk.agenda.tests.factories import AgendaItemFactory  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_wijkmanager_opens_the_werkplek_from_the_header_and_a_task(
    live_server, page, wijk, wijkmanager
):
    item = AgendaItemFactory(area=wijk, title="Bankje bij de vijver")
    AgendaItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=4)
    )
    log_in(page, live_server, wijkmanager)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkplek").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Werkplek")
    expect(page.locator(".werkplek-task")).to_contain_text("wacht 4 dagen")
    expect(page.locator(".werkplek-task")).to_contain_text(wijk.name)
    assert_no_axe_violations(page)

    page.get_by_role("link", name=re.compile("Beantwoord het idee.*Bankje bij de vijver")).click()
    expect(page).to_have_url(
        f"{live_server.url}/gemeente/{wijk.municipality.slug}/{wijk.slug}/wijkagenda/{item.pk}/#give-answer-heading"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bankje bij de vijver")
    expect(page.get_by_role("heading", name="Geef een antwoord")).to_be_visible()
    assert page.console_errors == []
