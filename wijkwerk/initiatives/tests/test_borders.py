"""Topics across borders: an initiative for two wijken of one municipality shows in both
wijken's lists and names its areas; staff change its areas after submission, logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.initiatives import services
from wijkwerk.initiatives.models import Initiative

from .factories import draft, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_wijk(municipality):
    return WijkFactory(municipality=municipality, code="WK040002", name="Nieuw Den Helder")


@pytest.fixture
def handler(wijk, gemeente_org):
    return RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER, organisation=gemeente_org).user


def test_a_draft_for_two_wijken_and_the_refusals(wijk, other_wijk, resident):
    initiative = draft(wijk=wijk, resident=resident, other_areas=[other_wijk])
    assert list(initiative.other_areas.all()) == [other_wijk]
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    for wrong in (elsewhere, wijk):
        with pytest.raises(ValidationError) as excinfo:
            draft(wijk=wijk, resident=resident, other_areas=[wrong], title="Ander plan")
        assert "other_areas" in excinfo.value.message_dict
    assert Initiative.objects.count() == 1


def test_staff_change_the_areas_after_submission_logged(
    wijk, other_wijk, resident, handler, rules_v1
):
    initiative = submitted(wijk, resident)
    with pytest.raises(PermissionDenied):
        services.initiative_set_other_areas(
            initiative=initiative, actor=resident, other_areas=[other_wijk]
        )
    services.initiative_set_other_areas(
        initiative=initiative, actor=handler, other_areas=[other_wijk], reason="Ook de buren"
    )
    assert list(initiative.other_areas.all()) == [other_wijk]
    event = AuditEvent.objects.for_target(initiative).get(action="initiatives.other_areas")
    assert event.actor == handler and event.reason == "Ook de buren"


def test_it_shows_on_both_wijk_lists_and_the_staff_page_changes_it(
    client, wijk, other_wijk, resident, handler, rules_v1
):
    initiative = submitted(wijk, resident, other_areas=[other_wijk])
    services.initiative_start_review(initiative=initiative, actor=handler)
    slug = wijk.municipality.slug
    client.force_login(handler)
    other = client.get(reverse("initiatives:list", args=[slug, other_wijk.slug])).content.decode()
    assert other.count(initiative.title) >= 1 and "ook in" in other
    detail_url = reverse("initiatives:detail", args=[slug, wijk.slug, initiative.pk])
    assert detail_url in other
    page = client.get(detail_url).content.decode()
    assert other_wijk.name in page and 'name="other_areas"' in page
    response = client.post(
        reverse("initiatives:action", args=[slug, wijk.slug, initiative.pk, "areas"]),
        {"other_areas": [], "reason": "Alleen onze wijk"},
    )
    assert response.status_code == 302
    assert not initiative.other_areas.exists()


def test_the_api_reads_and_writes_other_areas_and_refuses_a_wrong_one(
    wijk, other_wijk, resident, handler, rules_v1
):
    initiative = submitted(wijk, resident)
    api = APIClient()
    api.force_authenticate(handler)
    url = f"/api/v1/initiatives/{initiative.pk}/areas/"
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    refused = api.post(url, {"other_areas": [elsewhere.code]}, format="json")
    assert refused.status_code == 400 and "other_areas" in refused.json()
    assert not initiative.other_areas.exists()
    done = api.post(url, {"other_areas": [other_wijk.code]}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["other_area_codes"] == [other_wijk.code]
    assert done.json()["other_areas"] == [other_wijk.pk]
    listed = api.get("/api/v1/initiatives/", {"area": other_wijk.code})
    assert [i["id"] for i in listed.json()["results"]] == [initiative.pk]
    assert_matches_schema(listed.json()["results"][0], "Initiative")


def test_the_submission_form_offers_the_other_wijken_grouped(client, wijk, other_wijk, resident):
    client.force_login(resident)
    page = client.get(
        reverse("initiatives:new", args=[wijk.municipality.slug, wijk.slug])
    ).content.decode()
    field = page.split('class="areas-field"', 1)[1].split('class="help"', 1)[0]
    assert other_wijk.name in field and f'value="{wijk.pk}"' not in field
