"""Permissions of the meetings app; the same names in services, views, API, templates and
tests."""

import rules

from .predicates import can_manage_bodies, is_chair, is_member, is_open_for_proposals, is_public

rules.add_perm("meetings.manage_bodies", can_manage_bodies)
rules.add_perm("meetings.manage_meeting", can_manage_bodies | is_chair)
rules.add_perm("meetings.view_meeting", is_public | is_member | can_manage_bodies)
rules.add_perm("meetings.propose_point", is_open_for_proposals)
# Who sits in a body is personal data: for its members and staff.
rules.add_perm("meetings.view_members", is_member | can_manage_bodies)
# Who signed up for an open session, and who asked for an information meeting: staff only.
rules.add_perm("meetings.view_signups", can_manage_bodies)
rules.add_perm("meetings.answer_request", can_manage_bodies)
rules.add_perm("meetings.view_requester", can_manage_bodies)
