"""Spending a voucher: receipts booked as payments, redemption by local providers,
cancelled expenses refunded."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import role_assignments_current
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.money import format_euros

from ..models import SPENDING, Expense, Initiative, Provider, Status, Voucher
from ..uploads import validate_receipt
from ._common import INITIATIVE_REF, _lock, _log, _move, check_perm


def _voucher_for_spending(initiative: Initiative) -> Voucher:
    voucher = Voucher.objects.select_related("hold__fund").filter(initiative=initiative).first()
    if voucher is None or initiative.status not in SPENDING or not voucher.is_open:
        raise ValidationError(
            _("Spending is recorded on an awarded initiative with an open voucher.")
        )
    if voucher.valid_until and voucher.valid_until < timezone.localdate():
        raise ValidationError(
            _("This voucher was valid until %(date)s.") % {"date": voucher.valid_until}
        )
    return voucher


def _book_expense(
    *,
    initiative: Initiative,
    voucher: Voucher,
    actor: Any,
    description: str,
    amount_cents: int,
    spent_on: date,
    receipt: UploadedFile | None,
    provider: Provider | None,
) -> Expense:
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Say what was bought or paid.")]
    if spent_on > timezone.localdate():
        errors["spent_on"] = [_("The date lies in the future.")]
    if amount_cents <= 0:
        errors["amount"] = [_("The amount must be more than zero.")]
    elif amount_cents > voucher.hold.balance_cents:
        errors["amount"] = [
            _("This is more than is left on the voucher (%(left)s).")
            % {"left": format_euros(voucher.hold.balance_cents)}
        ]
    if receipt is not None:
        try:
            validate_receipt(receipt)
        except ValidationError as error:
            errors["receipt"] = error.messages
    if errors:
        raise ValidationError(errors)
    payment = ledger.payment_record(
        hold=voucher.hold,
        amount_cents=amount_cents,
        actor=actor,
        memo=description.strip()[:300],
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
    )
    expense = Expense(
        voucher=voucher,
        description=description.strip()[:200],
        amount_cents=amount_cents,
        spent_on=spent_on,
        provider=provider,
        recorded_by=actor,
        payment=payment,
    )
    if receipt is not None:
        expense.receipt.save(receipt.name or "receipt", receipt, save=False)
    expense.save()
    if initiative.status == Status.AWARDED:
        _move(initiative, Status.IN_EXECUTION)
        initiative.save(update_fields=["status", "updated_at"])
    _log(initiative, actor, "initiatives.expense", {"amount_cents": amount_cents})
    return expense


@transaction.atomic
def expense_record(
    *,
    initiative: Initiative,
    actor: Any,
    description: str,
    amount_cents: int,
    spent_on: date,
    receipt: UploadedFile | None,
) -> Expense:
    """The initiators record what they spent, with the receipt."""
    check_perm(actor, "initiatives.spend", initiative)
    initiative = _lock(initiative)
    voucher = _voucher_for_spending(initiative)
    if receipt is None:
        raise ValidationError({"receipt": [_("Add the receipt (a PDF or a photo).")]})
    return _book_expense(
        initiative=initiative,
        voucher=voucher,
        actor=actor,
        description=description,
        amount_cents=amount_cents,
        spent_on=spent_on,
        receipt=receipt,
        provider=None,
    )


def _works_for(actor: Any, organisation_id: int) -> bool:
    """Does the person hold a current role that redeems vouchers for this organisation?"""
    return any(
        a.organisation_id == organisation_id
        and roles.REDEEM_VOUCHER in roles.ROLE_CAPABILITIES.get(a.role, ())
        for a in role_assignments_current(user=actor)
    )


@transaction.atomic
def voucher_redeem(
    *,
    code: str,
    provider: Provider,
    actor: Any,
    description: str,
    amount_cents: int,
) -> Expense:
    """A registered local provider takes payment from a voucher by its code."""
    if not provider.is_active or not _works_for(actor, provider.organisation_id):
        raise PermissionDenied(_("Only staff of a registered provider can redeem vouchers."))
    voucher = Voucher.objects.filter(code=code.strip().upper().replace(" ", "")).first()
    if voucher is None or voucher.initiative.area.municipality_id != provider.municipality_id:
        raise ValidationError({"code": [_("No voucher with this code; check the code.")]})
    initiative = _lock(voucher.initiative)
    voucher = _voucher_for_spending(initiative)
    return _book_expense(
        initiative=initiative,
        voucher=voucher,
        actor=actor,
        description=description,
        amount_cents=amount_cents,
        spent_on=timezone.localdate(),
        receipt=None,
        provider=provider,
    )


@transaction.atomic
def expense_cancel(*, expense: Expense, actor: Any, reason: str) -> Expense:
    """Undo a recorded expense (a returned purchase, a mistake): the money comes back."""
    initiative = expense.voucher.initiative
    check_perm(actor, "initiatives.handle", initiative)
    initiative = _lock(initiative)
    if expense.cancelled_at is not None:
        raise ValidationError(_("This expense has already been cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Explain why the expense is cancelled.")]})
    if not expense.voucher.is_open:
        raise ValidationError(_("The voucher is closed; correct the booking in the ledger."))
    expense.refund = ledger.refund_record(
        hold=expense.voucher.hold,
        amount_cents=expense.amount_cents,
        actor=actor,
        memo=_("Cancelled: %(what)s") % {"what": expense.description},
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
    )
    expense.cancelled_at = timezone.now()
    expense.cancel_reason = reason.strip()[:300]
    expense.save(update_fields=["refund", "cancelled_at", "cancel_reason"])
    _log(
        initiative,
        actor,
        "initiatives.expense_cancel",
        {"amount_cents": expense.amount_cents},
        reason,
    )
    return expense
