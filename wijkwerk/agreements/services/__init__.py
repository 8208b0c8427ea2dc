"""Writing agreements: drafting, signing, reporting, disputing, closing.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError or PermissionDenied leaves the database as it was) and records the decision
in the audit log against the agreement, which is its decision log. Management money moves
only through `budgets.services` (reserve when the agreement comes into force, pay out in
instalments, release the rest when it is closed), so the ledger refuses any overspending.

One module per sub-domain: `drafting` (what is agreed, by whom, with which money),
`lifecycle` (to be signed, in force with its reservation and periods, closed) and
`reporting` (progress reports and disputes). The names are re-exported here.
"""

from ._common import (  # noqa: F401
    HOLD_OWNER,
    MAX_YEARS,
    REPORT_DUE_DAYS,
    _lock,
    _log,
    _move,
    check_perm,
)
from .drafting import (  # noqa: F401
    _FIELDS,
    PartyInput,
    _check_links,
    _check_money,
    _clean_values,
    _errors_of,
    _parties_snapshot,
    _party_errors,
    _set_parties,
    _void_signatures,
    agreement_create,
    agreement_update,
    validate_point_or_polygon,
)
from .lifecycle import (  # noqa: F401
    _add_months,
    _come_into_force,
    _make_periods,
    _reserve,
    agreement_close,
    agreement_sign,
    agreement_submit,
    agreement_withdraw,
    management_payment,
    period_bounds,
    period_close,
)
from .reporting import (  # noqa: F401
    dispute_raise,
    dispute_respond,
    report_submit,
    value_of,
)

__all__ = [
    "HOLD_OWNER",
    "MAX_YEARS",
    "PartyInput",
    "REPORT_DUE_DAYS",
    "agreement_close",
    "agreement_create",
    "agreement_sign",
    "agreement_submit",
    "agreement_update",
    "agreement_withdraw",
    "check_perm",
    "dispute_raise",
    "dispute_respond",
    "management_payment",
    "period_bounds",
    "period_close",
    "report_submit",
    "validate_point_or_polygon",
    "value_of",
]
