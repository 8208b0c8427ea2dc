"""Organisations through the API: public, filtered by municipality."""

import pytest
from rest_framework.test import APIClient

from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def api():
    return APIClient()


def test_organisations_filter_by_municipality_code(api, gemeente_org):
    OrganisationFactory()  # another municipality
    body = api.get("/api/v1/organisations/", {"municipality": "gm0400"}).json()
    assert [o["name"] for o in body["results"]] == ["Gemeente Den Helder"]
    assert body["results"][0]["municipality"] == "GM0400"
    assert_matches_schema(body["results"], "Organisation", many=True)


def test_organisation_detail_names_the_organisation_a_department_belongs_to(
    api, gemeente_org, municipality
):
    department = OrganisationFactory(
        municipality=municipality, parent=gemeente_org, name="Wijkzaken"
    )
    body = api.get(f"/api/v1/organisations/{department.pk}/").json()
    assert (body["name"], body["parent"]) == ("Wijkzaken", gemeente_org.pk)
    assert_matches_schema(body, "Organisation")


def test_unknown_municipality_filter_is_a_field_error_naming_the_code(api, gemeente_org):
    response = api.get("/api/v1/organisations/", {"municipality": "GM9999"})
    assert response.status_code == 400
    [message] = response.json()["municipality"]
    assert "GM9999" in message
