"""The meetings API: public bodies and meetings for everybody (members' names for members
and staff only), closed ones answer 404 to others; action points recorded by the secretary
go on the wijkagenda at once or through `convert`, once; bad input is refused and saves
nothing. Responses are checked against the project's own OpenAPI schema."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.meetings import inforequests, services, signups
from wijkwerk.meetings.models import ActionPoint

from .factories import body, held, meeting, session

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_bodies_and_meetings_are_read_as_the_pages_show_them(
    api, wijk, wijkmanager, chair_resident
):
    platform = body(area=wijk, actor=wijkmanager)
    services.member_add(body=platform, actor=wijkmanager, user=chair_resident, is_chair=True)
    closed = body(area=wijk, actor=wijkmanager, name="WCT", is_public=False)
    public_meeting = meeting(body=platform, actor=wijkmanager)
    closed_meeting = meeting(body=closed, actor=wijkmanager)

    bodies = api.get("/api/v1/meeting-bodies/", {"area": wijk.code}).json()
    assert_matches_schema(bodies, "MeetingBody", many=True)
    assert [b["name"] for b in bodies] == ["Wijkplatform"] and bodies[0]["members"] is None
    meetings = api.get("/api/v1/meetings/", {"area": wijk.code}).json()
    assert_matches_schema(meetings, "Meeting", many=True)
    assert [m["id"] for m in meetings] == [public_meeting.pk]
    assert meetings[0]["uid"] == str(public_meeting.uid)
    assert api.get(f"/api/v1/meetings/{closed_meeting.pk}/").status_code == 404
    assert api.get(f"/api/v1/meeting-bodies/{closed.pk}/").status_code == 404
    assert api.get("/api/v1/meetings/", {"area": "WK999999"}).status_code == 400

    api.force_authenticate(wijkmanager)
    staff = api.get("/api/v1/meeting-bodies/", {"area": wijk.code}).json()
    assert_matches_schema(staff, "MeetingBody", many=True)
    assert {b["name"] for b in staff} == {"Wijkplatform", "WCT"}
    chair = next(b for b in staff if b["name"] == "Wijkplatform")["members"][0]
    assert chair["is_chair"] and chair["organisation"] is None
    assert len(api.get("/api/v1/meetings/", {"area": wijk.code, "year": 2099}).json()) == 0


def test_action_points_go_on_the_wijkagenda_once(api, wijk, wijkmanager, resident, gemeente_org):
    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    url = f"/api/v1/meetings/{done.pk}/action-points/"
    record = {"title": "Snoeien langs het fietspad", "owner_organisation": gemeente_org.pk}
    assert api.post(url, record, format="json").status_code == 403
    api.force_authenticate(resident)
    assert api.post(url, record, format="json").status_code == 403
    api.force_authenticate(wijkmanager)

    refused = api.post(url, {"title": "Iets"}, format="json")
    assert refused.status_code == 400 and "owner_organisation" in refused.json()
    assert not ActionPoint.objects.exists()

    made = api.post(url, {**record, "to_agenda": False}, format="json")
    assert made.status_code == 201, made.json()
    assert_matches_schema(made.json(), "ActionPoint")
    assert made.json()["agenda_item"] is None and not AgendaItem.objects.exists()

    convert = f"{url}{made.json()['id']}/convert/"
    converted = api.post(convert, {}, format="json")
    assert converted.status_code == 200, converted.json()
    assert_matches_schema(converted.json(), "ActionPoint")
    item = AgendaItem.objects.get(pk=converted.json()["agenda_item"])
    assert item.source == Source.MEETING and item.owner_organisation == gemeente_org
    again = api.post(convert, {}, format="json")
    assert again.status_code == 400 and AgendaItem.objects.count() == 1
    assert api.post(f"{url}999999/convert/", {}, format="json").status_code == 404


def test_open_sessions_and_requests_are_public_without_personal_data(
    api, wijk, wijkmanager, resident
):
    s = session(area=wijk, actor=wijkmanager, capacity=5)
    signups.session_sign_up(session=s, actor=None, name="Ans Smit", email="ans@example.nl")
    inforequests.info_request_create(area=wijk, actor=resident, topic="Verkeer")
    sessions = api.get("/api/v1/open-sessions/", {"area": wijk.code})
    assert_matches_schema(sessions.json(), "OpenSession", many=True)
    (found,) = sessions.json()
    assert found["places_taken"] == 1 and found["capacity"] == 5 and found["kind"] == "werkatelier"
    assert b"Ans Smit" not in sessions.content and b"ans@example.nl" not in sessions.content
    requests = api.get("/api/v1/info-meeting-requests/", {"area": wijk.code})
    assert_matches_schema(requests.json(), "InfoMeetingRequest", many=True)
    assert requests.json()[0]["status"] == "pending"
    assert resident.email.encode() not in requests.content
    assert api.get("/api/v1/open-sessions/").status_code == 400
