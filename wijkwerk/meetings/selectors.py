"""Reading bodies and meetings: what a visitor may see, and the meetings of each feed.

A closed body and its meetings exist only for its members and its staff; for everybody else
they answer 404, as a missing one does. A personal feed is found by its token's keyed hash;
a wrong or revoked token answers 404 too, and tells nothing about whether it ever existed.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkwerk.areas.models import Area
from wijkwerk.core.crypto import keyed_hashes

from .models import (
    ActionPoint,
    AgendaPoint,
    Body,
    CalendarToken,
    InfoMeetingRequest,
    Meeting,
    MeetingStatus,
    OpenSession,
    RequestStatus,
    SignUp,
)
from .services import TOKEN_SALT

# Feeds reach back a year: subscribers keep seeing recent meetings (and cancellations).
FEED_PAST = datetime.timedelta(days=366)


def _visible(user: Any, qs: QuerySet[Body]) -> QuerySet[Body]:
    if user.is_superuser:
        return qs
    member = Q(members__user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return qs.filter(Q(is_public=True) | member).distinct()


def body_list(*, area: Area, user: Any) -> list[Body]:
    """The bodies of the wijk, and the bodies that work for the whole municipality (kept at
    another wijk's pages)."""
    qs = Body.objects.filter(
        Q(area=area) | Q(area__municipality_id=area.municipality_id, municipality_wide=True)
    ).select_related("area__municipality")
    if not user.has_perm("meetings.manage_bodies", area):
        qs = _visible(user, qs)
    return list(qs.prefetch_related("members__user", "members__organisation").order_by("name"))


def body_get(*, pk: int, user: Any, area: Area | None = None) -> Body:
    qs = Body.objects.select_related("area__municipality")
    if area is not None:
        qs = qs.filter(area=area)
    body = qs.filter(pk=pk).first()
    if body is None or not user.has_perm("meetings.view_meeting", body):
        raise Http404
    return body


def _meetings(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("body__area__municipality").prefetch_related(
        Prefetch("points", queryset=AgendaPoint.objects.order_by("id"))
    )


def meeting_list(
    *, user: Any, area: Area | None = None, body: Body | None = None, year: int | None = None
) -> QuerySet[Meeting]:
    qs = Meeting.objects.all()
    if area is not None:
        qs = qs.filter(body__area=area)
    if body is not None:
        qs = qs.filter(body=body)
    if year is not None:
        qs = qs.filter(starts_at__year=year)
    if area is None or not user.has_perm("meetings.manage_bodies", area):
        qs = qs.filter(body__in=_visible(user, Body.objects.all()))
    return _meetings(qs).order_by("starts_at", "id")


def meeting_get(*, pk: int, user: Any, area: Area | None = None) -> Meeting:
    qs = _meetings(Meeting.objects.all())
    if area is not None:
        qs = qs.filter(body__area=area)
    meeting = qs.filter(pk=pk).first()
    if meeting is None or not user.has_perm("meetings.view_meeting", meeting):
        raise Http404
    return meeting


def action_point_list(*, meeting: Meeting) -> QuerySet[ActionPoint]:
    return meeting.actions.select_related("owner_organisation__parent", "agenda_item")


def _recent(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return _meetings(qs.filter(starts_at__gte=timezone.now() - FEED_PAST)).order_by("starts_at")


def wijk_feed(*, area: Area) -> QuerySet[Meeting]:
    """The public meetings of a wijk, for anyone's calendar."""
    return _recent(Meeting.objects.filter(body__area=area, body__is_public=True))


def body_feed(*, body: Body) -> QuerySet[Meeting]:
    return _recent(Meeting.objects.filter(body=body))


def person_by_token(*, token: str) -> Any:
    """The person whose current calendar link this is, or 404."""
    if not token or len(token) > 100:
        raise Http404
    found = (
        CalendarToken.objects.filter(
            token_hash__in=keyed_hashes(TOKEN_SALT, token), revoked_at__isnull=True
        )
        .select_related("user")
        .first()
    )
    if found is None or not found.user.is_active:
        raise Http404
    return found.user


def person_feed(*, user: Any) -> QuerySet[Meeting]:
    """The meetings of every body the person is a member of, open or closed."""
    return _recent(Meeting.objects.filter(body__members__user=user).distinct())


def calendar_link_active(*, user: Any) -> bool:
    return CalendarToken.objects.filter(user=user, revoked_at__isnull=True).exists()


# --- open sessions and information meeting requests ------------------------------------------


def _sessions() -> QuerySet[OpenSession]:
    return OpenSession.objects.select_related("meeting__body__area__municipality").annotate(
        taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True))
    )


def session_list(*, area: Area, upcoming: bool = True) -> QuerySet[OpenSession]:
    """The open sessions of a wijk (all public), the coming ones by default."""
    qs = _sessions().filter(meeting__body__area=area)
    if upcoming:
        qs = qs.filter(meeting__starts_at__gte=timezone.now())
    return qs.order_by("meeting__starts_at", "id")


def session_get(*, pk: int, area: Area) -> OpenSession:
    session = _sessions().filter(pk=pk, meeting__body__area=area).first()
    if session is None:
        raise Http404
    return session


def signup_list(*, session: OpenSession, user: Any) -> QuerySet[SignUp]:
    """Who signed up: personal data, for the wijk's staff only (404 for anybody else)."""
    if not user.has_perm("meetings.view_signups", session):
        raise Http404
    return session.signups.filter(cancelled_at__isnull=True).order_by("created_at", "id")


def info_request_list(*, area: Area | None = None, municipality: Any = None):
    qs = InfoMeetingRequest.objects.select_related("area__municipality", "meeting", "requested_by")
    if area is not None:
        qs = qs.filter(area=area)
    if municipality is not None:
        qs = qs.filter(area__municipality=municipality)
    return qs.order_by("-created_at", "-id")


def info_request_get(*, pk: int, municipality: Any) -> InfoMeetingRequest:
    found = info_request_list(municipality=municipality).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- monitoring: what came out of the meetings -----------------------------------------------


@dataclass
class BodyOutcome:
    """One body's year: meetings scheduled (not cancelled), held and cancelled; its action
    points, and which of them reached the wijkagenda and which not yet."""

    body: Body
    planned: int = 0
    held: int = 0
    cancelled: int = 0
    with_decisions: int = 0
    actions: list[ActionPoint] = field(default_factory=list)

    @property
    def on_agenda(self) -> list[ActionPoint]:
        return [a for a in self.actions if a.agenda_item_id is not None]

    @property
    def not_on_agenda(self) -> list[ActionPoint]:
        return [a for a in self.actions if a.agenda_item_id is None]


def outcome_rows(*, area: Area, year: int) -> list[BodyOutcome]:
    """Per body of the wijk: meetings held against planned this year, and their outcomes."""
    rows = {b.pk: BodyOutcome(body=b) for b in Body.objects.filter(area=area).order_by("name")}
    meetings = Meeting.objects.filter(body__area=area, starts_at__year=year).values_list(
        "body_id", "status", "decisions"
    )
    for body_id, status, decisions in meetings:
        row = rows[body_id]
        if status == MeetingStatus.CANCELLED:
            row.cancelled += 1
            continue
        row.planned += 1
        if status == MeetingStatus.HELD:
            row.held += 1
            row.with_decisions += bool(decisions.strip())
    actions = (
        ActionPoint.objects.filter(meeting__body__area=area, meeting__starts_at__year=year)
        .select_related("meeting", "agenda_item", "owner_organisation__parent")
        .order_by("meeting__starts_at", "id")
    )
    for action in actions:
        rows[action.meeting.body_id].actions.append(action)
    return list(rows.values())


def outcome_counts(area: Area, year: int) -> dict[str, int]:
    """The wijk's totals for a monitoring dashboard: meetings planned (not cancelled), held
    and cancelled in `year`; held meetings with recorded decisions; action points, and how
    many of them are on the wijkagenda; information meeting requests asked that year and
    how many are still waiting for an answer."""
    rows = outcome_rows(area=area, year=year)
    requests = InfoMeetingRequest.objects.filter(area=area, created_at__year=year)
    return {
        "planned": sum(r.planned for r in rows),
        "held": sum(r.held for r in rows),
        "cancelled": sum(r.cancelled for r in rows),
        "with_decisions": sum(r.with_decisions for r in rows),
        "action_points": sum(len(r.actions) for r in rows),
        "on_agenda": sum(len(r.on_agenda) for r in rows),
        "info_requests": requests.count(),
        "info_requests_pending": requests.filter(status=RequestStatus.PENDING).count(),
    }


# --- "wie doet wat": the one-page overview of a wijk -----------------------------------------


@dataclass
class BodyCard:
    body: Body
    chair: Any  # Membership or None
    next_meeting: Meeting | None


def body_cards(*, area: Area) -> list[BodyCard]:
    """The public bodies of a wijk with their chair and next meeting. A chair of a public
    body acts in public, so their name is shown; other members are not."""
    now = timezone.now()
    cards = []
    bodies = Body.objects.filter(area=area, is_public=True).prefetch_related(
        "members__user", "members__organisation"
    )
    for body in bodies.order_by("name"):
        chair = next((m for m in body.members.all() if m.is_chair), None)
        coming = (
            body.meetings.filter(starts_at__gte=now, status=MeetingStatus.PLANNED)
            .order_by("starts_at")
            .first()
        )
        cards.append(BodyCard(body=body, chair=chair, next_meeting=coming))
    return cards
