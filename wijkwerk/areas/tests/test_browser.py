"""Find your wijk and the wijken map in a real browser: postcode to Julianadorp, a click on
a wijk opens its page, and failing tiles leave the boundaries with a message. WCAG checks."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.areas.models import Area, Municipality  # noqa: E402
from wijkwerk.areas.services import (  # noqa: E402
    DEMO_BOUNDARIES,
    areas_import,
    demo_geodata_load,
    parse_geojson,
)
from wijkwerk.core.tests.browser import assert_no_axe_violations  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TILES = "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png"


@pytest.fixture
def cbs(db, settings):
    settings.WIJKWERK_MAP_TILES = TILES
    areas_import(rows=parse_geojson(DEMO_BOUNDARIES.read_text()))
    for municipality in Municipality.objects.all():
        demo_geodata_load(municipality=municipality)
    return Area.objects.get(code="WK040008")


@pytest.mark.parametrize("typed", ["1787", "1787AB 12"])
def test_a_postcode_on_the_home_page_lands_on_julianadorp(live_server, page, cbs, typed):
    page.goto(live_server.url + "/")
    page.get_by_label("Postcode").fill(typed)
    page.get_by_role("button", name="Zoek mijn wijk").click()
    page.wait_for_url(f"**/{cbs.municipality.slug}/{cbs.slug}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(cbs.name)


def test_the_wijken_map_opens_a_wijk_and_fails_well_without_tiles(live_server, page, cbs):
    page.route("**/tiles/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/gemeente/{cbs.municipality.slug}/")
    expect(page.get_by_text("De achtergrondkaart is niet beschikbaar")).to_be_visible()
    shapes = page.locator("[data-wijken-map] path.leaflet-interactive")
    expect(shapes).to_have_count(8)
    expect(page.locator("[data-wijken-map]")).to_contain_text("Centraal Bureau voor de Statistiek")
    assert_no_axe_violations(page)
    page.locator("[data-wijken-map] path.leaflet-interactive").last.click(force=True)
    page.wait_for_url(f"**/{cbs.municipality.slug}/*/")
    assert page.url.rstrip("/").split("/")[-1] in set(
        Area.objects.filter(municipality=cbs.municipality).values_list("slug", flat=True)
    )


def test_a_wijk_page_starts_with_its_map_and_a_neighbour_opens_its_own_page(live_server, page, cbs):
    page.route("**/tiles/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/gemeente/{cbs.municipality.slug}/{cbs.slug}/")
    region = page.locator("[data-wijken-map]")
    expect(region).to_be_visible()
    expect(region).to_have_attribute("aria-label", f"Kaart van {cbs.name}")
    shapes = region.locator("path.leaflet-interactive")
    expect(shapes).to_have_count(8)
    # Its own boundary is drawn heavier than the neighbours'.
    widths = [shapes.nth(i).get_attribute("stroke-width") for i in range(8)]
    assert sorted(widths) == ["2"] * 7 + ["4"], widths
    expect(page.get_by_text("De achtergrondkaart is niet beschikbaar")).to_be_visible()
    assert_no_axe_violations(page)
    neighbour = next(i for i, width in enumerate(widths) if width == "2")
    # A neighbour may lie partly outside the fitted map: click it as Leaflet sees a click.
    shapes.nth(neighbour).dispatch_event("click")
    page.wait_for_url(lambda url: not url.rstrip("/").endswith(f"/{cbs.slug}"))
    assert f"/gemeente/{cbs.municipality.slug}/" in page.url
    expect(page.get_by_role("heading", level=1)).not_to_contain_text(cbs.name)
