"""Permissions of the inspections app; the same names in services, views, API, templates and
tests."""

import rules

from .predicates import can_manage_inspection, is_participant

rules.add_perm("inspections.manage_inspection", can_manage_inspection)
rules.add_perm("inspections.walk_inspection", can_manage_inspection | is_participant)
rules.add_perm("inspections.view_participants", can_manage_inspection)
rules.add_perm("inspections.convert_finding", can_manage_inspection)
