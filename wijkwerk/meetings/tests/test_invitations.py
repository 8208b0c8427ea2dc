"""Invitations by e-mail and calendar updates, parsed back with `icalendar`: sending, moving
and cancelling a meeting mails every member (and who signed up for a session) an .ics with
METHOD:REQUEST or METHOD:CANCEL under the meeting's one UID, with a rising SEQUENCE and a
DTSTAMP that follows the change; the feed shows the same."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult
from icalendar import Calendar

from wijkwerk.meetings import services, signups
from wijkwerk.meetings.tasks import send_invitation

from .factories import body, meeting, session

pytestmark = pytest.mark.django_db


def _invitations(method):
    """Run the queued invitation tasks; the .ics of each mail sent, by recipient."""
    for row in DBTaskResult.objects.filter(task_path__endswith="send_invitation"):
        send_invitation.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        row.delete()
    found = {}
    for message in mail.outbox:
        filename, content, mimetype = message.attachments[0]
        assert mimetype == f"text/calendar; method={method}; charset=utf-8"
        calendar = Calendar.from_ical(content)
        assert str(calendar["METHOD"]) == method
        (event,) = calendar.walk("VEVENT")
        found[message.to[0]] = event
    mail.outbox.clear()
    return found


@pytest.fixture
def platform(wijk, wijkmanager, accountmanager, chair_resident, gemeente_org):
    made = body(area=wijk, actor=wijkmanager)
    services.member_add(body=made, actor=wijkmanager, user=chair_resident, is_chair=True)
    services.member_add(
        body=made, actor=wijkmanager, user=accountmanager, organisation=gemeente_org
    )
    return made


def test_the_invitation_the_move_and_the_cancellation_reach_every_member(
    wijk, wijkmanager, accountmanager, chair_resident, platform
):
    planned = meeting(body=platform, actor=wijkmanager)
    services.meeting_invite(meeting=planned, actor=wijkmanager)
    sent = _invitations("REQUEST")
    assert set(sent) == {accountmanager.email.lower(), chair_resident.email.lower()}
    first = sent[accountmanager.email.lower()]
    assert str(first["UID"]) == f"{planned.uid}@wijkwerk" and "ORGANIZER" in first

    later = planned.starts_at + datetime.timedelta(days=1)
    services.meeting_move(meeting=planned, actor=wijkmanager, starts_at=later,
                          ends_at=later + datetime.timedelta(hours=2))  # fmt: skip
    moved = _invitations("REQUEST")[accountmanager.email.lower()]
    assert moved.decoded("DTSTART") == later
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved.decoded("DTSTAMP") >= first.decoded("DTSTAMP")

    services.meeting_cancel(meeting=planned, actor=wijkmanager, reason="Zaal onder water")
    cancelled = _invitations("CANCEL")
    assert set(cancelled) == set(sent)
    event = cancelled[chair_resident.email.lower()]
    assert str(event["STATUS"]) == "CANCELLED" and str(event["UID"]) == str(first["UID"])
    assert int(event["SEQUENCE"]) > int(moved["SEQUENCE"])
    assert "Zaal onder water" in str(event["DESCRIPTION"])


def test_the_feeds_dtstamp_follows_a_move(client, wijk, wijkmanager, platform):
    planned = meeting(body=platform, actor=wijkmanager)
    url = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/agenda.ics"

    def stamp():
        (event,) = Calendar.from_ical(client.get(url).content).walk("VEVENT")
        return event.decoded("DTSTAMP"), int(event["SEQUENCE"])

    before = stamp()
    later = planned.starts_at + datetime.timedelta(days=1)
    services.meeting_move(meeting=planned, actor=wijkmanager, starts_at=later,
                          ends_at=later + datetime.timedelta(hours=2))  # fmt: skip
    after = stamp()
    assert after[0] >= before[0] and after[1] == before[1] + 1


def test_who_signed_up_for_a_session_hears_of_its_cancellation(wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager)
    signups.session_sign_up(session=s, actor=None, name="Ans", email="ans@example.nl")
    _invitations("REQUEST")  # nothing queued under send_invitation for the sign-up itself
    services.meeting_cancel(meeting=s.meeting, actor=wijkmanager, reason="Ziekte")
    assert list(_invitations("CANCEL")) == ["ans@example.nl"]


def test_inviting_a_body_without_members_is_refused(wijk, wijkmanager):
    lonely = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    with pytest.raises(ValidationError, match="Nobody to invite"):
        services.meeting_invite(meeting=lonely, actor=wijkmanager)
    assert not DBTaskResult.objects.filter(task_path__endswith="send_invitation").exists()
