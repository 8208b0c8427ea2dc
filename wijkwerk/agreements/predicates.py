"""Predicates of the agreements app, on the role table in accounts.roles.

The wijk's staff (capability `manage_agreements`) draw up agreements for their wijk; a
municipality-wide agreement needs a municipality-wide role. Each party acts for itself: a
person with a current role on behalf of the party's organisation (or one of its
departments) signs for it, and the owner's people report. Agreements in force and closed
ones are public; drafts are seen by the staff and the parties only.
"""

from typing import Any

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability, role_assignments_current
from wijkwerk.areas.models import Area, Municipality

from .models import PUBLIC, Agreement, Dispute, Party, ProgressReport, ReportingPeriod


def agreement_of(obj: Any) -> Agreement | None:
    if isinstance(obj, Agreement):
        return obj
    if isinstance(obj, Party | ReportingPeriod):
        return obj.agreement
    if isinstance(obj, ProgressReport):
        return obj.period.agreement
    if isinstance(obj, Dispute):
        return obj.report.period.agreement
    return None


def acting_organisation_ids(user: Any, municipality_id: int) -> set[int]:
    """The organisations this person may act for in the municipality: those of their current
    roles, and for a department also the organisation it belongs to."""
    ids: set[int] = set()
    for assignment in role_assignments_current(user=user):
        if assignment.municipality_id != municipality_id or assignment.organisation_id is None:
            continue
        ids.add(assignment.organisation_id)
        parent_id = assignment.organisation.parent_id if assignment.organisation else None
        if parent_id:
            ids.add(parent_id)
    return ids


def may_manage_scope(user: Any, *, municipality: Municipality, area: Area | None) -> bool:
    if area is not None:
        return has_capability(user, roles.MANAGE_AGREEMENTS, area=area.wijk)
    return has_capability(user, roles.MANAGE_AGREEMENTS, municipality=municipality)


@rules.predicate
def can_manage(user, obj=None) -> bool:
    if isinstance(obj, Area):
        return has_capability(user, roles.MANAGE_AGREEMENTS, area=obj.wijk)
    if isinstance(obj, Municipality):
        return has_capability(user, roles.MANAGE_AGREEMENTS, municipality=obj)
    agreement = agreement_of(obj)
    if agreement is None:
        return False
    return may_manage_scope(user, municipality=agreement.municipality, area=agreement.area)


@rules.predicate
def is_party_member(user, obj=None) -> bool:
    """Acts for one of the agreement's parties (or for the party `obj`)."""
    agreement = agreement_of(obj)
    if agreement is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    mine = acting_organisation_ids(user, agreement.municipality_id)
    if isinstance(obj, Party):
        return obj.organisation_id in mine
    return any(p.organisation_id in mine for p in agreement.parties.all())


@rules.predicate
def is_owner_member(user, obj=None) -> bool:
    agreement = agreement_of(obj)
    if agreement is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return agreement.owner_organisation_id in acting_organisation_ids(
        user, agreement.municipality_id
    )


@rules.predicate
def is_public(user, obj=None) -> bool:
    agreement = agreement_of(obj)
    return agreement is not None and agreement.status in PUBLIC
