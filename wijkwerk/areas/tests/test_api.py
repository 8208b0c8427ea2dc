"""Areas, organisations and roles through the API; roles are personal data."""

from rest_framework.test import APIClient

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import BuurtFactory, WijkFactory
from wijkwerk.core.tests.openapi import assert_matches_schema

SQUARE = {"type": "Polygon", "coordinates": [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 52.9]]]}


def test_areas_filter_by_municipality_and_kind(wijk):
    BuurtFactory(parent=wijk)
    WijkFactory()  # elsewhere
    body = APIClient().get("/api/v1/areas/", {"municipality": "gm0400", "kind": "wijk"}).json()
    assert [a["code"] for a in body["results"]] == [wijk.code]
    assert "geometry" not in body["results"][0]
    assert_matches_schema(body["results"], "Area", many=True)


def test_area_detail_carries_its_geojson_boundary(wijk):
    wijk.geometry = SQUARE
    wijk.save()
    body = APIClient().get(f"/api/v1/areas/{wijk.code}/").json()
    assert body["geometry"] == SQUARE and body["municipality"] == "GM0400"
    assert_matches_schema(body, "AreaDetail")


def test_municipality_by_cbs_code(municipality):
    body = APIClient().get("/api/v1/municipalities/GM0400/").json()
    assert body["name"] == "Den Helder"
    assert_matches_schema(body, "Municipality")


def test_organisations_filter_by_municipality(gemeente_org):
    from wijkwerk.organisations.tests.factories import OrganisationFactory

    OrganisationFactory()
    body = APIClient().get("/api/v1/organisations/", {"municipality": "GM0400"}).json()
    assert [o["name"] for o in body["results"]] == ["Gemeente Den Helder"]
    assert_matches_schema(body["results"], "Organisation", many=True)


def test_roles_are_hidden_from_anonymous_and_residents(wijk, wijkmanager, resident):
    api = APIClient()
    assert api.get("/api/v1/roles/").status_code in (401, 403)
    api.force_authenticate(resident)
    assert api.get("/api/v1/roles/").json()["count"] == 0


def test_wijkmanager_sees_the_roles_of_own_wijk_only(wijk, wijkmanager):
    other = RoleAssignmentFactory(
        area=WijkFactory(municipality=wijk.municipality), role=Role.WIJKAGENT
    )
    api = APIClient()
    api.force_authenticate(wijkmanager)
    body = api.get("/api/v1/roles/").json()
    emails = {r["email"] for r in body["results"]}
    assert wijkmanager.email in emails and other.user.email not in emails
    assert_matches_schema(body["results"], "RoleAssignment", many=True)
