"""Predicates of the assessments app, on the role table in accounts.roles.

An assessment is run (started, its team chosen, completed, shared, weak points turned into
actions) by the staff of its wijk (capability `manage_assessment`), or of the whole municipality for an
assessment of the whole municipality: the self-assessment looks at how the municipality
works on its wijken, which is theirs to improve. It is filled in by its team: people named
by that staff who hold a current role for an organisation of the municipality.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality

from .models import Assessment, TeamMember

MANAGE_ASSESSMENT = roles.MANAGE_ASSESSMENT


@rules.predicate
def can_manage_assessment(user, obj=None) -> bool:
    if isinstance(obj, Assessment):
        area, municipality = obj.area, obj.municipality
    elif isinstance(obj, Area):
        area, municipality = obj.wijk, obj.municipality
    elif isinstance(obj, Municipality):
        area, municipality = None, obj
    else:
        return False
    if area is not None:
        return has_capability(user, MANAGE_ASSESSMENT, area=area)
    return has_capability(user, MANAGE_ASSESSMENT, municipality=municipality)


def organisation_roles(municipality_id: int):
    """Current roles held on behalf of one of the municipality's organisations."""
    return RoleAssignment.objects.current().filter(
        municipality_id=municipality_id, organisation__municipality_id=municipality_id
    )


def works_for_municipality(user, municipality_id: int) -> bool:
    """Holds a current role on behalf of one of the municipality's organisations."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return organisation_roles(municipality_id).filter(user=user).exists()


@rules.predicate
def is_team_member(user, obj=None) -> bool:
    if not isinstance(obj, Assessment) or not getattr(user, "is_authenticated", False):
        return False
    return TeamMember.objects.filter(assessment=obj, user=user).exists() and (
        works_for_municipality(user, obj.municipality_id)
    )
