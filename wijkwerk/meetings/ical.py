"""Meetings as iCalendar (RFC 5545), made with the `icalendar` package.

Each meeting keeps one UID for its whole life and a SEQUENCE that rises with every change a
subscriber must see, so a calendar that fetches the feed again moves the event it already
has instead of adding a second one; a cancelled meeting stays in the feed with
STATUS:CANCELLED, so it disappears from subscribers' calendars rather than lingering.
DTSTAMP and LAST-MODIFIED follow the meeting's last change.

An invitation by e-mail carries the meeting as an iTIP message (RFC 5546): METHOD:REQUEST
when it is sent or changed, METHOD:CANCEL when the meeting is cancelled, with the same UID
and the current SEQUENCE, so the invitee's calendar program updates the event in place.
"""

from collections.abc import Iterable
from datetime import UTC

from django.conf import settings
from django.core.mail.message import sanitize_address
from django.http import HttpResponse
from django.urls import reverse
from icalendar import Calendar, Event, vCalAddress

from .models import Meeting, MeetingStatus, PointStatus

PRODID = "-//Wijkwerk//Overleg//NL"
UID_DOMAIN = "wijkwerk"


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.uid}@{UID_DOMAIN}"


def _event(meeting: Meeting, base_url: str) -> Event:
    body = meeting.body
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", meeting.updated_at.astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("summary", f"{body.name} – {body.area.name}")
    if meeting.location:
        event.add("location", meeting.location)
    cancelled = meeting.status == MeetingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    points = [p.title for p in meeting.points.all() if p.status == PointStatus.ACCEPTED]
    lines = [f"{i}. {title}" for i, title in enumerate(points, start=1)]
    if cancelled and meeting.cancel_reason:
        lines.insert(0, meeting.cancel_reason)
    if lines:
        event.add("description", "\n".join(lines))
    event.add("url", base_url + meeting_path(meeting))
    event.add("class", "PUBLIC" if body.is_public else "PRIVATE")
    return event


def meeting_path(meeting: Meeting) -> str:
    area = meeting.body.area
    return reverse("meetings:meeting", args=[area.municipality.slug, area.slug, meeting.pk])


def calendar_bytes(meetings: Iterable[Meeting], *, name: str, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        calendar.add_component(_event(meeting, base_url))
    return calendar.to_ical()


def ics_response(
    meetings: Iterable[Meeting], *, name: str, base_url: str, filename: str = ""
) -> HttpResponse:
    """A feed (`filename` empty) or a download of one invitation (`filename` set)."""
    response = HttpResponse(
        calendar_bytes(meetings, name=name, base_url=base_url),
        content_type="text/calendar; charset=utf-8",
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _organizer_address() -> str:
    """The sender of the invitations (DEFAULT_FROM_EMAIL without its display name)."""
    address = sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8")
    return address.rsplit("<", 1)[-1].rstrip(">")


def invitation_bytes(meeting: Meeting, *, method: str, attendee: str, base_url: str) -> bytes:
    """One meeting as an invitation (METHOD:REQUEST) or its cancellation (METHOD:CANCEL) for
    one invitee."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(method)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = _event(meeting, base_url)
    if method == "CANCEL":
        event["status"] = "CANCELLED"
    organizer = vCalAddress(f"mailto:{_organizer_address()}")
    organizer.params["cn"] = "Wijkwerk"
    event.add("organizer", organizer)
    invitee = vCalAddress(f"mailto:{attendee}")
    invitee.params["role"] = "REQ-PARTICIPANT"
    invitee.params["rsvp"] = "FALSE"
    event.add("attendee", invitee)
    calendar.add_component(event)
    return calendar.to_ical()
