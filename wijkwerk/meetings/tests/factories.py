"""Builders for meetings tests: everything is made through the services."""

import datetime

from django.utils import timezone

from wijkwerk.meetings import services, signups
from wijkwerk.meetings.models import Body, BodyKind, Meeting


def body(*, area, actor, name="Wijkplatform", kind=BodyKind.WIJKPLATFORM, **values) -> Body:
    values.setdefault("start_time", datetime.time(19, 30))
    values.setdefault("per_year", 5)
    return services.body_create(area=area, actor=actor, kind=kind, name=name, **values)


def meeting(*, body, actor, days: int = 7, hours: int = 2) -> Meeting:
    starts_at = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return services.meeting_create(
        body=body, actor=actor, starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=hours), location="Buurthuis",
    )  # fmt: skip


def held(*, body, actor, minutes="Besproken: de speeltuin.") -> Meeting:
    found = meeting(body=body, actor=actor, days=-1)
    return services.meeting_record(meeting=found, actor=actor, minutes=minutes)


def session(*, area, actor, capacity=20, days: int = 14, deadline_days: int = 12, **values):
    """An open session (werkatelier) `days` from now, sign-up open until `deadline_days`."""
    starts_at = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    values.setdefault("kind", BodyKind.WERKATELIER)
    values.setdefault("topic", "Het nieuwe speelveld")
    values.setdefault("location", "Buurthuis De Schooten")
    return signups.session_create(
        area=area, actor=actor, capacity=capacity, starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        signup_deadline=timezone.now() + datetime.timedelta(days=deadline_days), **values,
    )  # fmt: skip
