"""Editing the WOP in a real browser, with WCAG 2.1 AA checks: the wijkmanager starts a WOP,
is told that a goal needs a theme, adds the goal and an action for this year, and carries
the year's actions onto the wijkagenda with the yearly update (twice: no double items).

Run alone with `pytest -m browser`.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.agenda.models import AgendaItem, PlannedAction  # noqa: E402
from wijkwerk.agenda.tests.factories import ThemeFactory  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_wijkmanager_writes_the_wop_and_carries_this_years_actions(
    live_server, page, wijk, wijkmanager, gemeente_org
):
    theme = ThemeFactory(municipality=wijk.municipality, name="Veiligheid")
    year = timezone.localdate().year
    log_in(page, live_server, wijkmanager)
    page.goto(f"{live_server.url}/gemeente/{wijk.municipality.slug}/{wijk.slug}/wijkagenda/wop/")
    page.get_by_role("link", name="Een WOP starten").click()
    assert_no_axe_violations(page)
    page.locator("#id_title").fill("WOP Stad-Oost")
    page.get_by_role("button", name="Het WOP starten").click()
    expect(page.get_by_role("heading", name="WOP Stad-Oost")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Een doel toevoegen").click()
    page.locator("#id_title").fill("Veiliger wonen")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.locator(".error-summary")).to_contain_text("Kies het thema")
    assert_no_axe_violations(page)
    page.locator("#id_theme").select_option(str(theme.pk))
    page.get_by_role("button", name="Opslaan", exact=True).click()

    page.get_by_role("link", name="Een actie plannen voor “Veiliger wonen”").click()
    page.locator("#id_title").fill("Buurtpreventie starten")
    page.locator("#id_owner_organisation").select_option(str(gemeente_org.pk))
    page.get_by_role("button", name="Opslaan", exact=True).click()
    expect(page.get_by_role("link", name="Buurtpreventie starten")).to_be_visible()
    assert PlannedAction.objects.get().year == year

    button = page.get_by_role("button", name=f"Jaarlijkse update van {year} opslaan")
    button.click()
    expect(page.locator(".message-success")).to_contain_text("1 WOP-acties")
    page.get_by_role("button", name=f"Jaarlijkse update van {year} opslaan").click()
    expect(page.locator(".message-success")).to_contain_text("0 WOP-acties")
    expect(page.locator("#log-heading")).to_be_visible()
    assert_no_axe_violations(page)
    assert AgendaItem.objects.filter(title="Buurtpreventie starten").count() == 1
