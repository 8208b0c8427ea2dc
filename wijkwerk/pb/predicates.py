"""Predicates of the pb app, on the role table in accounts.roles.

A round in a wijk is run by the staff of that wijk (or of the whole municipality); a round
of the whole municipality only by municipality-wide roles. Partners review proposals with
the same scope.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality

from .models import Proposal, Round


def _round(obj) -> Round | None:
    if isinstance(obj, Round):
        return obj
    if isinstance(obj, Proposal):
        return obj.round
    return None


def _scope(obj) -> tuple[Area | None, Municipality | None]:
    """The area and municipality a permission is checked in."""
    pb_round = _round(obj)
    if pb_round is not None:
        return pb_round.area, pb_round.municipality
    if isinstance(obj, Area):
        return obj.wijk, obj.municipality
    if isinstance(obj, Municipality):
        return None, obj
    return None, None


def _capable(user, capability: str, obj) -> bool:
    area, municipality = _scope(obj)
    if municipality is None:
        return False
    if area is not None:
        return has_capability(user, capability, area=area)
    return has_capability(user, capability, municipality=municipality)


@rules.predicate
def can_manage_round(user, obj=None) -> bool:
    return _capable(user, roles.MANAGE_PB_ROUND, obj)


@rules.predicate
def can_review_proposal(user, obj=None) -> bool:
    return _capable(user, roles.REVIEW_PB_PROPOSAL, obj)


@rules.predicate
def can_enter_paper_ballot(user, obj=None) -> bool:
    return _capable(user, roles.ENTER_PAPER_BALLOT, obj)


@rules.predicate
def can_tally_round(user, obj=None) -> bool:
    return _capable(user, roles.TALLY_PB_ROUND, obj)


@rules.predicate
def can_view_personal_data(user, obj=None) -> bool:
    return _capable(user, roles.VIEW_PERSONAL_DATA, obj)


@rules.predicate
def is_proposer(user, obj=None) -> bool:
    return (
        isinstance(obj, Proposal)
        and getattr(user, "is_authenticated", False)
        and obj.submitted_by_id == user.pk
    )
