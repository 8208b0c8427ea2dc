"""The agenda API: public reading, proposing, answering — with the web's permissions."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from wijkwerk.agenda.models import AgendaItem, Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.core.tests.openapi import assert_matches_schema


@pytest.fixture
def api():
    return APIClient()


def test_public_list_filters_by_wijk_and_status_and_fits_the_schema(api, wijk, resident):
    AgendaItemFactory(area=wijk, proposed_by=resident)
    AgendaItemFactory(area=wijk, status=Status.REJECTED, verdict="nooit", motivation="Te duur")
    AgendaItemFactory()  # another wijk
    response = api.get("/api/v1/agenda-items/", {"area": wijk.code, "status": "rejected"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["motivation"] == "Te duur"
    assert_matches_schema(body["results"], "AgendaItem", many=True)


def test_proposer_is_never_exposed_to_the_public(api, wijk, resident):
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    body = api.get(f"/api/v1/agenda-items/{item.pk}/").json()
    assert "proposed_by" not in body and resident.email not in str(body)


def test_wijkmanager_sees_the_proposer(api, wijk, resident, wijkmanager):
    item = AgendaItemFactory(area=wijk, proposed_by=resident)
    api.force_authenticate(wijkmanager)
    body = api.get(f"/api/v1/agenda-items/{item.pk}/").json()
    assert body["proposed_by"] == resident.email
    assert_matches_schema(body, "AgendaItemStaff")


def test_resident_proposes_through_the_api(api, wijk, resident):
    api.force_authenticate(resident)
    response = api.post(
        "/api/v1/agenda-items/", {"area": wijk.code, "title": "Fietsenrekken"}, format="json"
    )
    assert response.status_code == 201
    assert_matches_schema(response.json(), "AgendaItemStaff")
    item = AgendaItem.objects.get()
    assert (item.status, item.proposed_by) == (Status.PROPOSED, resident)


def test_anonymous_cannot_propose(api, wijk):
    response = api.post("/api/v1/agenda-items/", {"area": wijk.code, "title": "X"}, format="json")
    assert response.status_code in (401, 403)
    assert not AgendaItem.objects.exists()


def test_unknown_wijk_code_is_a_field_error(api, resident):
    api.force_authenticate(resident)
    response = api.post("/api/v1/agenda-items/", {"area": "WK999999", "title": "X"}, format="json")
    assert response.status_code == 400 and "area" in response.json()


def test_ooit_without_conditions_is_400_with_field_errors_and_changes_nothing(
    api, wijk, wijkmanager
):
    item = AgendaItemFactory(area=wijk)
    api.force_authenticate(wijkmanager)
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/", {"verdict": "ooit"}, format="json"
    )
    assert response.status_code == 400
    assert {"conditions", "answer_by"} <= set(response.json())
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def test_wijkmanager_answers_ooit_with_token_auth(api, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    token = Token.objects.create(user=wijkmanager)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    answer_by = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "ooit", "conditions": "Na de zomer", "answer_by": answer_by},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["status"], response.json()["answer_by"]) == ("waiting", answer_by)


def test_resident_answering_gets_403_and_nothing_changes(api, wijk, resident):
    item = AgendaItemFactory(area=wijk)
    api.force_authenticate(resident)
    response = api.post(
        f"/api/v1/agenda-items/{item.pk}/answer/",
        {"verdict": "nooit", "motivation": "nee"},
        format="json",
    )
    assert response.status_code == 403 and "detail" in response.json()
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def test_progress_with_a_forbidden_transition_is_400(api, wijk, wijkmanager, gemeente_org):
    item = AgendaItemFactory(
        area=wijk, status=Status.PLANNED, verdict="nu", owner_organisation=gemeente_org
    )
    api.force_authenticate(wijkmanager)
    url = f"/api/v1/agenda-items/{item.pk}/progress/"
    assert api.post(url, {"text": "x", "new_status": "rejected"}, format="json").status_code == 400
    response = api.post(url, {"text": "Begonnen", "new_status": "in_progress"}, format="json")
    assert response.status_code == 201
    assert_matches_schema(response.json(), "Progress")
