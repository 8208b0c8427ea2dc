"""Bookings for the apps above (initiatives, pb, agreements): reserve money for a purpose,
a partner's money straight into a reservation, pay out, refund and release. The calling app
checks its own permissions first and passes a reference to what the money is for."""

from typing import Any

from wijkwerk.organisations.models import Organisation

from ..models import Account, AccountKind, LedgerTransaction, TransactionKind
from .accounts import paid_account, source_account
from .ledger import _check_amount, _post


def hold_reserve(
    *,
    budget: Account,
    hold: Account,
    amount_cents: int,
    actor: Any,
    memo: str,
    kind: str = TransactionKind.AWARD,
    reference_kind: str = "",
    reference_id: int | None = None,
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Reserve money from a budget (or pool) for one purpose: an award or reservation."""
    _check_amount(amount_cents)
    if budget.kind not in (AccountKind.BUDGET, AccountKind.POOL) or hold.kind != AccountKind.HOLD:
        raise ValueError("reserve from a budget or pool into a hold account")
    if kind not in (TransactionKind.AWARD, TransactionKind.RESERVATION):
        raise ValueError("a reservation is booked as award or reservation")
    return _post(
        fund=budget.fund,
        kind=kind,
        lines=[(budget, -amount_cents), (hold, amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
        idempotency_key=idempotency_key,
    )


def hold_contribute(
    *,
    hold: Account,
    organisation: Organisation,
    amount_cents: int,
    actor: Any,
    memo: str,
    reference_kind: str = "",
    reference_id: int | None = None,
) -> LedgerTransaction:
    """A partner's money goes straight to one reservation (a pledge to an initiative)."""
    _check_amount(amount_cents)
    if hold.kind != AccountKind.HOLD:
        raise ValueError("contribute to a hold account")
    return _post(
        fund=hold.fund,
        kind=TransactionKind.CONTRIBUTION,
        lines=[(source_account(hold.fund, organisation), -amount_cents), (hold, amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
    )


def payment_record(
    *,
    hold: Account,
    amount_cents: int,
    actor: Any,
    memo: str,
    reference_kind: str = "",
    reference_id: int | None = None,
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Money leaves a reservation as a payment (a receipt, a provider's invoice)."""
    _check_amount(amount_cents)
    return _post(
        fund=hold.fund,
        kind=TransactionKind.PAYMENT,
        lines=[(hold, -amount_cents), (paid_account(hold.fund), amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
        idempotency_key=idempotency_key,
    )


def refund_record(
    *,
    hold: Account,
    amount_cents: int,
    actor: Any,
    memo: str,
    reference_kind: str = "",
    reference_id: int | None = None,
) -> LedgerTransaction:
    """Money paid out comes back to the reservation (a returned purchase)."""
    _check_amount(amount_cents)
    return _post(
        fund=hold.fund,
        kind=TransactionKind.REFUND,
        lines=[(paid_account(hold.fund), -amount_cents), (hold, amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
    )


def hold_release(
    *,
    hold: Account,
    budget: Account,
    actor: Any,
    memo: str,
    amount_cents: int | None = None,
    reference_kind: str = "",
    reference_id: int | None = None,
) -> LedgerTransaction | None:
    """Return what is left of a reservation (all of it by default) to its budget."""
    hold.refresh_from_db(fields=["balance_cents"])
    amount = hold.balance_cents if amount_cents is None else amount_cents
    if amount == 0:
        return None
    _check_amount(amount)
    return _post(
        fund=hold.fund,
        kind=TransactionKind.RETURN,
        lines=[(hold, -amount), (budget, amount)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
    )
