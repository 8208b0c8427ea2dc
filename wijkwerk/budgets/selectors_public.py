"""Reads for the public fund pages that the ledger's own selectors do not offer.

A reservation (hold account) does not record which budget it was paid from; the ledger
does. The award or reservation that filled a hold has a line taking the money out of a
budget, so that line ties the hold to its budget. A hold's payments are the transactions
that also touch the fund's paid-out account (payments, refunds, and corrections of
either), so what a hold paid out is minus the sum of its lines in those transactions.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery, Sum

from .models import Account, AccountKind, Entry, Fund, TransactionKind


@dataclass
class BudgetUse:
    held_cents: int = 0
    paid_cents: int = 0


def budget_use_list(*, fund: Fund) -> dict[int, BudgetUse]:
    """Per budget account id of the fund: what is reserved for awarded initiatives now, and
    what those reservations have paid out. Budgets with no reservation are left out."""
    budget_of_award = Entry.objects.filter(
        transaction=OuterRef("transaction"), account__kind=AccountKind.BUDGET, amount_cents__lt=0
    ).values("account_id")[:1]
    filled = (
        Entry.objects.filter(
            account__fund=fund,
            account__kind=AccountKind.HOLD,
            amount_cents__gt=0,
            transaction__kind__in=[TransactionKind.AWARD, TransactionKind.RESERVATION],
        )
        .annotate(budget_id=Subquery(budget_of_award))
        .exclude(budget_id=None)
        .order_by("id")
        .values_list("account_id", "budget_id")
    )
    budget_of_hold: dict[int, int] = {}
    for hold_id, budget_id in filled:
        budget_of_hold.setdefault(hold_id, budget_id)  # the first award decides
    if not budget_of_hold:
        return {}
    use: dict[int, BudgetUse] = defaultdict(BudgetUse)
    holds = Account.objects.filter(fund=fund, kind=AccountKind.HOLD).values_list(
        "pk", "balance_cents"
    )
    for hold_id, balance in holds:
        if hold_id in budget_of_hold:
            use[budget_of_hold[hold_id]].held_cents += balance
    payments = Entry.objects.filter(account__fund=fund, account__kind=AccountKind.PAID).values(
        "transaction_id"
    )
    paid = (
        Entry.objects.filter(
            account__fund=fund, account__kind=AccountKind.HOLD, transaction_id__in=payments
        )
        .order_by()
        .values("account_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("account_id", "total")
    )
    for hold_id, total in paid:
        if hold_id in budget_of_hold:
            use[budget_of_hold[hold_id]].paid_cents -= total
    return dict(use)
