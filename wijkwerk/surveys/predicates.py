"""Predicates of the surveys app, on the role table in accounts.roles.

A survey in a wijk is run by the staff of that wijk (or of the whole municipality); a survey
of the whole municipality only by municipality-wide roles, with the capability
`manage_survey`.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality

from .models import Survey

MANAGE_SURVEY = roles.MANAGE_SURVEY


@rules.predicate
def can_manage_survey(user, obj=None) -> bool:
    if isinstance(obj, Survey):
        area, municipality = obj.area, obj.municipality
    elif isinstance(obj, Area):
        area, municipality = obj.wijk, obj.municipality
    elif isinstance(obj, Municipality):
        area, municipality = None, obj
    else:
        return False
    if area is not None:
        return has_capability(user, MANAGE_SURVEY, area=area)
    return has_capability(user, MANAGE_SURVEY, municipality=municipality)
