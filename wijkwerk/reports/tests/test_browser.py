"""Reporting with the map and following the report, in a real browser, with WCAG checks.

Run alone with `pytest -m browser`. Map tiles come from a data: URL here, so the test needs
no network; the map itself (Leaflet) is served from our static files.
"""

import os
import re

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations as _no_violations  # noqa: E402
from wijkwerk.reports.models import Report, Status  # noqa: E402

from .factories import subcategory  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A 1x1 transparent PNG: every tile of the test map.
BLANK_TILE = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)
SEND = re.compile(r"^(Melding versturen|Send report)$")
REPORTED = re.compile(r"(Gemeld|Reported)")


def test_a_resident_reports_on_the_map_and_follows_the_report(
    live_server, page, settings, municipality, wijk, gemeente_org
):
    settings.WIJKWERK_MAP_TILES = BLANK_TILE
    municipality.map_lat, municipality.map_lon = 52.93, 4.76
    municipality.save()
    subcategory(
        municipality,
        gemeente_org,
        ("verlichting", "Verlichting"),
        "lantaarnpaal",
        "Lantaarnpaal doet het niet",
    )

    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/meldingen/nieuw/")
    _no_violations(page)
    page.get_by_label(re.compile(r"^(Waar gaat het over|What is it about)")).select_option(
        label="Lantaarnpaal doet het niet"
    )
    page.get_by_label(re.compile(r"^(Beschrijf het probleem|Describe the problem)")).fill(
        "De lamp bij de speeltuin is al een week uit."
    )
    map_box = page.locator("[data-pick-map]")
    expect(map_box).to_be_visible()
    map_box.click(position={"x": 200, "y": 150})
    expect(page.locator("#id_lat")).not_to_have_value("")
    page.get_by_label(re.compile(r"^(Wijk of buurt|Wijk or buurt)")).select_option(label=wijk.name)
    page.get_by_role("button", name=SEND).click()

    expect(page).to_have_url(re.compile(r"/meldingen/\d+/$"))
    report = Report.objects.get()
    assert report.status == Status.REPORTED
    assert abs(report.lat - 52.93) < 0.05 and abs(report.lon - 4.76) < 0.05
    expect(page.locator("main")).to_contain_text(REPORTED)
    expect(page.locator("main")).to_contain_text("De lamp bij de speeltuin")
    _no_violations(page)

    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/{wijk.slug}/meldingen/")
    expect(page.locator("[data-reports-map] .leaflet-interactive")).to_have_count(1)
    _no_violations(page)
    assert page.console_errors == []
