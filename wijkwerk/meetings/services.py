"""Writing bodies, meetings and what comes out of them.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError or PermissionDenied leaves the database as it was) and logs the change in the
audit log. An action point reaches the wijkagenda through the agenda's services only, with
this app as its origin (kind + id), so agenda never imports meetings.
"""

import datetime
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.roles import Role
from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.agenda.services import (
    agenda_item_create,
    agenda_item_edit,
    agenda_item_report_progress,
)
from wijkwerk.areas.models import Area
from wijkwerk.core.crypto import keyed_hash
from wijkwerk.core.services import audit_log, field_changes
from wijkwerk.core.tasks import enqueue_on_commit
from wijkwerk.organisations.models import Organisation

from . import planning, schoolholidays
from .models import (
    ON_DEMAND_KINDS,
    ActionPoint,
    AgendaPoint,
    Attendance,
    Body,
    BodyKind,
    CalendarToken,
    Meeting,
    MeetingStatus,
    Membership,
    PointStatus,
    Presence,
)
from .standard import TEMPLATES
from .tasks import CANCEL, REQUEST, invitees, send_invitation

ORIGIN_ACTION_POINT = "meetings.actionpoint"
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


# --- bodies ----------------------------------------------------------------------------------


def _cadence_errors(per_year: int, every_years: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if per_year < 1:
        errors["per_year"] = [_("A body meets at least once.")]
    elif per_year > planning.MAX_PER_YEAR:
        errors["per_year"] = [
            _("%(n)s meetings do not fit in a year: at most %(max)s, once a week.")
            % {"n": per_year, "max": planning.MAX_PER_YEAR}
        ]
    if every_years < 1 or every_years > 10:
        errors["every_years"] = [_("Give a number of years between 1 and 10.")]
    elif every_years > 1 and per_year != 1:
        errors["every_years"] = [
            _("A body meets either several times a year or once every few years, not both.")
        ]
    return errors


@transaction.atomic
def body_create(
    *,
    area: Area,
    actor: Any,
    kind: str,
    name: str,
    start_time: datetime.time,
    per_year: int = 1,
    every_years: int = 1,
    first_year: int | None = None,
    duration_minutes: int = 90,
    is_public: bool = True,
    location: str = "",
) -> Body:
    """A new body of a wijk with its cadence: `per_year` times a year, or once every
    `every_years` years (from `first_year` on)."""
    check_perm(actor, "meetings.manage_bodies", area)
    name = name.strip()
    errors = _cadence_errors(per_year, every_years)
    if not area.is_wijk:
        errors["area"] = [_("Bodies are kept per wijk or village.")]
    if kind not in BodyKind.values:
        errors["kind"] = [_("Unknown kind of body.")]
    elif kind in ON_DEMAND_KINDS:
        errors["kind"] = [
            _(
                "Werkateliers, snelkooksessies and information meetings have no cadence: plan "
                "them as a session, or grant a request for an information meeting."
            )
        ]
    if not name:
        errors["name"] = [_("Give the body a name.")]
    elif Body.objects.filter(area=area, name__iexact=name).exists():
        errors["name"] = [_("This wijk already has a body with this name.")]
    if not 15 <= duration_minutes <= 600:
        errors["duration_minutes"] = [_("A meeting lasts between 15 minutes and 10 hours.")]
    if errors:
        raise ValidationError(errors)
    body = Body.objects.create(
        area=area,
        kind=kind,
        name=name,
        per_year=per_year,
        every_years=every_years,
        first_year=first_year if every_years > 1 else None,
        start_time=start_time,
        duration_minutes=duration_minutes,
        is_public=is_public,
        location=location.strip(),
    )
    _log(
        area,
        actor,
        "meetings.body_create",
        body,
        {"name": name, "cadence": [per_year, every_years]},
    )
    return body


@transaction.atomic
def bodies_from_template(*, area: Area, actor: Any, template: str) -> list[Body]:
    """Create the standard bodies of `template` that the wijk does not have yet (by name)."""
    check_perm(actor, "meetings.manage_bodies", area)
    if template not in TEMPLATES:
        raise ValidationError({"template": [_("Unknown template.")]})
    made = []
    first_year = timezone.localdate().year
    for spec in TEMPLATES[template][1]:
        if Body.objects.filter(area=area, name__iexact=spec.name).exists():
            continue
        made.append(
            body_create(
                area=area,
                actor=actor,
                kind=spec.kind,
                name=spec.name,
                start_time=spec.start_time,
                per_year=spec.per_year,
                every_years=spec.every_years,
                first_year=first_year,
                duration_minutes=spec.duration_minutes,
                is_public=spec.is_public,
            )
        )
    return made


def _holds_role(user: Any, role: str, area: Area) -> bool:
    return any(
        assignment.covers(area, area.municipality_id)
        for assignment in RoleAssignment.objects.current().filter(user=user, role=role)
    )


@transaction.atomic
def member_add(
    *,
    body: Body,
    actor: Any,
    user: Any,
    organisation: Organisation | None = None,
    mandate: str = "",
    is_chair: bool = False,
) -> Membership:
    """A person joins a body, for an organisation (with the mandate it gave them) or as a
    resident. The seeds' rules: residents chair the wijkplatform; the accountmanager chairs
    the wijkcoördinatieteam, whose professionals come with a mandate."""
    check_perm(actor, "meetings.manage_bodies", body)
    mandate = mandate.strip()
    errors: dict[str, list[str]] = {}
    if body.members.filter(user=user).exists():
        errors["user"] = [_("This person is already a member.")]
    if organisation is not None and organisation.municipality_id != body.area.municipality_id:
        errors["organisation"] = [_("This organisation works in another municipality.")]
    resident_seat = organisation is None or organisation.kind == "bewoners"
    if body.kind == BodyKind.COORDINATION_TEAM and not resident_seat and not mandate:
        errors["mandate"] = [
            _("Members of the wijkcoördinatieteam come with a mandate: say what they may decide.")
        ]
    if is_chair:
        if body.members.filter(is_chair=True).exists():
            errors["is_chair"] = [_("This body already has a chair.")]
        elif body.kind == BodyKind.WIJKPLATFORM and not resident_seat:
            errors["is_chair"] = [
                _("Residents chair the wijkplatform: the chair sits as a resident.")
            ]
        elif body.kind == BodyKind.COORDINATION_TEAM and not _holds_role(
            user, Role.ACCOUNTMANAGER, body.area
        ):
            errors["is_chair"] = [
                _("The accountmanager of the wijk chairs the wijkcoördinatieteam.")
            ]
    if errors:
        raise ValidationError(errors)
    membership = Membership.objects.create(
        body=body, user=user, organisation=organisation, mandate=mandate, is_chair=is_chair
    )
    _log(body.area, actor, "meetings.member_add", body, {"member": str(user), "chair": is_chair})
    return membership


# --- the year planning -----------------------------------------------------------------------


@dataclass
class PlanResult:
    year: int
    region: str
    meetings: list[Meeting] = field(default_factory=list)
    skipped: list[Body] = field(default_factory=list)  # already planned this year
    school_holidays_known: bool = True


def _aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


@transaction.atomic
def year_plan(*, area: Area, actor: Any, year: int, region: str = "") -> PlanResult:
    """Generate a year's meetings for every body of the wijk (bodies that already have
    meetings that year are left alone). Refused as a whole when a cadence does not fit."""
    check_perm(actor, "meetings.manage_bodies", area)
    region = region or schoolholidays.region_for(area.municipality.code)
    if region not in schoolholidays.Region.values:
        raise ValidationError({"region": [_("Choose north, middle or south.")]})
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": [_("Give a year between 2000 and 2100.")]})
    result = PlanResult(year=year, region=region, school_holidays_known=schoolholidays.covers(year))
    bodies = list(
        Body.objects.filter(area=area)
        .exclude(kind__in=ON_DEMAND_KINDS)  # sessions and information meetings: on demand
        .prefetch_related("members")
    )
    if not bodies:
        raise ValidationError(_("This wijk has no bodies yet: start from a template."))
    to_plan: dict[int, Body] = {}
    for body in bodies:
        if not body.meets_in(year):
            continue
        if body.meetings.filter(starts_at__year=year).exists():
            result.skipped.append(body)
            continue
        to_plan[body.pk] = body
    members = {b.pk: frozenset(m.user_id for m in b.members.all()) for b in to_plan.values()}
    people = set().union(*members.values()) if members else set()
    busy: dict[int, set[datetime.date]] = {}
    taken = (
        Meeting.objects.filter(body__members__user__in=people, starts_at__year=year)
        .exclude(status=MeetingStatus.CANCELLED)
        .values_list("body__members__user", "starts_at")
    )
    for person, starts_at in taken:
        busy.setdefault(person, set()).add(timezone.localtime(starts_at).date())
    try:
        plan = planning.plan_year(
            year=year,
            region=region,
            busy=busy,
            bodies=[
                planning.BodyToPlan(
                    key=b.pk,
                    name=b.name,
                    count=b.per_year if b.every_years == 1 else 1,
                    members=members[b.pk],
                )
                for b in to_plan.values()
            ],
        )
    except planning.PlanRefused as refused:
        raise ValidationError(
            {
                "year": [
                    _(
                        "%(body)s cannot meet %(n)s times in %(year)s: there is no free working "
                        "day between %(first)s and %(last)s outside holidays and its members' "
                        "other meetings. Lower its cadence or plan it by hand."
                    )
                    % {
                        "body": refused.body,
                        "n": refused.count,
                        "year": year,
                        "first": date_format(refused.first, "j F"),
                        "last": date_format(refused.last, "j F"),
                    }
                ]
            }
        ) from None
    for key, days in plan.days.items():
        body = to_plan[key]
        for day in days:
            starts_at = _aware(day, body.start_time)
            result.meetings.append(
                Meeting.objects.create(
                    body=body,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(minutes=body.duration_minutes),
                    location=body.location,
                )
            )
    _log(
        area,
        actor,
        "meetings.year_plan",
        area,
        {"year": year, "region": region, "meetings": len(result.meetings)},
    )
    return result


# --- meetings --------------------------------------------------------------------------------


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
    errors = _time_errors(starts_at, ends_at)
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


# --- the agenda of a meeting -----------------------------------------------------------------


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
    point = AgendaPoint.objects.select_for_update().select_related("meeting__body").get(pk=point.pk)
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


# --- action points ---------------------------------------------------------------------------


@transaction.atomic
def action_point_add(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    owner_organisation: Organisation | None,
    description: str = "",
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
    to_agenda: bool = True,
) -> ActionPoint:
    """Record an action point of a held meeting and, in the same step, put it on the
    wijkagenda (or update the wijkagenda item it is about) with its probleemeigenaar. With
    `to_agenda=False` it is only recorded; `action_point_to_agenda` hands it on later."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    title = title.strip()
    errors: dict[str, list[str]] = {}
    if meeting.status != MeetingStatus.HELD:
        errors["title"] = [
            _("Action points come from a meeting that was held: write its minutes first.")
        ]
    elif not title:
        errors["title"] = [_("Say what will be done.")]
    if owner_organisation is None:
        errors["owner_organisation"] = [
            _("An action point needs a probleemeigenaar: choose the organisation that owns it.")
        ]
    elif owner_organisation.municipality_id != meeting.body.area.municipality_id:
        errors["owner_organisation"] = [_("This organisation works in another municipality.")]
    if agenda_item is not None and agenda_item.area_id != meeting.body.area_id:
        errors["agenda_item"] = [_("This wijkagenda item belongs to another wijk.")]
    if errors:
        raise ValidationError(errors)
    action = ActionPoint.objects.create(
        meeting=meeting,
        title=title,
        description=description.strip(),
        owner_organisation=owner_organisation,
        due_date=due_date,
        created_by=actor,
    )
    _log(meeting.body.area, actor, "meetings.action_add", action, {"title": title})
    if not to_agenda:
        return action
    return action_point_to_agenda(action=action, actor=actor, agenda_item=agenda_item)


def _origin_text(meeting: Meeting) -> str:
    values = {
        "body": meeting.body.name,
        "date": date_format(timezone.localtime(meeting.starts_at).date(), "j F Y"),
    }
    session = getattr(meeting, "session", None)
    if session is not None:
        values["kind"] = meeting.body.get_kind_display()
        values["topic"] = session.topic
        return _("Outcome of the %(kind)s '%(topic)s', %(date)s.") % values
    return _("Action point of %(body)s, %(date)s.") % values


@transaction.atomic
def action_point_to_agenda(
    *, action: ActionPoint, actor: Any, agenda_item: AgendaItem | None = None
) -> ActionPoint:
    """Put an action point on the wijkagenda, agreed with its probleemeigenaar; with
    `agenda_item`, update that item instead (probleemeigenaar, date, a progress note).
    Once only."""
    action = (
        ActionPoint.objects.select_for_update(of=("self",))
        .select_related("meeting__body__area__municipality", "owner_organisation")
        .get(pk=action.pk)
    )
    meeting = action.meeting
    check_perm(actor, "meetings.manage_meeting", meeting)
    if action.agenda_item_id is not None:
        raise ValidationError(_("This action point is already on the wijkagenda."))
    area = meeting.body.area
    origin = _origin_text(meeting)
    if agenda_item is None:
        item = agenda_item_create(
            area=area,
            actor=actor,
            title=action.title,
            year=timezone.localtime(meeting.starts_at).year,
            source=Source.MEETING,
            reason=origin,
            approach=action.description,
            due_date=action.due_date,
            owner_organisation=action.owner_organisation,
            origin_kind=ORIGIN_ACTION_POINT,
            origin_id=str(action.pk),
            agreed=True,
            check_permission=False,
        )
    else:
        if agenda_item.area_id != area.pk:
            raise ValidationError(
                {"agenda_item": [_("This wijkagenda item belongs to another wijk.")]}
            )
        values: dict[str, Any] = {"owner_organisation": action.owner_organisation}
        if action.due_date:
            values["due_date"] = action.due_date
        item = agenda_item_edit(item=agenda_item, actor=actor, reason=origin, **values)
        agenda_item_report_progress(
            item=item, actor=actor, text=f"{origin} {action.title}. {action.description}".strip()
        )
    action.agenda_item = item
    action.save(update_fields=["agenda_item"])
    _log(area, actor, "meetings.action_to_agenda", action, {"agenda_item": item.pk})
    return action


# --- personal calendar links -----------------------------------------------------------------


def _token_hash(token: str) -> str:
    return keyed_hash(TOKEN_SALT, token)


@transaction.atomic
def calendar_token_create(*, actor: Any) -> str:
    """A new secret link to the person's own meetings; earlier links stop working. Returns
    the token in clear, once: only its keyed hash is stored."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to make a calendar link."))
    calendar_token_revoke(actor=actor)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=actor, token_hash=_token_hash(token))
    return token


@transaction.atomic
def calendar_token_revoke(*, actor: Any) -> int:
    """Every calendar link of this person stops working at once."""
    return CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
