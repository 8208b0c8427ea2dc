"""What the meeting services share: permission check, audit log, time checks, the row lock."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area
from wijkwerk.core.services import audit_log

from ..models import Body, Meeting, MeetingStatus

TOKEN_SALT = "wijkwerk.meetings.calendar-token"  # noqa: S105 - a salt, not a secret


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this meeting."))


def _log(area: Area, actor: Any, action: str, target: Any, changes: dict, reason: str = "") -> None:
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        reason=reason,
        municipality_code=area.municipality.code,
    )


def _time_errors(starts_at: Any, ends_at: Any) -> dict[str, list[str]]:
    if starts_at is None or ends_at is None:
        return {"starts_at": [_("Give the start and the end.")]}
    if ends_at <= starts_at:
        return {"ends_at": [_("The meeting must end after it starts.")]}
    if ends_at - starts_at > datetime.timedelta(hours=12):
        return {"ends_at": [_("A meeting lasts at most twelve hours.")]}
    return {}


def _lock(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("body__area__municipality")
        .get(pk=meeting.pk)
    )


def _member_clash_errors(
    body: Body, starts_at: datetime.datetime, *, moving: Meeting | None = None
) -> dict[str, list[str]]:
    """A member of the body who already meets that day (in any body) cannot be at a second
    meeting: the year planning never does it, and a meeting planned by hand may not either."""
    others = Meeting.objects.filter(
        starts_at__date=timezone.localtime(starts_at).date(),
        body__members__user__in=body.members.values("user"),
    ).exclude(status=MeetingStatus.CANCELLED)
    if moving is not None:
        others = others.exclude(pk=moving.pk)
    clash = others.select_related("body").distinct().first()
    if clash is None:
        return {}
    return {
        "starts_at": [
            _(
                "A member of %(body)s already has a meeting that day (%(other)s at %(time)s): "
                "nobody sits in two meetings on one day. Choose another day."
            )
            % {
                "body": body.name,
                "other": clash.body.name,
                "time": timezone.localtime(clash.starts_at).strftime("%H:%M"),
            }
        ]
    }
