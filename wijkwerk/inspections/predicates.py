"""Predicates of the inspections app, on the role table in accounts.roles.

A schouw is planned and its findings are handed on by the staff of its wijk (capability
`manage_inspection`: the wijk's managers and its wijkconciërge). Those who walk it score: its staff, and participants with an
account. Residents' names are personal data: staff only.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality

from .models import Inspection, Participant

MANAGE_INSPECTION = roles.MANAGE_INSPECTION


@rules.predicate
def can_manage_inspection(user, obj=None) -> bool:
    if isinstance(obj, Inspection):
        return has_capability(user, MANAGE_INSPECTION, area=obj.area)
    if isinstance(obj, Area):
        return has_capability(user, MANAGE_INSPECTION, area=obj.wijk)
    if isinstance(obj, Municipality):
        return has_capability(user, MANAGE_INSPECTION, municipality=obj)
    return False


@rules.predicate
def is_participant(user, obj=None) -> bool:
    if not isinstance(obj, Inspection) or not getattr(user, "is_authenticated", False):
        return False
    return Participant.objects.filter(inspection=obj, user=user).exists()
