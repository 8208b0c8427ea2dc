"""Permissions of the initiatives app, on the role table in accounts.roles.

Who decides is a setting of the municipality's spelregels: the regiegroep, the wijkplatform
or the wijkmanager. The initiative's own rule set (or, before submission, the current one)
says which body's capability counts.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality

from .models import DecidingBody, Initiative, RuleSet

BODY_CAPABILITY = {
    DecidingBody.REGIEGROEP: roles.DECIDE_INITIATIVE_REGIEGROEP,
    DecidingBody.WIJKPLATFORM: roles.DECIDE_INITIATIVE_PLATFORM,
    DecidingBody.WIJKMANAGER: roles.DECIDE_INITIATIVE_MANAGER,
}


def _area(obj) -> Area | None:
    if isinstance(obj, Initiative):
        return obj.area
    if isinstance(obj, Area):
        return obj.wijk
    return None


def _municipality(obj) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    area = _area(obj)
    return area.municipality if area is not None else None


def _ruleset(obj) -> RuleSet | None:
    if isinstance(obj, Initiative) and obj.ruleset_id:
        return obj.ruleset
    municipality = _municipality(obj)
    if municipality is None:
        return None
    return RuleSet.objects.filter(municipality=municipality).order_by("-version").first()


@rules.predicate
def can_decide(user, obj=None) -> bool:
    area = _area(obj)
    ruleset = _ruleset(obj)
    if area is None or ruleset is None:
        return False
    return has_capability(user, BODY_CAPABILITY[ruleset.deciding_body], area=area)


@rules.predicate
def can_handle(user, obj=None) -> bool:
    area = _area(obj)
    return area is not None and has_capability(user, roles.HANDLE_INITIATIVE, area=area)


@rules.predicate
def is_contact_official(user, obj=None) -> bool:
    return (
        isinstance(obj, Initiative) and user.is_authenticated and obj.contact_official_id == user.pk
    )


@rules.predicate
def is_initiator(user, obj=None) -> bool:
    """A person with an account who is one of the initiative's initiators."""
    return (
        isinstance(obj, Initiative)
        and user.is_authenticated
        and obj.participants.filter(user=user, is_initiator=True).exists()
    )


@rules.predicate
def is_lead(user, obj=None) -> bool:
    return isinstance(obj, Initiative) and user.is_authenticated and obj.created_by_id == user.pk


@rules.predicate
def can_pledge(user, obj=None) -> bool:
    area = _area(obj)
    return area is not None and has_capability(user, roles.PLEDGE, area=area)


@rules.predicate
def can_manage_rules(user, obj=None) -> bool:
    municipality = _municipality(obj)
    return municipality is not None and has_capability(
        user, roles.MANAGE_FUNDS, municipality=municipality
    )


@rules.predicate
def can_rank_projects(user, obj=None) -> bool:
    municipality = _municipality(obj)
    return municipality is not None and has_capability(
        user, roles.RANK_PROJECTS, municipality=municipality
    )


rules.add_perm("initiatives.submit", rules.is_authenticated)
rules.add_perm("initiatives.edit", is_lead)
rules.add_perm("initiatives.handle", can_handle | is_contact_official)
rules.add_perm("initiatives.decide", can_decide)
rules.add_perm("initiatives.view_personal_data", can_handle | is_contact_official | is_initiator)
rules.add_perm("initiatives.spend", is_initiator | can_handle | is_contact_official)
rules.add_perm("initiatives.pledge", can_pledge)
rules.add_perm("initiatives.give_opinion", rules.is_authenticated)
rules.add_perm("initiatives.manage_rules", can_manage_rules)
rules.add_perm("initiatives.rank_projects", can_rank_projects)
# A call (round) for convenant projects is opened by the stuurgroep, or by whoever keeps the
# funds (the wijkmanager of the whole municipality, the functioneel beheerder).
rules.add_perm("initiatives.open_project_call", can_rank_projects | can_manage_rules)
