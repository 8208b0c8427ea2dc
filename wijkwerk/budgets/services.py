"""Moving money. Every change to a balance goes through `_post`, which books a balanced
transaction under row locks and refuses anything that would take an account below zero.

Apps above (initiatives, pb) book through the named functions here (`hold_reserve`,
`payment_record`, `hold_release`, ...), passing a reference to what the money is for; they
check their own permissions first. Staff actions on funds check `budgets.*` permissions.
"""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from .decisions import decision_of
from .models import (
    Account,
    AccountKind,
    Entry,
    Fund,
    FundContributor,
    LedgerTransaction,
    TransactionKind,
)
from .money import format_euros


class InsufficientFunds(ValidationError):
    """The booking would take a budget, pool or reservation below zero."""


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this fund."))


def _check_amount(amount_cents: int) -> None:
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool):
        raise ValidationError({"amount": [_("An amount is a whole number of cents.")]})
    if amount_cents <= 0:
        raise ValidationError({"amount": [_("The amount must be more than zero.")]})


def _post(
    *,
    fund: Fund,
    kind: str,
    lines: Sequence[tuple[Account, int]],
    actor: Any,
    memo: str,
    reference_kind: str = "",
    reference_id: int | None = None,
    reverses: LedgerTransaction | None = None,
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Book one balanced transaction. The only code that writes entries and balances."""
    if idempotency_key:
        earlier = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
        if earlier is not None:
            return earlier
    if sum(amount for _account, amount in lines) != 0 or len(lines) < 2:
        raise ValueError("a ledger transaction needs two or more lines that add up to zero")
    if any(amount == 0 for _account, amount in lines):
        raise ValueError("a ledger line cannot be zero")
    if any(account.fund_id != fund.pk for account, _amount in lines):
        raise ValueError("all lines of a transaction belong to one fund")
    memo = memo.strip()[:300]
    values = {
        "fund": fund,
        "kind": kind,
        "memo": memo,
        "actor": actor if getattr(actor, "is_authenticated", False) else None,
        "reference_kind": reference_kind,
        "reference_id": reference_id,
        "reverses": reverses,
        "idempotency_key": idempotency_key or None,
    }
    one_line_per_account = len({account.pk for account, _amount in lines}) == len(lines)
    if connection.vendor == "postgresql" and one_line_per_account:
        if idempotency_key is None and reverses is None:
            return _post_in_one_statement(values, lines)
        try:
            with transaction.atomic():
                return _post_in_one_statement(values, lines)
        except IntegrityError:
            return _already_booked(idempotency_key)
    return _post_in_steps(values, lines)


def _already_booked(idempotency_key: str | None) -> LedgerTransaction:
    """Another request with the same key, or correcting the same booking, won the race."""
    if idempotency_key:
        return LedgerTransaction.objects.get(idempotency_key=idempotency_key)
    raise ValidationError(
        _("This booking has already been corrected."), code="already_corrected"
    ) from None


def _insufficient(account: Account, available: int) -> InsufficientFunds:
    return InsufficientFunds(
        {
            "amount": [
                _(
                    "Not enough money in %(account)s: %(available)s is available. "
                    "Lower the amount or ask for more budget."
                )
                % {"account": account.name, "available": format_euros(available)}
            ]
        },
        code="insufficient_funds",
    )


# Lock the accounts, check every new balance, and only if all stay at or above zero write
# the transaction, its entries and the new balances: one statement, so the row locks are
# held for one round trip (or until the caller's transaction commits) and not across the
# several round trips and Python steps of booking in steps.
_BOOK_SQL = """
WITH line(account_id, delta) AS (VALUES {lines}),
locked AS (
    SELECT a.id, a.kind, a.balance_cents FROM budgets_account a
    WHERE a.id IN (SELECT account_id FROM line) ORDER BY a.id FOR UPDATE
),
verdict AS (
    SELECT count(*) = %s AND bool_and(l.kind = 'source' OR l.balance_cents + line.delta >= 0)
        AS ok
    FROM locked l JOIN line ON line.account_id = l.id
),
txn AS (
    INSERT INTO budgets_ledgertransaction (fund_id, kind, memo, actor_id, created_at,
        reference_kind, reference_id, reverses_id, idempotency_key)
    SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s FROM verdict WHERE verdict.ok
    RETURNING id
),
moved AS (
    UPDATE budgets_account a SET balance_cents = a.balance_cents + line.delta
    FROM line, verdict WHERE a.id = line.account_id AND verdict.ok
    RETURNING a.id, a.balance_cents
),
booked AS (
    INSERT INTO budgets_entry (transaction_id, account_id, amount_cents, balance_after_cents)
    SELECT txn.id, moved.id, line.delta, moved.balance_cents
    FROM txn CROSS JOIN moved JOIN line ON line.account_id = moved.id
    RETURNING 1
)
SELECT (SELECT ok FROM verdict), (SELECT id FROM txn), locked.id, locked.balance_cents
FROM locked
"""


def _post_in_one_statement(
    values: dict[str, Any], lines: Sequence[tuple[Account, int]]
) -> LedgerTransaction:
    """Book on PostgreSQL with one data-modifying statement (see _BOOK_SQL)."""
    created_at = timezone.now()
    params: list[Any] = []
    for account, amount in lines:
        params += [account.pk, amount]
    actor = values["actor"]
    params += [
        len(lines),
        values["fund"].pk,
        values["kind"],
        values["memo"],
        actor.pk if actor is not None else None,
        created_at,
        values["reference_kind"],
        values["reference_id"],
        values["reverses"].pk if values["reverses"] is not None else None,
        values["idempotency_key"],
    ]
    sql = _BOOK_SQL.format(lines=", ".join(["(%s::bigint, %s::bigint)"] * len(lines)))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    before = {account_id: balance for _ok, _txn, account_id, balance in rows}
    if len(before) != len(lines):
        raise ValueError("a ledger line names an account that does not exist")
    ok, txn_id = rows[0][0], rows[0][1]
    if not ok:
        for account, amount in lines:
            if account.kind != AccountKind.SOURCE and before[account.pk] + amount < 0:
                raise _insufficient(account, before[account.pk])
        raise ValueError("the booking was refused for an unknown reason")  # pragma: no cover
    for account, amount in lines:
        account.balance_cents = before[account.pk] + amount
    txn = LedgerTransaction(id=txn_id, created_at=created_at, **values)
    txn._state.adding = False
    txn._state.db = connection.alias
    return txn


def _post_in_steps(
    values: dict[str, Any], lines: Sequence[tuple[Account, int]]
) -> LedgerTransaction:
    """Book with the ORM, statement by statement (SQLite, and the rare booking with two
    lines on one account)."""
    idempotency_key, reverses = values["idempotency_key"], values["reverses"]
    with transaction.atomic():
        # Lock the accounts in primary-key order so that concurrent bookings queue up
        # instead of deadlocking; balances are read only after the lock is held.
        ids = sorted({account.pk for account, _amount in lines})
        locked = {
            a.pk: a for a in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")
        }
        balances = {pk: account.balance_cents for pk, account in locked.items()}
        booked: list[tuple[Account, int, int]] = []
        for account, amount in lines:
            balances[account.pk] += amount
            booked.append((locked[account.pk], amount, balances[account.pk]))
        for pk, balance in balances.items():
            account = locked[pk]
            if balance < 0 and account.kind != AccountKind.SOURCE:
                raise _insufficient(account, account.balance_cents)
        if idempotency_key is None and reverses is None:
            # Nothing unique to collide on: no savepoint (it costs two round trips per
            # booking, inside the lock that serialises every award on a budget).
            txn = LedgerTransaction.objects.create(**values)
        else:
            try:
                with transaction.atomic():
                    txn = LedgerTransaction.objects.create(**values)
            except IntegrityError:
                return _already_booked(idempotency_key)
        Entry.objects.bulk_create(
            Entry(transaction=txn, account=account, amount_cents=amount, balance_after_cents=after)
            for account, amount, after in booked
        )
        # One UPDATE for all accounts of the booking.
        Account.objects.filter(pk__in=list(balances)).update(
            balance_cents=Case(
                *(When(pk=pk, then=Value(balance)) for pk, balance in balances.items()),
                output_field=BigIntegerField(),
            )
        )
        for pk, balance in balances.items():
            locked[pk].balance_cents = balance
        for account, _amount in lines:
            account.balance_cents = balances[account.pk]
    return txn


# --- accounts ----------------------------------------------------------------------------


def _account(fund: Fund, kind: str, name: str, **lookup: Any) -> Account:
    account, _created = Account.objects.get_or_create(
        fund=fund, kind=kind, **lookup, defaults={"name": name[:200]}
    )
    return account


def pool_account(fund: Fund) -> Account:
    return _account(fund, AccountKind.POOL, _("%(fund)s: not allocated") % {"fund": fund})


def paid_account(fund: Fund) -> Account:
    return _account(fund, AccountKind.PAID, _("%(fund)s: paid out") % {"fund": fund})


def source_account(fund: Fund, organisation: Organisation) -> Account:
    return _account(
        fund,
        AccountKind.SOURCE,
        _("%(organisation)s: contribution to %(fund)s")
        % {"organisation": organisation, "fund": fund},
        organisation=organisation,
    )


def wijkbudget_account(fund: Fund, area: Area) -> Account:
    if area.municipality_id != fund.municipality_id:
        raise ValidationError({"area": [_("This wijk lies in another municipality.")]})
    if not area.is_wijk:
        raise ValidationError({"area": [_("Budgets are given to a wijk or village.")]})
    return _account(
        fund,
        AccountKind.BUDGET,
        _("Wijkbudget %(area)s (%(fund)s)") % {"area": area.name, "fund": fund},
        area=area,
        owner_kind="",
    )


def owned_account(
    *, fund: Fund, kind: str, owner_kind: str, owner_id: int, name: str, area: Area | None = None
) -> Account:
    """A budget or reservation held for an object of a higher app (a round, a voucher)."""
    if kind not in (AccountKind.BUDGET, AccountKind.HOLD):
        raise ValueError("only budgets and reservations are held for an owner")
    account, _created = Account.objects.get_or_create(
        fund=fund,
        kind=kind,
        owner_kind=owner_kind,
        owner_id=owner_id,
        defaults={"name": name[:200], "area": area},
    )
    return account


# --- funds (staff) ------------------------------------------------------------------------


@transaction.atomic
def fund_create(
    *,
    municipality: Municipality,
    actor: Any,
    name: str,
    kind: str,
    year: int,
    description: str = "",
    is_public: bool = True,
) -> Fund:
    check_perm(actor, "budgets.manage_fund", municipality)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the fund a name.")]
    elif Fund.objects.filter(municipality=municipality, name__iexact=name, year=year).exists():
        errors["name"] = [_("There already is a fund with this name for this year.")]
    if kind not in dict(Fund._meta.get_field("kind").choices):
        errors["kind"] = [_("Choose one of the kinds of fund.")]
    if not 2000 <= year <= 2100:
        errors["year"] = [_("Enter a year such as 2026.")]
    if errors:
        raise ValidationError(errors)
    fund = Fund.objects.create(
        municipality=municipality,
        name=name,
        kind=kind,
        year=year,
        description=description.strip(),
        is_public=is_public,
    )
    pool_account(fund)
    paid_account(fund)
    audit_log(
        actor=actor,
        action="budgets.fund_create",
        target=fund,
        changes={"name": name, "kind": kind, "year": year},
        municipality_code=municipality.code,
    )
    return fund


@transaction.atomic
def fund_contributor_set(
    *, fund: Fund, organisation: Organisation, actor: Any, promised_cents: int, note: str = ""
) -> FundContributor:
    """Record (or change) the amount a partner promised to put into the fund."""
    check_perm(actor, "budgets.manage_fund", fund)
    if organisation.municipality_id != fund.municipality_id:
        raise ValidationError({"organisation": [_("This partner works in another municipality.")]})
    if promised_cents < 0:
        raise ValidationError({"promised": [_("An amount cannot be negative.")]})
    share, _created = FundContributor.objects.update_or_create(
        fund=fund,
        organisation=organisation,
        defaults={"promised_cents": promised_cents, "note": note.strip()[:200]},
    )
    source_account(fund, organisation)
    audit_log(
        actor=actor,
        action="budgets.contributor_set",
        target=fund,
        changes={"organisation": str(organisation), "promised_cents": promised_cents},
        municipality_code=fund.municipality.code,
    )
    return share


@transaction.atomic
def contribution_record(
    *,
    fund: Fund,
    organisation: Organisation,
    actor: Any,
    amount_cents: int,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """A partner's money arrives in the fund."""
    check_perm(actor, "budgets.manage_fund", fund)
    _check_amount(amount_cents)
    if not FundContributor.objects.filter(fund=fund, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [_("Add this partner as a contributor of the fund first.")]}
        )
    txn = _post(
        fund=fund,
        kind=TransactionKind.CONTRIBUTION,
        lines=[
            (source_account(fund, organisation), -amount_cents),
            (pool_account(fund), amount_cents),
        ],
        actor=actor,
        memo=memo or _("Contribution of %(organisation)s") % {"organisation": organisation},
        idempotency_key=idempotency_key,
    )
    _log_booking(txn, actor)
    return txn


