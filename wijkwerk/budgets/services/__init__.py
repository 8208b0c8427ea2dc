"""Moving money. Every change to a balance goes through `ledger._post`, which books a balanced
transaction under row locks and refuses anything that would take an account below zero.

Apps above (initiatives, pb, agreements) book through the named functions in `bookings`
(`hold_reserve`, `payment_record`, `hold_release`, ...), passing a reference to what the money
is for; they check their own permissions first. Staff actions on funds (`funds`, `corrections`)
check `budgets.*` permissions. One module per sub-domain:

- `ledger`: the one booking function, its locks and its refusal below zero;
- `accounts`: the accounts of a fund (pool, paid, source, wijkbudget, owned);
- `funds`: staff work on funds, partners' contributions, allocations and returns;
- `bookings`: reservations, payments, refunds and releases for the apps above;
- `corrections`: reversing a booking and correcting a decision's award.

Callers import from the package (`from wijkwerk.budgets import services`), not from the modules.
"""

from .accounts import (
    owned_account,
    paid_account,
    pool_account,
    source_account,
    wijkbudget_account,
)
from .bookings import hold_contribute, hold_release, hold_reserve, payment_record, refund_record
from .corrections import award_correct, transaction_reverse
from .funds import (
    allocation_record,
    budget_return,
    contribution_record,
    fund_contributor_set,
    fund_create,
)
from .ledger import InsufficientFunds, _post, check_perm

__all__ = [
    "InsufficientFunds",
    "_post",
    "allocation_record",
    "award_correct",
    "budget_return",
    "check_perm",
    "contribution_record",
    "fund_contributor_set",
    "fund_create",
    "hold_contribute",
    "hold_release",
    "hold_reserve",
    "owned_account",
    "paid_account",
    "payment_record",
    "pool_account",
    "refund_record",
    "source_account",
    "transaction_reverse",
    "wijkbudget_account",
]
