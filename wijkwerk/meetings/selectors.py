"""Reading bodies and meetings: what a visitor may see, and the meetings of each feed.

A closed body and its meetings exist only for its members and its staff; for everybody else
they answer 404, as a missing one does. A personal feed is found by its token's keyed hash;
a wrong or revoked token answers 404 too, and tells nothing about whether it ever existed.
"""

import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wijkwerk.areas.models import Area
from wijkwerk.core.crypto import keyed_hashes

from .models import ActionPoint, AgendaPoint, Body, CalendarToken, Meeting
from .services import TOKEN_SALT

# Feeds reach back a year: subscribers keep seeing recent meetings (and cancellations).
FEED_PAST = datetime.timedelta(days=366)


def _visible(user: Any, qs: QuerySet[Body]) -> QuerySet[Body]:
    if user.is_superuser:
        return qs
    member = Q(members__user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    return qs.filter(Q(is_public=True) | member).distinct()


def body_list(*, area: Area, user: Any) -> list[Body]:
    qs = Body.objects.filter(area=area).select_related("area__municipality")
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