@transaction.atomic
def allocation_record(
    *,
    fund: Fund,
    actor: Any,
    amount_cents: int,
    area: Area | None = None,
    to_account: Account | None = None,
    memo: str = "",
    idempotency_key: str | None = None,
) -> LedgerTransaction:
    """Give money from the fund's pool to a wijkbudget (or another budget of the fund)."""
    check_perm(actor, "budgets.manage_fund", fund)
    _check_amount(amount_cents)
    if (area is None) == (to_account is None):
        raise ValueError("allocate either to a wijk or to an account")
    target = wijkbudget_account(fund, area) if area is not None else to_account
    assert target is not None
    if target.fund_id != fund.pk or target.kind != AccountKind.BUDGET:
        raise ValidationError({"account": [_("Money is allocated to a budget of this fund.")]})
    txn = _post(
        fund=fund,
        kind=TransactionKind.ALLOCATION,
        lines=[(pool_account(fund), -amount_cents), (target, amount_cents)],
        actor=actor,
        memo=memo or _("Allocation to %(budget)s") % {"budget": target.name},
        idempotency_key=idempotency_key,
    )
    _log_booking(txn, actor)
    return txn


@transaction.atomic
def budget_return(
    *, budget: Account, actor: Any, amount_cents: int, memo: str = ""
) -> LedgerTransaction:
    """Take unused money from a budget back into the fund's pool."""
    check_perm(actor, "budgets.manage_fund", budget.fund)
    _check_amount(amount_cents)
    if budget.kind != AccountKind.BUDGET:
        raise ValidationError({"account": [_("Only a budget can give money back to its fund.")]})
    txn = _post(
        fund=budget.fund,
        kind=TransactionKind.RETURN,
        lines=[(budget, -amount_cents), (pool_account(budget.fund), amount_cents)],
        actor=actor,
        memo=memo or _("Back to the fund from %(budget)s") % {"budget": budget.name},
    )
    _log_booking(txn, actor)
    return txn


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


