"""Permissions of the assessments app; the same names in services, views, API, templates and
tests. Scores and notes are the team's: outside it only a shared profile's section averages
are shown (see selectors)."""

import rules

from .predicates import can_manage_assessment, is_team_member

rules.add_perm("assessments.manage_assessment", can_manage_assessment)
rules.add_perm("assessments.fill_assessment", can_manage_assessment | is_team_member)
rules.add_perm("assessments.view_assessment", can_manage_assessment | is_team_member)
