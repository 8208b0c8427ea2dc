"""Meldingen placed by their point in the real (shipped) CBS boundaries of the demo's three
municipalities; points outside a municipality are refused on the web and in Open311."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from shapely.geometry import shape

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.services import DEMO_BOUNDARIES, areas_import, parse_geojson
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.reports.models import Channel, Report
from wijkwerk.reports.services import report_create

from .factories import subcategory

WIJK_CODES = [
    row.code for row in parse_geojson(DEMO_BOUNDARIES.read_text()) if row.code.startswith("WK")
]


@pytest.fixture
def cbs(municipality):
    areas_import(rows=parse_geojson(DEMO_BOUNDARIES.read_text()))
    return {m.code: m for m in Municipality.objects.all()}


def _category(municipality):
    org = OrganisationFactory(municipality=municipality)
    return subcategory(municipality, org, ("groen", "Groen"), "boom", "Boom")


@pytest.mark.parametrize("code", WIJK_CODES)
def test_a_report_at_a_point_of_each_wijk_lands_in_that_wijk(cbs, code):
    wijk = Area.objects.get(code=code)
    point = shape(wijk.geometry).representative_point()
    made = report_create(
        municipality=wijk.municipality,
        category=_category(wijk.municipality),
        description="Tak op het pad",
        lat=point.y,
        lon=point.x,
        channel=Channel.WEB,
    )
    assert made.wijk_id == wijk.pk


@pytest.mark.parametrize("code", WIJK_CODES)
def test_without_a_map_the_chosen_wijk_places_the_report(cbs, code):
    wijk = Area.objects.get(code=code)
    made = report_create(
        municipality=wijk.municipality,
        category=_category(wijk.municipality),
        description="Losse stoeptegel",
        lat=None,
        lon=None,
        area_hint=wijk,
        channel=Channel.WEB,
    )
    assert made.wijk_id == wijk.pk and made.lat is not None


@pytest.mark.parametrize(
    ("lat", "lon"), [(52.95, 4.60), (51.57, 4.61)], ids=["north-sea", "etten-leur"]
)
def test_the_web_form_refuses_a_point_outside_den_helder(client, cbs, boom, lat, lon):
    response = client.post(
        reverse("reports:new", args=[cbs["GM0400"].slug]),
        {"category": boom.pk, "description": "Zwerfvuil", "lat": lat, "lon": lon},
    )
    assert response.status_code == 400
    assert "ligt buiten Den Helder" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("lat", "lon"), [(52.95, 4.60), (51.57, 4.61)], ids=["north-sea", "etten-leur"]
)
def test_open311_refuses_a_point_outside_den_helder(client, cbs, boom, lat, lon):
    key = Token.objects.create(user=UserFactory()).key
    response = client.post(
        "/open311/v2/requests.json",
        {
            "jurisdiction_id": "GM0400",
            "api_key": key,
            "service_code": boom.code,
            "description": "Zwerfvuil",
            "lat": lat,
            "long": lon,
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body[0]["code"] == 400 and "ligt buiten Den Helder" in body[0]["description"]
    assert not Report.objects.exists()