# --- bookings for the apps above ---------------------------------------------------------


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
    txn = _post(
        fund=budget.fund,
        kind=kind,
        lines=[(budget, -amount_cents), (hold, amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
        idempotency_key=idempotency_key,
    )
    return txn


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
    txn = _post(
        fund=hold.fund,
        kind=TransactionKind.CONTRIBUTION,
        lines=[(source_account(hold.fund, organisation), -amount_cents), (hold, amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
    )
    return txn


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
    txn = _post(
        fund=hold.fund,
        kind=TransactionKind.PAYMENT,
        lines=[(hold, -amount_cents), (paid_account(hold.fund), amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
        idempotency_key=idempotency_key,
    )
    return txn


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
    txn = _post(
        fund=hold.fund,
        kind=TransactionKind.REFUND,
        lines=[(paid_account(hold.fund), -amount_cents), (hold, amount_cents)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
    )
    return txn


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
    txn = _post(
        fund=hold.fund,
        kind=TransactionKind.RETURN,
        lines=[(hold, -amount), (budget, amount)],
        actor=actor,
        memo=memo,
        reference_kind=reference_kind,
        reference_id=reference_id,
    )
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


def _log_booking(txn: LedgerTransaction, actor: Any, reason: str = "") -> None:
    audit_log(
        actor=actor,
        action=f"budgets.{txn.kind}",
        target=txn,
        changes={e.account.name: e.amount_cents for e in txn.entries.select_related("account")},
        reason=reason,
        municipality_code=txn.fund.municipality.code,
    )
