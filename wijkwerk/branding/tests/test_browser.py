"""The theme page in a real browser: the functioneel beheerder sets a colour that fails the
contrast check (refused, with the ratio), then one that passes, and sees the menu bar of the
municipality's pages take it; the pages pass the axe WCAG 2.1 AA check in both themes."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.branding.models import Theme  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_beheerder_sets_a_colour_and_sees_it_applied(live_server, page, treasurer, wijk):
    municipality = wijk.municipality
    log_in(page, live_server, treasurer)
    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/")
    page.get_by_role("link", name="Huisstijl").click()
    assert_no_axe_violations(page)

    page.get_by_label("Naam bovenaan de pagina").fill("Gemeente Den Helder")
    page.get_by_label("Primaire kleur", exact=True).fill("#ffdd00")
    page.get_by_role("button", name="De huisstijl opslaan").click()
    expect(page.locator(".error-text").first).to_contain_text("1.34:1")
    assert not Theme.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("Primaire kleur", exact=True).fill("#1d6b35")
    page.get_by_role("button", name="De huisstijl opslaan").click()
    expect(page.get_by_text("De huisstijl is opgeslagen")).to_be_visible()
    assert Theme.objects.get().primary_color == "#1d6b35"

    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/{wijk.slug}/")
    expect(page.locator(".site-nav")).to_have_css("background-color", "rgb(29, 107, 53)")
    expect(page.locator(".brand-name")).to_have_text("Gemeente Den Helder")
    assert_no_axe_violations(page)
    # The refused form answered 400, which the browser reports; nothing else went wrong.
    assert [e for e in page.console_errors if "400 (Bad Request)" not in e] == []
