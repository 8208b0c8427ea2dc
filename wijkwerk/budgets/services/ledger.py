"""The ledger's core: `_post` books one balanced transaction under row locks and refuses
anything that would take an account below zero. It is the only code that writes entries and
balances; every named booking in the other modules of this package goes through it."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.core.services import audit_log

from ..models import Account, AccountKind, Entry, Fund, LedgerTransaction
from ..money import format_euros


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


def _log_booking(txn: LedgerTransaction, actor: Any, reason: str = "") -> None:
    audit_log(
        actor=actor,
        action=f"budgets.{txn.kind}",
        target=txn,
        changes={e.account.name: e.amount_cents for e in txn.entries.select_related("account")},
        reason=reason,
        municipality_code=txn.fund.municipality.code,
    )
