"""The meeting pages: public bodies and meetings for everybody, closed ones and staff forms
answer 404 to others; invalid forms show again with their errors (400) and save nothing."""

import datetime

import pytest
from django.utils import timezone

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.meetings.models import ActionPoint, AgendaPoint, Body, Meeting, MeetingStatus

from .factories import body, held, meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def base(wijk):
    return f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"


def test_the_wijk_page_lists_public_bodies_and_coming_meetings(client, base, wijk, wijkmanager):
    public = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    closed = meeting(body=body(area=wijk, actor=wijkmanager, name="WCT", is_public=False),
                     actor=wijkmanager)  # fmt: skip
    page = client.get(base).content.decode()
    assert "Wijkplatform" in page and "WCT" not in page and "Een jaar plannen" not in page
    assert client.get(f"{base}{public.pk}/").status_code == 200
    assert client.get(f"{base}{closed.pk}/").status_code == 404
    assert client.get(f"{base}orgaan/{closed.body.pk}/").status_code == 404
    client.force_login(wijkmanager)
    assert "Een jaar plannen" in client.get(base).content.decode()
    assert client.get(f"{base}{closed.pk}/").status_code == 200


def test_staff_add_the_template_and_plan_a_year_from_the_page(client, base, wijk, wijkmanager):
    client.force_login(wijkmanager)
    assert client.post(f"{base}sjabloon/", {"template": "den-helder"}).status_code == 302
    assert Body.objects.filter(area=wijk).count() == 5
    response = client.post(f"{base}jaarplanning/", {"year": 2026, "region": "noord"})
    assert response.status_code == 302
    assert Meeting.objects.count() == 32


def test_a_refused_plan_shows_its_reason_and_saves_nothing(client, base, wijk, wijkmanager):
    body(area=wijk, actor=wijkmanager, name="Wekelijks", per_year=52)
    client.force_login(wijkmanager)
    response = client.post(f"{base}jaarplanning/", {"year": 2026, "region": "noord"})
    assert response.status_code == 400
    assert "geen 52 keer bijeenkomen" in response.content.decode()
    assert not Meeting.objects.exists()


def test_outsiders_cannot_use_staff_forms(client, base, wijk, wijkmanager, resident):
    found = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    client.force_login(resident)
    assert client.post(f"{base}jaarplanning/", {"year": 2026, "region": "noord"}).status_code == 404
    assert client.post(f"{base}{found.pk}/afzeggen/", {"reason": "x"}).status_code == 404
    assert Meeting.objects.get().status == MeetingStatus.PLANNED


def test_a_resident_proposes_a_point_on_the_page(client, base, wijk, wijkmanager, resident):
    found = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    client.force_login(resident)
    assert "Stel een punt voor de agenda voor" in client.get(f"{base}{found.pk}/").content.decode()
    empty = client.post(f"{base}{found.pk}/punt-voorstellen/", {"title": ""})
    assert empty.status_code == 400 and not AgendaPoint.objects.exists()
    client.post(f"{base}{found.pk}/punt-voorstellen/", {"title": "Parkeren bij school"})
    assert "Parkeren bij school" in client.get(f"{base}{found.pk}/").content.decode()


def test_moving_a_meeting_to_end_before_it_starts_shows_the_error(client, base, wijk, wijkmanager):
    found = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    client.force_login(wijkmanager)
    start = timezone.localtime(found.starts_at)
    response = client.post(f"{base}{found.pk}/verzetten/", {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    })  # fmt: skip
    assert response.status_code == 400
    assert "De vergadering moet eindigen nadat zij begint." in response.content.decode()
    assert Meeting.objects.get().sequence == 0


def test_an_action_point_without_probleemeigenaar_shows_the_error(
    client, base, wijk, wijkmanager, gemeente_org
):
    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    client.force_login(wijkmanager)
    refused = client.post(f"{base}{done.pk}/actiepunt/", {"title": "Bankje plaatsen"})
    assert (
        refused.status_code == 400
        and "heeft een probleemeigenaar nodig" in refused.content.decode()
    )
    assert not ActionPoint.objects.exists() and not AgendaItem.objects.exists()
    client.post(f"{base}{done.pk}/actiepunt/",
                {"title": "Bankje plaatsen", "owner_organisation": gemeente_org.pk})  # fmt: skip
    item = AgendaItem.objects.get()
    page = client.get(f"{base}{done.pk}/").content.decode()
    assert f"/wijkagenda/{item.pk}/" in page
