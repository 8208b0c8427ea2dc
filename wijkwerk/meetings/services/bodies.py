"""Bodies with their cadence and members, and the year planning of a wijk's meetings."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.roles import Role
from wijkwerk.areas.models import Area
from wijkwerk.organisations.models import Organisation

from .. import planning, schoolholidays
from ..models import ON_DEMAND_KINDS, Body, BodyKind, Meeting, MeetingStatus, Membership
from ..standard import TEMPLATES
from ._common import _log, check_perm


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


@dataclass
class PlanResult:
    year: int
    region: str
    meetings: list[Meeting] = field(default_factory=list)
    skipped: list[Body] = field(default_factory=list)  # already planned this year
    school_holidays_known: bool = True


def _aware(day: datetime.date, at: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, at))


def _rounds_in_turn(body: Body, year: int) -> tuple:
    """The rounds of this year in which the college visits this wijk: its visits go round
    the wijken of the municipality that have one, in the order of their CBS codes."""
    turn = list(
        Body.objects.filter(
            area__municipality_id=body.area.municipality_id, kind=body.kind, every_years=1
        )
        .order_by("area__code", "pk")
        .values_list("pk", flat=True)
    )
    return planning.rotation_rounds(year, body.per_year, turn.index(body.pk), len(turn))


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
    rounds: dict[int, tuple] = {}
    for body in bodies:
        if not body.meets_in(year):
            continue
        if body.meetings.filter(starts_at__year=year).exists():
            result.skipped.append(body)
            continue
        if body.visits_in_turn:
            rounds[body.pk] = _rounds_in_turn(body, year)
            if not rounds[body.pk]:
                continue  # the college visits other wijken this year
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
                    count=len(rounds[b.pk])
                    if b.pk in rounds
                    else b.per_year
                    if b.every_years == 1
                    else 1,
                    members=members[b.pk],
                    rounds=rounds.get(b.pk, ()),
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
