"""One meeting: planned, moved, cancelled, invited, recorded; its agenda points,
proposed by residents for public meetings and decided by staff."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.core.services import field_changes
from wijkwerk.core.tasks import enqueue_on_commit

from ..models import AgendaPoint, Attendance, Body, Meeting, MeetingStatus, PointStatus, Presence
from ..tasks import CANCEL, REQUEST, invitees, send_invitation
from ._common import _lock, _log, _member_clash_errors, _time_errors, check_perm


@transaction.atomic
def meeting_create(
    *,
    body: Body,
    actor: Any,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
) -> Meeting:
    """An extra meeting, outside the generated planning."""
    check_perm(actor, "meetings.manage_meeting", body)
    errors = _time_errors(starts_at, ends_at) or _member_clash_errors(body, starts_at)
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.create(
        body=body, starts_at=starts_at, ends_at=ends_at, location=location.strip() or body.location
    )
    _log(body.area, actor, "meetings.meeting_create", meeting, {"starts_at": str(starts_at)})
    return meeting


@transaction.atomic
def meeting_move(
    *,
    meeting: Meeting,
    actor: Any,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str | None = None,
) -> Meeting:
    """Move a planned meeting; subscribers' calendars follow (the sequence rises)."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    errors = _time_errors(starts_at, ends_at)
    if meeting.status != MeetingStatus.PLANNED:
        errors["starts_at"] = [_("Only a planned meeting can be moved.")]
    if not errors:
        errors = _member_clash_errors(meeting.body, starts_at, moving=meeting)
    if errors:
        raise ValidationError(errors)
    new = {"starts_at": starts_at, "ends_at": ends_at}
    if location is not None:
        new["location"] = location.strip()
    changes = field_changes(meeting, new)
    if not changes:
        return meeting
    Meeting.objects.filter(pk=meeting.pk).update(**new, sequence=F("sequence") + 1)
    meeting.refresh_from_db()
    meeting.save(update_fields=["updated_at"])
    _log(meeting.body.area, actor, "meetings.meeting_move", meeting, changes)
    if meeting.starts_at > timezone.now() and invitees(meeting):
        enqueue_on_commit(send_invitation, meeting.pk, REQUEST)  # the updated invitation
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Any, reason: str) -> Meeting:
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if meeting.status != MeetingStatus.PLANNED:
        errors["reason"] = [_("Only a planned meeting can be cancelled.")]
    elif not reason:
        errors["reason"] = [_("Say why the meeting is cancelled; the invitees will read it.")]
    if errors:
        raise ValidationError(errors)
    meeting.status, meeting.cancel_reason = MeetingStatus.CANCELLED, reason[:300]
    meeting.sequence += 1
    meeting.save()
    _log(meeting.body.area, actor, "meetings.meeting_cancel", meeting, {}, reason=reason)
    if meeting.starts_at > timezone.now() and invitees(meeting):
        enqueue_on_commit(send_invitation, meeting.pk, CANCEL)
    return meeting


@transaction.atomic
def meeting_invite(*, meeting: Meeting, actor: Any) -> int:
    """E-mail the invitation (with its .ics) to the body's members and, for an open session,
    to who signed up. Moves and cancellations are sent on their own; this sends the current
    version again, e.g. after the agenda was set. Returns the number of invitees."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    if meeting.status != MeetingStatus.PLANNED or meeting.starts_at <= timezone.now():
        raise ValidationError(
            _("Invitations are sent for a planned meeting that is still to come.")
        )
    emails = invitees(meeting)
    if not emails:
        raise ValidationError(
            _("Nobody to invite yet: add members to the body, or wait for sign-ups.")
        )
    enqueue_on_commit(send_invitation, meeting.pk, REQUEST)
    _log(meeting.body.area, actor, "meetings.meeting_invite", meeting, {"invitees": len(emails)})
    return len(emails)


@transaction.atomic
def meeting_record(
    *,
    meeting: Meeting,
    actor: Any,
    minutes: str,
    decisions: str = "",
    attendance: dict[Any, str] | None = None,
) -> Meeting:
    """The minutes (verslag), decisions and attendance of a meeting that took place."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    minutes, decisions = minutes.strip(), decisions.strip()
    errors: dict[str, list[str]] = {}
    if meeting.status == MeetingStatus.CANCELLED:
        errors["minutes"] = [_("A cancelled meeting has no minutes.")]
    elif meeting.starts_at > timezone.now():
        errors["minutes"] = [_("Minutes can be written once the meeting has started.")]
    elif not minutes:
        errors["minutes"] = [_("Write down what was discussed.")]
    attendance = attendance or {}
    member_ids = set(meeting.body.members.values_list("user_id", flat=True))
    if any(getattr(u, "pk", u) not in member_ids for u in attendance):
        errors["attendance"] = [_("Attendance is kept for the body's members.")]
    if any(p not in Presence.values for p in attendance.values()):
        errors["attendance"] = [_("Unknown presence.")]
    if errors:
        raise ValidationError(errors)
    changes = field_changes(meeting, {"minutes": minutes, "decisions": decisions})
    meeting.minutes, meeting.decisions, meeting.status = minutes, decisions, MeetingStatus.HELD
    meeting.save()
    for user, presence in attendance.items():
        Attendance.objects.update_or_create(
            meeting=meeting, user_id=getattr(user, "pk", user), defaults={"presence": presence}
        )
    _log(meeting.body.area, actor, "meetings.meeting_record", meeting, changes)
    return meeting


