"""The wijkschouw API: public reading without participants' names (staff see them), scores
posted by those who walk the schouw with bad input refused, findings handed on once.
Responses are checked against the project's own OpenAPI schema."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.inspections import services
from wijkwerk.inspections.models import ParticipantRole, Score

from .factories import started

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def inspection(wijk, wijkmanager):
    found = started(area=wijk, actor=wijkmanager)
    services.participant_add(
        inspection=found, actor=wijkmanager, role=ParticipantRole.RESIDENT, name="Joke de Vries"
    )
    return found


def test_schouwen_are_public_and_names_are_for_staff(api, inspection, wijkmanager, municipality):
    data = api.get("/api/v1/inspections/", {"municipality": municipality.slug}).json()
    assert_matches_schema(data, "Inspection", many=True)
    assert [i["id"] for i in data] == [inspection.pk]
    assert data[0]["participants"] is None and data[0]["participant_count"] == 1
    assert [s["position"] for s in data[0]["stops"]] == [1, 2, 3]
    api.force_authenticate(wijkmanager)
    one = api.get(f"/api/v1/inspections/{inspection.pk}/").json()
    assert_matches_schema(one, "Inspection")
    assert one["participants"] == [
        {"name": "Joke de Vries", "role": "resident", "has_account": False}
    ]


def test_scores_are_posted_by_walkers_and_bad_input_is_refused(api, inspection, wijkmanager):
    url = f"/api/v1/inspections/{inspection.pk}/scores/"
    stop = inspection.stops.get(position=3)
    body = {"stop": stop.pk, "object_type": "zwerfafval", "level": "D", "note": "Vuil",
            "lat": 52.957, "lon": 4.759}  # fmt: skip
    assert api.post(url, body, format="json").status_code == 403
    api.force_authenticate(wijkmanager)
    for bad, field in [({"level": "E"}, "level"), ({"note": ""}, "note"), ({"stop": 99999}, "stop"),
                       ({"lat": None, "lon": None}, "location")]:  # fmt: skip
        refused = api.post(url, {**body, **bad}, format="json")
        assert refused.status_code == 400 and field in refused.json(), refused.json()
    assert not Score.objects.exists()
    made = api.post(url, body, format="json")
    assert made.status_code == 201
    assert_matches_schema(made.json(), "InspectionScore")
    assert made.json()["below_agreed"] is True
    listed = api.get(url).json()
    assert_matches_schema(listed, "InspectionScore", many=True)
    findings = api.get(f"/api/v1/inspections/{inspection.pk}/findings/").json()
    assert_matches_schema(findings, "InspectionFinding", many=True)
    assert findings[0]["became_kind"] == ""


def test_a_finding_is_converted_once_by_staff(api, inspection, wijkmanager, resident):
    stop = inspection.stops.get(position=1)
    services.score_record(
        inspection=inspection, stop=stop, actor=wijkmanager, object_type="speelvoorzieningen",
        level="D", note="Schommel kapot", lat=stop.lat, lon=stop.lon,
    )  # fmt: skip
    finding = inspection.findings.get()
    url = f"/api/v1/inspections/{inspection.pk}/findings/{finding.pk}/convert/"
    api.force_authenticate(resident)
    assert api.post(url, {"to": "agenda.agendaitem"}, format="json").status_code == 403
    api.force_authenticate(wijkmanager)
    done = api.post(url, {"to": "agenda.agendaitem"}, format="json")
    assert done.status_code == 200
    assert_matches_schema(done.json(), "InspectionFinding")
    assert done.json()["became_kind"] == "agenda.agendaitem"
    again = api.post(url, {"to": "reports.report"}, format="json")
    assert again.status_code == 400 and "already become" in str(again.json())
    assert AgendaItem.objects.count() == 1
    assert (
        api.post(
            f"/api/v1/inspections/{inspection.pk}/findings/99999/convert/",
            {"to": "x"},
            format="json",
        ).status_code
        == 404
    )
