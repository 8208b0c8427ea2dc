"""The calendars, parsed back with `icalendar`: per wijk only public meetings, per body, and
per person behind a secret link. UIDs stay the same when a meeting moves, SEQUENCE rises,
and a cancelled meeting stays in the feed as STATUS:CANCELLED. A wrong or revoked token
answers 404 and says nothing more."""

import datetime

import pytest
from icalendar import Calendar

from wijkwerk.meetings import services
from wijkwerk.meetings.models import CalendarToken

from .factories import body, meeting

pytestmark = pytest.mark.django_db


def _events(response) -> dict[str, dict]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["VERSION"]) == "2.0" and "Wijkwerk" in str(calendar["PRODID"])
    return {
        str(e["UID"]): {
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "sequence": int(e["SEQUENCE"]),
            "status": str(e["STATUS"]),
            "summary": str(e["SUMMARY"]),
            "description": str(e.get("DESCRIPTION", "")),
        }
        for e in calendar.walk("VEVENT")
    }


@pytest.fixture
def planned(wijk, wijkmanager):
    public = body(area=wijk, actor=wijkmanager)
    closed = body(area=wijk, actor=wijkmanager, name="WCT", is_public=False)
    return meeting(body=public, actor=wijkmanager), meeting(body=closed, actor=wijkmanager)


def test_the_wijk_feed_has_public_meetings_and_follows_moves_and_cancellations(
    client, wijk, wijkmanager, planned
):
    public, _closed = planned
    url = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/agenda.ics"
    services.point_add(meeting=public, actor=wijkmanager, title="Speeltuin")
    first = _events(client.get(url))
    assert list(first) == [f"{public.uid}@wijkwerk"]
    event = first[f"{public.uid}@wijkwerk"]
    assert event["status"] == "CONFIRMED" and event["summary"] == f"Wijkplatform – {wijk.name}"
    assert event["start"] == public.starts_at and "1. Speeltuin" in event["description"]

    later = public.starts_at + datetime.timedelta(days=2)
    services.meeting_move(meeting=public, actor=wijkmanager, starts_at=later,
                          ends_at=later + datetime.timedelta(hours=2))  # fmt: skip
    moved = _events(client.get(url))[f"{public.uid}@wijkwerk"]
    assert moved["start"] == later and moved["sequence"] > event["sequence"]

    services.meeting_cancel(meeting=public, actor=wijkmanager, reason="Zaal dicht")
    cancelled = _events(client.get(url))[f"{public.uid}@wijkwerk"]
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] > moved["sequence"]
    assert "Zaal dicht" in cancelled["description"]


def test_a_closed_bodys_feed_does_not_exist_for_anyone(client, wijk, planned):
    _public, closed = planned
    base = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"
    assert client.get(f"{base}orgaan/{closed.body.pk}/agenda.ics").status_code == 404
    assert len(_events(client.get(f"{base}orgaan/{_public.body.pk}/agenda.ics"))) == 1
    assert client.get(f"{base}{closed.pk}/uitnodiging.ics").status_code == 404


def test_the_invitation_is_an_ics_attachment(client, wijk, planned):
    public, _closed = planned
    response = client.get(
        f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/{public.pk}/uitnodiging.ics"
    )
    assert response["Content-Disposition"] == f'attachment; filename="overleg-{public.pk}.ics"'
    assert list(_events(response)) == [f"{public.uid}@wijkwerk"]


def test_the_personal_feed_shows_a_members_closed_meetings_until_revoked(
    client, wijk, wijkmanager, accountmanager, gemeente_org, planned
):
    _public, closed = planned
    services.member_add(body=closed.body, actor=wijkmanager, user=accountmanager,
                        organisation=gemeente_org, mandate="Beheer")  # fmt: skip
    token = services.calendar_token_create(actor=accountmanager)
    stored = CalendarToken.objects.get()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    url = f"/overleg/agenda/{token}.ics"
    assert list(_events(client.get(url))) == [f"{closed.uid}@wijkwerk"]

    wrong = client.get(f"/overleg/agenda/{token[:-2]}xx.ics")
    new_token = services.calendar_token_create(actor=accountmanager)  # the old one stops
    old = client.get(url)
    services.calendar_token_revoke(actor=accountmanager)
    revoked = client.get(f"/overleg/agenda/{new_token}.ics")
    for response in (wrong, old, revoked):
        assert response.status_code == 404
        assert b"VCALENDAR" not in response.content and b"WCT" not in response.content


def test_the_calendar_page_shows_the_link_once_and_revokes_it(client, accountmanager):
    client.force_login(accountmanager)
    made = client.post("/overleg/mijn-agenda/", {"action": "create"})
    assert made["Cache-Control"] == "no-store"
    link = made.context["link"]
    assert "/overleg/agenda/" in link
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(f"/overleg/agenda/{token}.ics").status_code == 200
    assert client.get("/overleg/mijn-agenda/").context["link"] == ""
    client.post("/overleg/mijn-agenda/", {"action": "revoke"})
    assert client.get(f"/overleg/agenda/{token}.ics").status_code == 404
