"""Municipalities and areas through the API: lookup by CBS code, filters, light lists."""

import pytest
from rest_framework.test import APIClient

from wijkwerk.areas.tests.factories import BuurtFactory, MunicipalityFactory, WijkFactory
from wijkwerk.core.tests.openapi import assert_matches_schema

SQUARE = {"type": "Polygon", "coordinates": [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 52.9]]]}
AREA_FIELDS = {"code", "name", "slug", "kind", "municipality", "parent"}


@pytest.fixture
def api():
    return APIClient()


def test_municipality_is_looked_up_by_its_cbs_code(api, municipality):
    response = api.get("/api/v1/municipalities/GM0400/")
    assert response.status_code == 200
    body = response.json()
    assert (body["code"], body["name"], body["slug"]) == ("GM0400", "Den Helder", "den-helder")
    assert_matches_schema(body, "Municipality")


def test_unknown_municipality_code_is_404(api, municipality):
    assert api.get("/api/v1/municipalities/GM9999/").status_code == 404


def test_municipality_list_fits_the_schema(api, municipality):
    MunicipalityFactory()
    body = api.get("/api/v1/municipalities/").json()
    assert body["count"] == 2
    assert_matches_schema(body["results"], "Municipality", many=True)


def test_area_list_filters_by_municipality_code_in_any_case_and_by_kind(api, wijk):
    buurt = BuurtFactory(parent=wijk)
    WijkFactory()  # another municipality
    body = api.get("/api/v1/areas/", {"municipality": "gm0400", "kind": "wijk"}).json()
    assert [a["code"] for a in body["results"]] == [wijk.code]
    body = api.get("/api/v1/areas/", {"municipality": "GM0400", "kind": "buurt"}).json()
    assert [(a["code"], a["parent"]) for a in body["results"]] == [(buurt.code, wijk.code)]
    assert_matches_schema(body["results"], "Area", many=True)


def test_area_list_leaves_the_boundary_out(api, wijk):
    wijk.geometry = SQUARE
    wijk.save()
    body = api.get("/api/v1/areas/").json()
    assert set(body["results"][0]) == AREA_FIELDS


def test_area_list_carries_boundaries_with_geometry_1(api, wijk):
    wijk.geometry = SQUARE
    wijk.save()
    body = api.get("/api/v1/areas/", {"geometry": "1"}).json()
    assert body["results"][0]["geometry"] == SQUARE
    assert_matches_schema(body["results"], "AreaDetail", many=True)


def test_area_detail_carries_its_geojson_boundary(api, wijk):
    wijk.geometry = SQUARE
    wijk.save()
    body = api.get(f"/api/v1/areas/{wijk.code}/").json()
    assert body["geometry"] == SQUARE and body["municipality"] == "GM0400"
    assert set(body) == AREA_FIELDS | {"geometry"}
    assert_matches_schema(body, "AreaDetail")


def test_unknown_kind_is_a_field_error_in_dutch(api, wijk):
    response = api.get("/api/v1/areas/", {"kind": "stad"})
    assert response.status_code == 400
    assert response.json() == {"kind": ['"stad" is een ongeldige keuze.']}


def test_unknown_municipality_filter_is_a_field_error_naming_the_code(api, wijk):
    response = api.get("/api/v1/areas/", {"municipality": "GM9999"})
    assert response.status_code == 400
    [message] = response.json()["municipality"]
    assert "GM9999" in message
