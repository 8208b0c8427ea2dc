"""Permissions of the agreements app; the same names in services, views, API, templates and
tests."""

import rules

from .predicates import can_manage, is_owner_member, is_party_member, is_public

rules.add_perm("agreements.manage_agreement", can_manage)
rules.add_perm("agreements.view_agreement", is_public | is_party_member | can_manage)
# Who signed and who reported is shown by organisation only; the decision log (with names)
# is for the staff and the parties.
rules.add_perm("agreements.view_log", is_party_member | can_manage)
rules.add_perm("agreements.sign_agreement", is_party_member)
rules.add_perm("agreements.report_progress", is_owner_member)
rules.add_perm("agreements.dispute_report", is_party_member)
