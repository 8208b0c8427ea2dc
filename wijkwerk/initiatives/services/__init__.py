"""Writing initiatives, decisions, vouchers, pledges and convenant projects.

Every function checks the actor's permission, validates everything before it writes
(a ValidationError leaves the database untouched) and logs decisions in the audit log.
Money moves only through `wijkwerk.budgets.services`. One module per sub-domain:
`rulesets` (spelregels and the checks on submission), `lifecycle` (drafting, submitting,
accounting and closing), `review` (the deciding body's review, award or rejection, the
wijkraadpleging and the ACTIE lens), `spending` (vouchers, receipts and redemption),
`beurs` (pledges on the initiatievenbeurs) and `convenant` (project rounds of the
convenant fund). The names are re-exported here, so callers import `services` only.
"""

from ._common import (  # noqa: F401
    INITIATIVE_REF,
    PROJECT_OWNER,
    VOUCHER_OWNER,
    _lock,
    _log,
    _move,
    check_perm,
)
from .beurs import (  # noqa: F401
    pledge_confirm,
    pledge_offer,
    pledge_withdraw,
)
from .convenant import (  # noqa: F401
    call_awarded_cents,
    fund_size_cents,
    project_award_correct,
    project_call_create,
    project_decide,
    project_score,
    project_submit,
    project_withdraw,
)
from .lifecycle import (  # noqa: F401
    _DRAFT_FIELDS,
    _default_official,
    _end_of,
    _normalise_postcode,
    _validate_draft,
    _validate_person,
    initiative_account,
    initiative_assign_official,
    initiative_close,
    initiative_create,
    initiative_set_other_areas,
    initiative_submit,
    initiative_update,
    initiative_withdraw,
    participant_add,
    participant_set_step,
)
from .review import (  # noqa: F401
    _excluded_points,
    _voucher_code,
    actie_assess,
    checklist_answer,
    checklist_points,
    consultation_create,
    initiative_award,
    initiative_award_correct,
    initiative_reject,
    initiative_start_review,
    opinion_give,
    review_vote_record,
)
from .rulesets import (  # noqa: F401
    RuleCheck,
    _awarded_this_year,
    ruleset_current,
    ruleset_publish,
    submission_check,
)
from .spending import (  # noqa: F401
    _book_expense,
    _voucher_for_spending,
    _works_for,
    expense_cancel,
    expense_record,
    voucher_redeem,
)

__all__ = [
    "INITIATIVE_REF",
    "PROJECT_OWNER",
    "RuleCheck",
    "VOUCHER_OWNER",
    "actie_assess",
    "check_perm",
    "checklist_answer",
    "checklist_points",
    "consultation_create",
    "expense_cancel",
    "expense_record",
    "initiative_account",
    "initiative_assign_official",
    "initiative_set_other_areas",
    "initiative_award",
    "initiative_award_correct",
    "initiative_close",
    "initiative_create",
    "initiative_reject",
    "initiative_start_review",
    "initiative_submit",
    "initiative_update",
    "initiative_withdraw",
    "opinion_give",
    "participant_add",
    "participant_set_step",
    "pledge_confirm",
    "pledge_offer",
    "pledge_withdraw",
    "call_awarded_cents",
    "fund_size_cents",
    "project_award_correct",
    "project_call_create",
    "project_decide",
    "project_score",
    "project_submit",
    "project_withdraw",
    "review_vote_record",
    "ruleset_current",
    "ruleset_publish",
    "submission_check",
    "voucher_redeem",
]