def _point_errors(
    meeting: Meeting, title: str, agenda_item: AgendaItem | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Say what the point is about.")]
    if meeting.status != MeetingStatus.PLANNED:
        errors["title"] = [_("Points can be added to a planned meeting only.")]
    if agenda_item is not None and agenda_item.area_id != meeting.body.area_id:
        errors["agenda_item"] = [_("This wijkagenda item belongs to another wijk.")]
    return errors


@transaction.atomic
def point_add(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    description: str = "",
    agenda_item: AgendaItem | None = None,
) -> AgendaPoint:
    """Put a point on the agenda (staff or chair), optionally about a wijkagenda item."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    title = title.strip()
    errors = _point_errors(meeting, title, agenda_item)
    if errors:
        raise ValidationError(errors)
    point = AgendaPoint.objects.create(
        meeting=meeting,
        title=title,
        description=description.strip(),
        agenda_item=agenda_item,
        status=PointStatus.ACCEPTED,
    )
    _bump(meeting)
    _log(meeting.body.area, actor, "meetings.point_add", point, {"title": title})
    return point


def _bump(meeting: Meeting) -> None:
    """The invitation's description changed: let calendars take the new version."""
    Meeting.objects.filter(pk=meeting.pk).update(
        sequence=F("sequence") + 1, updated_at=timezone.now()
    )


@transaction.atomic
def point_propose(
    *, meeting: Meeting, actor: Any, title: str, description: str = ""
) -> AgendaPoint:
    """A resident asks for a point on the agenda of a public meeting; staff decide."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.propose_point", meeting)
    title = title.strip()
    errors = _point_errors(meeting, title, None)
    if (
        not errors
        and meeting.points.filter(
            proposed_by=actor, title__iexact=title, status=PointStatus.PROPOSED
        ).exists()
    ):
        errors["title"] = [_("You already proposed this point; it is waiting for a decision.")]
    if errors:
        raise ValidationError(errors)
    point = AgendaPoint.objects.create(
        meeting=meeting,
        title=title,
        description=description.strip(),
        status=PointStatus.PROPOSED,
        proposed_by=actor,
    )
    _log(meeting.body.area, actor, "meetings.point_propose", point, {"title": title})
    return point


@transaction.atomic
def point_decide(*, point: AgendaPoint, actor: Any, accept: bool, reason: str = "") -> AgendaPoint:
    """Accept a proposed point, or decline it with a reason the resident will read."""
    point = AgendaPoint.objects.select_for_update(of=("self",)).select_related("meeting__body").get(pk=point.pk)
    check_perm(actor, "meetings.manage_meeting", point.meeting)
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if point.status != PointStatus.PROPOSED:
        errors["accept"] = [_("This point has already been decided on.")]
    elif not accept and not reason:
        errors["reason"] = [_("Say why the point is declined: 'no' needs a reason.")]
    if errors:
        raise ValidationError(errors)
    point.status = PointStatus.ACCEPTED if accept else PointStatus.DECLINED
    point.decline_reason = "" if accept else reason[:300]
    point.save()
    if accept:
        _bump(point.meeting)
    _log(
        point.meeting.body.area,
        actor,
        "meetings.point_accept" if accept else "meetings.point_decline",
        point,
        {"status": point.status},
        reason=reason,
    )
    return point
