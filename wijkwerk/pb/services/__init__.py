"""Writing budget rounds: rounds, proposals and their review, voting, the tally and the
publication of its results on the ledger.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError leaves the database as it was: no half ballot, no half reservation) and logs
staff decisions in the audit log. Casting a ballot is deliberately *not* logged (see the
secrecy notes in `models`). Money moves only through `wijkwerk.budgets.services`.

One module per sub-domain: `rounds` (a round and who may vote in it), `proposals`,
`voting` (e-mail codes, code letters, ballots online and on paper) and `results` (the
tally and its publication). The names are re-exported here.
"""

from ._common import (  # noqa: F401
    PROPOSAL_OWNER,
    ROUND_REF,
    _day,
    _lock_round,
    _log,
    check_perm,
)
from .proposals import (  # noqa: F401
    ORIGIN_KINDS,
    _ballot_fixed,
    _validate_proposal,
    proposal_create_from,
    proposal_review,
    proposal_submit,
)
from .results import (  # noqa: F401
    PublishedSelection,
    _fraction_text,
    ballots_reseal,
    election_build,
    min_score,
    round_amount_cents,
    round_results_publish,
    round_tally,
    winner_award_correct,
)
from .rounds import (  # noqa: F401
    CHANGEABLE_AFTER_OPENING,
    ROUND_FIELDS,
    _age_on,
    _clean_round_values,
    _validate_round,
    budget_free_cents,
    residence_record,
    round_create,
    round_update,
    voter_eligibility_check,
)
from .voting import (  # noqa: F401
    EMAIL_CODE_ATTEMPTS,
    EMAIL_CODE_MINUTES,
    EMAIL_CODES_PER_HOUR,
    MAX_LETTERS_PER_BATCH,
    _check_voting_open,
    _email_code_problem,
    _letter_hash,
    _letter_lock,
    _normalise_choices,
    _participate,
    _store_ballot,
    _validate_ballot,
    ballot_cast,
    letter_codes_generate,
    paper_ballot_enter,
    vote_code_request,
)

__all__ = [
    "CHANGEABLE_AFTER_OPENING",
    "EMAIL_CODES_PER_HOUR",
    "EMAIL_CODE_ATTEMPTS",
    "EMAIL_CODE_MINUTES",
    "MAX_LETTERS_PER_BATCH",
    "ORIGIN_KINDS",
    "PROPOSAL_OWNER",
    "PublishedSelection",
    "ROUND_FIELDS",
    "ROUND_REF",
    "ballot_cast",
    "ballots_reseal",
    "budget_free_cents",
    "check_perm",
    "election_build",
    "letter_codes_generate",
    "min_score",
    "paper_ballot_enter",
    "proposal_create_from",
    "proposal_review",
    "proposal_submit",
    "residence_record",
    "round_amount_cents",
    "round_create",
    "round_results_publish",
    "winner_award_correct",
    "round_tally",
    "round_update",
    "vote_code_request",
    "voter_eligibility_check",
]
