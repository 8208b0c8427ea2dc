"""Corrections: a staff member reverses a loose booking by booking its exact opposite, and a
decision's own correction lowers or withdraws its award. The original booking always stays."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..decisions import decision_of
from ..models import Account, AccountKind, LedgerTransaction, TransactionKind
from ..money import format_euros
from .ledger import _log_booking, _post, check_perm


@transaction.atomic
def transaction_reverse(
    *, original: LedgerTransaction, actor: Any, reason: str
) -> LedgerTransaction:
    """Correct a booking by booking its exact opposite; the original stays as it was."""
    check_perm(actor, "budgets.manage_fund", original.fund)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Explain why this booking is corrected.")]})
    if original.kind == TransactionKind.CORRECTION:
        raise ValidationError(_("A correction is itself corrected by a new booking, not undone."))
    if hasattr(original, "reversed_by"):
        raise ValidationError(_("This booking has already been corrected."))
    decision = decision_of(original.reference_kind, original.reference_id)
    if decision is not None:
        # Reversing only the booking would leave the decision, its page and its totals
        # telling another story than the ledger: the decision's own correction does both.
        raise ValidationError(
            _(
                "This booking belongs to %(decision)s. Correct the decision itself (withdraw "
                "or lower the award on its page): that books the correction and updates the "
                "decision and every total at once."
            )
            % {"decision": decision},
            code="belongs_to_decision",
        )
    lines = [
        (entry.account, -entry.amount_cents) for entry in original.entries.select_related("account")
    ]
    txn = _post(
        fund=original.fund,
        kind=TransactionKind.CORRECTION,
        lines=lines,
        actor=actor,
        memo=_("Correction of #%(id)s: %(reason)s") % {"id": original.pk, "reason": reason},
        reference_kind=original.reference_kind,
        reference_id=original.reference_id,
        reverses=original,
    )
    _log_booking(txn, actor, reason=reason)
    return txn


def award_correct(
    *,
    hold: Account,
    budget: Account,
    awarded_cents: int,
    amount_cents: int,
    reason: str,
    title: str,
    actor: Any,
    reference_kind: str = "",
    reference_id: int | None = None,
) -> LedgerTransaction:
    """A decision's own correction: its award of `awarded_cents` is lowered to `amount_cents`
    (0 withdraws it) and what is no longer needed goes back from the reservation to the
    budget it came from, booked as a correction (the award stays in the ledger as it was).
    Refused with field messages when no reason is given, the amount is not lower than the
    award, or more would go back than is left of the reservation. The app that owns the
    decision locks it first and changes it in the same transaction."""
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Explain why the award is corrected; it is published.")]
    if not isinstance(amount_cents, int) or not 0 <= amount_cents < awarded_cents:
        errors["amount"] = [
            _("Enter an amount from € 0 (withdraw) to less than the awarded %(amount)s.")
            % {"amount": format_euros(awarded_cents)}
        ]
    if errors:
        raise ValidationError(errors)
    hold.refresh_from_db(fields=["balance_cents"])
    back = awarded_cents - amount_cents
    if back > hold.balance_cents:
        raise ValidationError(
            {
                "amount": [
                    _(
                        "Only %(left)s of the reservation is left (the rest is spent); the "
                        "award can be lowered by at most that much."
                    )
                    % {"left": format_euros(hold.balance_cents)}
                ]
            }
        )
    if hold.kind != AccountKind.HOLD or budget.kind not in (AccountKind.BUDGET, AccountKind.POOL):
        raise ValueError("a correction returns money from a hold to a budget or pool")
    return _post(
        fund=hold.fund,
        kind=TransactionKind.CORRECTION,
        lines=[(hold, -back), (budget, back)],
        actor=actor,
        memo=_("Correction of the award of %(title)s: %(reason)s")
        % {"title": title[:100], "reason": reason.strip()[:150]},
        reference_kind=reference_kind,
        reference_id=reference_id,
    )
