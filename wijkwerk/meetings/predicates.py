"""Predicates of the meetings app, on the role table in accounts.roles.

The bodies and meetings of a wijk are kept by the staff who keep its wijkagenda (capability
`manage_meetings`: wijkmanager, accountmanager, gebiedsregisseur, functioneel beheerder); a
body for the whole municipality (a stuurgroep) by those of them who work for the whole
municipality; a body's chair runs its own meetings too. A closed body's meetings are seen by its members and
its staff only; a public body's by everybody.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area

from .models import (
    ActionPoint,
    AgendaPoint,
    Body,
    InfoMeetingRequest,
    Meeting,
    MeetingStatus,
    OpenSession,
)


def _body(obj) -> Body | None:
    if isinstance(obj, Body):
        return obj
    if isinstance(obj, Meeting):
        return obj.body
    if isinstance(obj, AgendaPoint | ActionPoint | OpenSession):
        return obj.meeting.body
    return None


@rules.predicate
def can_manage_bodies(user, obj=None) -> bool:
    if isinstance(obj, InfoMeetingRequest):
        obj = obj.area
    body = _body(obj)
    if body is not None and body.municipality_wide:
        # A stuurgroep of the whole municipality: kept by staff of the whole municipality.
        return has_capability(user, roles.MANAGE_MEETINGS, municipality=body.area.municipality)
    area = obj if isinstance(obj, Area) else getattr(body, "area", None)
    return area is not None and has_capability(user, roles.MANAGE_MEETINGS, area=area.wijk)


@rules.predicate
def is_chair(user, obj=None) -> bool:
    body = _body(obj)
    if body is None or not getattr(user, "is_authenticated", False):
        return False
    return body.members.filter(user=user, is_chair=True).exists()


@rules.predicate
def is_member(user, obj=None) -> bool:
    body = _body(obj)
    if body is None or not getattr(user, "is_authenticated", False):
        return False
    return body.members.filter(user=user).exists()


@rules.predicate
def is_public(user, obj=None) -> bool:
    body = _body(obj)
    return body is not None and body.is_public


@rules.predicate
def is_open_for_proposals(user, obj=None) -> bool:
    """A resident may put a point on the agenda of a public meeting that is still planned."""
    return (
        isinstance(obj, Meeting)
        and getattr(user, "is_authenticated", False)
        and obj.body.is_public
        and obj.status == MeetingStatus.PLANNED
    )
