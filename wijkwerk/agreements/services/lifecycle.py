"""From proposal to closed: signing by every party, coming into force (the management
money reserved, reporting periods made), instalments, closing with an evaluation."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, TransactionKind
from wijkwerk.budgets.money import format_euros

from ..models import Agreement, AgreementStatus, Party, ReportingPeriod, Signature
from ..predicates import acting_organisation_ids
from ._common import HOLD_OWNER, REPORT_DUE_DAYS, _lock, _log, _move, check_perm
from .drafting import _void_signatures


@transaction.atomic
def agreement_submit(*, agreement: Agreement, actor: Any) -> Agreement:
    """Send the draft out to be signed by every party."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    _move(agreement, AgreementStatus.TO_SIGN)
    agreement.save(update_fields=["status", "updated_at"])
    _log(agreement, actor, "agreements.submit", {"version": agreement.version})
    return agreement


@transaction.atomic
def agreement_withdraw(*, agreement: Agreement, actor: Any, reason: str) -> Agreement:
    """Take a proposal back to draft; signatures given so far are voided."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the proposal is taken back.")]})
    _move(agreement, AgreementStatus.DRAFT)
    voided = _void_signatures(agreement)
    agreement.version += 1
    agreement.save(update_fields=["status", "version", "updated_at"])
    _log(agreement, actor, "agreements.withdraw", {"signatures_voided": voided}, reason=reason)
    return agreement


@transaction.atomic
def agreement_sign(
    *, agreement: Agreement, party: Party, actor: Any, remark: str = ""
) -> Signature:
    """A party accepts the current version. When the last party signs, the agreement comes
    into force: its reporting periods are made and its management money is reserved."""
    agreement = _lock(agreement)
    if party.agreement_id != agreement.pk:
        raise ValidationError(_("This organisation is not a party to this agreement."))
    if party.organisation_id not in acting_organisation_ids(actor, agreement.municipality_id) and (
        not actor.is_superuser
    ):
        raise PermissionDenied(
            _("Only someone with a role for %(org)s can sign on its behalf.")
            % {"org": party.organisation}
        )
    if agreement.status != AgreementStatus.TO_SIGN:
        raise ValidationError(_("This agreement is not out for signing."))
    if party.signatures.filter(voided_at__isnull=True).exists():
        raise ValidationError(
            _("%(org)s has already signed this version.") % {"org": party.organisation}
        )
    signature = Signature.objects.create(
        party=party, version=agreement.version, signed_by=actor, remark=remark.strip()[:500]
    )
    _log(
        agreement,
        actor,
        "agreements.sign",
        {"party": str(party.organisation), "version": agreement.version},
        reason=remark,
    )
    signed = Signature.objects.filter(party__agreement=agreement, voided_at__isnull=True)
    if not agreement.parties.exclude(pk__in=signed.values("party_id")).exists():
        _come_into_force(agreement, actor)
    return signature


def _come_into_force(agreement: Agreement, actor: Any) -> None:
    _move(agreement, AgreementStatus.IN_FORCE)
    agreement.in_force_at = timezone.now()
    if agreement.management_cents:
        _reserve(agreement, actor)
    agreement.save()
    _make_periods(agreement)
    _log(agreement, actor, "agreements.in_force", {"version": agreement.version})


def _reserve(agreement: Agreement, actor: Any) -> None:
    budget = agreement.budget
    assert budget is not None  # checked when drafted
    budget.refresh_from_db(fields=["balance_cents"])
    if agreement.management_cents > budget.balance_cents:
        raise ValidationError(
            {
                "management_cents": [
                    _(
                        "Not enough money in %(account)s to reserve the management money: "
                        "%(available)s is available. Ask the drafter to lower the amount or "
                        "choose another budget."
                    )
                    % {"account": budget.name, "available": format_euros(budget.balance_cents)}
                ]
            }
        )
    agreement.hold = ledger.owned_account(
        fund=budget.fund,
        kind=AccountKind.HOLD,
        owner_kind=HOLD_OWNER,
        owner_id=agreement.pk,
        name=_("Management money: %(title)s") % {"title": agreement.title[:150]},
        area=agreement.area.wijk if agreement.area_id else None,
    )
    ledger.hold_reserve(
        budget=budget,
        hold=agreement.hold,
        amount_cents=agreement.management_cents,
        actor=actor,
        memo=_("Beheerovereenkomst: %(title)s") % {"title": agreement.title[:200]},
        kind=TransactionKind.RESERVATION,
        reference_kind=HOLD_OWNER,
        reference_id=agreement.pk,
        idempotency_key=f"agreement-reserve-{agreement.pk}",
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, 1)


def period_bounds(
    starts_on: datetime.date, ends_on: datetime.date, every: int
) -> list[tuple[datetime.date, datetime.date]]:
    """Calendar periods of `every` months (quarters, halves, years) covering the agreement,
    cut to its start and end."""
    first = datetime.date(starts_on.year, ((starts_on.month - 1) // every) * every + 1, 1)
    bounds = []
    current = first
    while current <= ends_on:
        following = _add_months(current, every)
        bounds.append(
            (max(current, starts_on), min(following - datetime.timedelta(days=1), ends_on))
        )
        current = following
    return bounds


def _make_periods(agreement: Agreement) -> None:
    for start, end in period_bounds(agreement.starts_on, agreement.ends_on, agreement.report_every):
        ReportingPeriod.objects.get_or_create(
            agreement=agreement,
            starts_on=start,
            defaults={"ends_on": end, "due_on": end + datetime.timedelta(days=REPORT_DUE_DAYS)},
        )


@transaction.atomic
def agreement_close(*, agreement: Agreement, actor: Any, evaluation: str) -> Agreement:
    """Close an agreement in force with its evaluation; every period closes with it and what
    is left of the management money returns to its budget."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    if not evaluation.strip():
        raise ValidationError(
            {"evaluation": [_("Write the evaluation: what was promised and what was delivered.")]}
        )
    _move(agreement, AgreementStatus.CLOSED)
    agreement.evaluation = evaluation.strip()
    agreement.closed_at = timezone.now()
    agreement.save()
    agreement.periods.filter(closed_at__isnull=True).update(closed_at=agreement.closed_at)
    released = 0
    if agreement.hold_id and agreement.budget_id:
        txn = ledger.hold_release(
            hold=agreement.hold,
            budget=agreement.budget,
            actor=actor,
            memo=_("Closed: %(title)s") % {"title": agreement.title[:200]},
            reference_kind=HOLD_OWNER,
            reference_id=agreement.pk,
        )
        released = (
            sum(e.amount_cents for e in txn.entries.all() if e.amount_cents > 0) if txn else 0
        )
    _log(agreement, actor, "agreements.close", {"released_cents": released}, reason=evaluation)
    return agreement


