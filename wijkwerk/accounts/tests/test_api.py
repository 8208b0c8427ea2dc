"""Roles through the API. Roles are personal data: shown only where the viewer may see it."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from wijkwerk.accounts.models import RoleAssignment, User
from wijkwerk.accounts.roles import VIEW_PERSONAL_DATA, Role
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.core.tests.openapi import assert_matches_schema


@pytest.fixture
def api():
    return APIClient()


def _visible(api: APIClient, user: User) -> set[int]:
    api.force_authenticate(user)
    body = api.get("/api/v1/roles/").json()
    return {r["id"] for r in body["results"]}


def test_anonymous_visitors_are_refused_in_dutch(api, wijkmanager):
    response = api.get("/api/v1/roles/")
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Authenticatiegegevens zijn niet opgegeven."}


def test_residents_see_no_roles_and_a_single_role_is_404(api, wijkmanager, resident):
    role = RoleAssignment.objects.get(user=wijkmanager)
    api.force_authenticate(resident)
    assert api.get("/api/v1/roles/").json()["count"] == 0
    assert api.get(f"/api/v1/roles/{role.pk}/").status_code == 404


def test_wijkmanager_sees_the_roles_of_own_wijk_only(api, wijk, wijkmanager):
    neighbour = RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT)
    elsewhere = RoleAssignmentFactory(
        area=WijkFactory(municipality=wijk.municipality), role=Role.WIJKAGENT
    )
    api.force_authenticate(wijkmanager)
    body = api.get("/api/v1/roles/").json()
    emails = {r["email"] for r in body["results"]}
    assert emails == {wijkmanager.email, neighbour.user.email}
    assert elsewhere.user.email not in str(body)
    assert_matches_schema(body["results"], "RoleAssignment", many=True)
    detail = api.get(f"/api/v1/roles/{neighbour.pk}/").json()
    assert (detail["role"], detail["area"], detail["municipality"]) == (
        "wijkagent",
        wijk.code,
        "GM0400",
    )
    assert_matches_schema(detail, "RoleAssignment")


def test_visible_roles_are_exactly_those_where_has_capability_grants_personal_data(
    api, municipality, wijk, wijkmanager, resident
):
    """A truth table over viewers: the API shows a role iff has_capability says the viewer
    may see personal data in that role's wijk (or, for a municipality-wide role, in the
    municipality)."""
    other_wijk = WijkFactory(municipality=municipality)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    viewers = {
        "resident": resident,
        "wijkmanager": wijkmanager,
        "accountmanager, whole municipality": RoleAssignmentFactory(
            area=None, municipality=municipality, role=Role.ACCOUNTMANAGER
        ).user,
        "platform chair": RoleAssignmentFactory(area=wijk, role=Role.PLATFORM_CHAIR).user,
        "wijkagent": RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT).user,
        "former wijkmanager": RoleAssignmentFactory(
            area=wijk, role=Role.WIJKMANAGER, ends_on=yesterday
        ).user,
        "wijkmanager elsewhere": RoleAssignmentFactory(role=Role.WIJKMANAGER).user,
    }
    RoleAssignmentFactory(area=other_wijk, role=Role.OPBOUWWERKER)
    roles = list(RoleAssignment.objects.select_related("area", "municipality"))

    seen = {}
    for name, viewer in viewers.items():
        fresh = User.objects.get(pk=viewer.pk)  # no roles cached from an earlier request
        expected = {
            r.pk
            for r in roles
            if has_capability(fresh, VIEW_PERSONAL_DATA, area=r.area, municipality=r.municipality)
        }
        seen[name] = _visible(api, User.objects.get(pk=viewer.pk))
        assert seen[name] == expected, name
    assert seen["resident"] == seen["wijkagent"] == seen["former wijkmanager"] == set()
    assert seen["wijkmanager"] == seen["platform chair"]
    assert seen["wijkmanager"] < seen["accountmanager, whole municipality"]
    assert len(seen["accountmanager, whole municipality"]) == len(roles) - 1  # not elsewhere


def test_token_authentication_shows_a_wijkmanager_the_roles(api, wijkmanager):
    token = Token.objects.create(user=wijkmanager)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = api.get("/api/v1/roles/").json()
    assert [r["email"] for r in body["results"]] == [wijkmanager.email]


def test_an_unknown_token_is_refused(api, wijkmanager):
    api.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = api.get("/api/v1/roles/")
    assert response.status_code in (401, 403)
    assert response.json() == {"detail": "Ongeldige sleutel."}
