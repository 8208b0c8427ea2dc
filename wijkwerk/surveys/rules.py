"""Permissions of the surveys app; the same names in services, views, API, templates and
tests. Open answers may name people or places, so only the survey's staff read them."""

import rules

from .predicates import can_manage_survey

rules.add_perm("surveys.manage_survey", can_manage_survey)
rules.add_perm("surveys.read_open_answers", can_manage_survey)
