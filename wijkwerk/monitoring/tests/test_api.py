"""The indicators API: public, the documented shape, the same figures as the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.monitoring.tests.test_views import _fill

THIS_YEAR = timezone.localdate().year


@pytest.fixture
def api():
    return APIClient()


def test_municipality_indicators_fit_the_schema_and_name_wijken_by_code(api, wijk, wijk2):
    _fill(wijk, THIS_YEAR)
    response = api.get(f"/api/v1/monitoring/municipalities/{wijk.municipality.code.lower()}/")
    assert response.status_code == 200
    body = response.json()
    assert_matches_schema(body, "Monitor")
    assert (body["municipality"], body["wijk"], body["year"]) == (
        wijk.municipality.code,
        None,
        THIS_YEAR,
    )
    assert {w["code"] for w in body["wijken"]} == {wijk.code, wijk2.code}
    [money] = body["indicators"]["money"]
    assert (money["area"], money["residents_cents"], money["professionals_cents"]) == (
        wijk.code,
        25_000,
        0,
    )
    [reports] = body["indicators"]["reports"]
    assert (reports["reports"], reports["handled_in_time"]) == (1, 1)
    assert "area_id" not in reports


def test_an_earlier_year_and_a_wrong_one(api, wijk):
    _fill(wijk, THIS_YEAR - 1)
    url = f"/api/v1/monitoring/municipalities/{wijk.municipality.code}/"
    assert api.get(url).json()["indicators"]["reports"] == []
    earlier = api.get(url, {"year": THIS_YEAR - 1}).json()
    assert earlier["indicators"]["reports"][0]["reports"] == 1
    assert api.get(url, {"year": "twintig"}).status_code == 400


def test_wijk_indicators_over_the_years(api, wijk):
    for year in (THIS_YEAR - 1, THIS_YEAR):
        _fill(wijk, year)
    response = api.get(f"/api/v1/monitoring/wijken/{wijk.code}/")
    assert response.status_code == 200
    body = response.json()
    assert_matches_schema(body, "Monitor")
    assert [r["year"] for r in body["indicators"]["meetings"]] == [THIS_YEAR - 1, THIS_YEAR]
    assert body["wijk"] == wijk.code and body["year"] is None


def test_unknown_codes_are_404(api, wijk):
    assert api.get("/api/v1/monitoring/municipalities/GM9999/").status_code == 404
    assert api.get("/api/v1/monitoring/wijken/WK999999/").status_code == 404


def test_api_queries_do_not_grow_with_the_wijken(api, wijk):
    _fill(wijk, THIS_YEAR)
    url = f"/api/v1/monitoring/municipalities/{wijk.municipality.code}/"
    with CaptureQueriesContext(connection) as few:
        api.get(url)
    for _ in range(4):
        _fill(WijkFactory(municipality=wijk.municipality), THIS_YEAR)
    with CaptureQueriesContext(connection) as many:
        api.get(url)
    assert len(many) == len(few)
