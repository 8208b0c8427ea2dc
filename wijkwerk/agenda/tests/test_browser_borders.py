"""A topic across borders in a real browser, with WCAG 2.1 AA checks: the wijkmanager puts
an item on the wijkagenda of one wijk that also concerns a second wijk (a checkbox grouped
under that wijk), and the item shows on both wijk pages, with "ook in" naming the other.

Run alone with `pytest -m browser`.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.agenda.models import AgendaItem  # noqa: E402
from wijkwerk.areas.tests.factories import BuurtFactory, WijkFactory  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_wijkmanager_puts_an_item_on_two_wijk_pages(
    live_server, page, wijk, wijkmanager, gemeente_org
):
    other = WijkFactory(
        municipality=wijk.municipality, code="WK040002", name="Nieuw Den Helder", slug="nieuw"
    )
    BuurtFactory(parent=other, name="Tuindorp")
    slug = wijk.municipality.slug
    log_in(page, live_server, wijkmanager)
    page.goto(f"{live_server.url}/gemeente/{slug}/{wijk.slug}/wijkagenda/nieuw/")
    page.locator("#id_title").fill("Fietsroute langs het kanaal")
    page.locator("#id_owner_organisation").select_option(str(gemeente_org.pk))
    group = page.locator("fieldset.area-group", has_text="Nieuw Den Helder")
    expect(group.get_by_label("Tuindorp")).to_be_visible()
    group.get_by_label("Nieuw Den Helder (de hele wijk)").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Toevoegen aan de wijkagenda").click()
    expect(page.get_by_role("heading", name="Fietsroute langs het kanaal")).to_be_visible()
    expect(page.locator(".also-in")).to_contain_text("Nieuw Den Helder")
    item = AgendaItem.objects.get()
    assert list(item.other_areas.all()) == [other]

    for shown, also in ((wijk, other.name), (other, wijk.name)):
        page.goto(f"{live_server.url}/gemeente/{slug}/{shown.slug}/")
        row = page.locator("#agenda .agenda-item", has_text="Fietsroute langs het kanaal")
        expect(row).to_have_count(1)
        expect(row.locator(".also-in")).to_contain_text(f"ook in: {also}")
        assert_no_axe_violations(page)
    row.get_by_role("link", name="Fietsroute langs het kanaal").click()
    expect(page.get_by_role("heading", name="Fietsroute langs het kanaal")).to_be_visible()