@transaction.atomic
def period_close(*, period: ReportingPeriod, actor: Any) -> ReportingPeriod:
    """Close a period: no report can be given or changed for it afterwards."""
    check_perm(actor, "agreements.manage_agreement", period.agreement)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closed_at is not None:
        raise ValidationError(_("This period is closed already."))
    period.closed_at = timezone.now()
    period.save(update_fields=["closed_at"])
    _log(period.agreement, actor, "agreements.period_close", {"period": str(period)})
    return period


@transaction.atomic
def management_payment(
    *, agreement: Agreement, actor: Any, amount_cents: int, memo: str
) -> Agreement:
    """Pay an instalment of the management money to the buurtbeheerbedrijf or residents."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    errors: dict[str, list[str]] = {}
    if agreement.status != AgreementStatus.IN_FORCE or agreement.hold_id is None:
        raise ValidationError(_("Only an agreement in force with management money can pay out."))
    if not memo.strip():
        errors["memo"] = [_("Say what the payment is for, e.g. the quarter.")]
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        errors["amount_cents"] = [_("The amount must be more than zero.")]
    if errors:
        raise ValidationError(errors)
    hold = Account.objects.get(pk=agreement.hold_id)
    if amount_cents > hold.balance_cents:
        raise ValidationError(
            {
                "amount_cents": [
                    _("This is more than is left of the management money (%(left)s).")
                    % {"left": format_euros(hold.balance_cents)}
                ]
            }
        )
    ledger.payment_record(
        hold=hold,
        amount_cents=amount_cents,
        actor=actor,
        memo=memo.strip()[:300],
        reference_kind=HOLD_OWNER,
        reference_id=agreement.pk,
    )
    _log(agreement, actor, "agreements.payment", {"amount_cents": amount_cents}, reason=memo)
    return agreement
