"""Permissions of the pb app; the same names in services, views, API, templates and tests."""

import rules

from .predicates import (
    can_enter_paper_ballot,
    can_manage_round,
    can_review_proposal,
    can_tally_round,
    can_view_personal_data,
    is_proposer,
)

rules.add_perm("pb.manage_round", can_manage_round)
rules.add_perm("pb.submit_proposal", rules.is_authenticated)
rules.add_perm("pb.review_proposal", can_review_proposal)
rules.add_perm("pb.enter_paper_ballot", can_enter_paper_ballot)
rules.add_perm("pb.tally_round", can_tally_round)
rules.add_perm("pb.view_personal_data", can_view_personal_data | is_proposer)

# Whoever holds one of these on a round sees its staff page.
STAFF_PERMISSIONS = (
    "pb.manage_round",
    "pb.review_proposal",
    "pb.enter_paper_ballot",
    "pb.tally_round",
)
