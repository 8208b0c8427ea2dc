"""Reading funds, budgets and their explanation. Balances come from the account rows (kept
by the ledger); explanations page through entries newest first by index."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Sum

from wijkwerk.areas.models import Area, Municipality

from .decisions import decisions_verify
from .models import Account, AccountKind, Entry, Fund, FundContributor, LedgerTransaction


def fund_list(*, municipality: Municipality, public_only: bool = True) -> QuerySet[Fund]:
    qs = Fund.objects.filter(municipality=municipality)
    return qs.filter(is_public=True) if public_only else qs


def account_balance(*, account_id: int) -> int:
    """One indexed row read, however many entries the account has."""
    return Account.objects.values_list("balance_cents", flat=True).get(pk=account_id)


def account_statement(
    *, account: Account, before_id: int | None = None, limit: int = 50
) -> list[Entry]:
    """The entries of an account, newest first, each with the balance after it: a balance
    explained line by line. Page on with `before_id` = the last entry's id."""
    qs = Entry.objects.filter(account=account).select_related("transaction")
    if before_id is not None:
        qs = qs.filter(id__lt=before_id)
    return list(qs.order_by("-id")[:limit])


@dataclass
class ContributorLine:
    organisation: str
    promised_cents: int
    contributed_cents: int
    account_id: int | None = None  # the partner's source account, for its explanation


@dataclass
class FundOverview:
    fund: Fund
    contributors: list[ContributorLine]
    pool_cents: int
    budgets: list[Account]
    held_cents: int
    paid_cents: int
    contributed_cents: int = 0
    promised_cents: int = 0
    budgets_cents: int = 0
    shares: dict[str, float] = field(default_factory=dict)

    @property
    def allocated_cents(self) -> int:
        return self.contributed_cents - self.pool_cents


def fund_overview(*, fund: Fund) -> FundOverview:
    """Contributions per partner and where the money is now, from account balances only."""
    accounts = list(Account.objects.filter(fund=fund).select_related("area", "organisation"))
    promised = {
        c.organisation_id: c
        for c in FundContributor.objects.filter(fund=fund).select_related("organisation")
    }
    sources = {a.organisation_id: a for a in accounts if a.kind == AccountKind.SOURCE}
    contributed = {org_id: -a.balance_cents for org_id, a in sources.items()}
    lines = [
        ContributorLine(
            organisation=str(c.organisation),
            promised_cents=c.promised_cents,
            contributed_cents=contributed.get(org_id, 0),
            account_id=sources[org_id].pk if org_id in sources else None,
        )
        for org_id, c in promised.items()
    ]
    total = sum(contributed.values())
    overview = FundOverview(
        fund=fund,
        contributors=lines,
        pool_cents=sum(a.balance_cents for a in accounts if a.kind == AccountKind.POOL),
        budgets=sorted((a for a in accounts if a.kind == AccountKind.BUDGET), key=lambda a: a.name),
        held_cents=sum(a.balance_cents for a in accounts if a.kind == AccountKind.HOLD),
        paid_cents=sum(a.balance_cents for a in accounts if a.kind == AccountKind.PAID),
        contributed_cents=total,
        promised_cents=sum(c.promised_cents for c in promised.values()),
    )
    overview.budgets_cents = sum(a.balance_cents for a in overview.budgets)
    if total:
        overview.shares = {
            line.organisation: round(100 * line.contributed_cents / total, 1) for line in lines
        }
    return overview


def wijkbudget_list(*, area: Area) -> QuerySet[Account]:
    """The budgets a wijk holds, in public funds, with what remains in each."""
    return (
        Account.objects.filter(
            kind=AccountKind.BUDGET, area=area.wijk, fund__is_public=True, owner_kind=""
        )
        .select_related("fund")
        .order_by("-fund__year", "fund__name")
    )


def budget_accounts_for_award(*, area: Area) -> QuerySet[Account]:
    """Budgets an initiative in this wijk may be paid from: the wijk's own budgets."""
    return Account.objects.filter(kind=AccountKind.BUDGET, area=area.wijk).select_related("fund")


@dataclass
class LedgerProblem:
    what: str
    detail: str


def ledger_verify(*, fund: Fund | None = None) -> list[LedgerProblem]:
    """Recompute every balance from its entries and check each transaction adds up to 0;
    for the whole ledger, also check that every decision registered by the apps above
    (awards of initiatives, convenant projects, budget round winners) agrees with its
    bookings (`decisions.decisions_verify`).

    Returns the differences found (an empty list means the ledger is consistent).
    """
    problems: list[LedgerProblem] = []
    accounts = Account.objects.all() if fund is None else Account.objects.filter(fund=fund)
    sums = accounts.annotate(
        entry_sum=Sum("entries__amount_cents", default=0),
    ).exclude(entry_sum=F("balance_cents"))
    for account in sums:
        problems.append(
            LedgerProblem(
                "balance",
                f"{account.name}: stored {account.balance_cents}, entries {account.entry_sum}",
            )
        )
    negative = accounts.filter(balance_cents__lt=0).exclude(kind=AccountKind.SOURCE)
    problems += [LedgerProblem("negative", a.name) for a in negative]
    txns = LedgerTransaction.objects.all() if fund is None else fund.transactions.all()
    unbalanced = txns.annotate(total=Sum("entries__amount_cents", default=0), n=Count("entries"))
    for txn in unbalanced.filter(Q(n__lt=2) | ~Q(total=0)):
        problems.append(LedgerProblem("unbalanced", f"#{txn.pk}: {txn.total} over {txn.n} lines"))
    # The last entry of each account must carry the account's balance.
    for account in accounts.exclude(entries=None):
        last = Entry.objects.filter(account=account).order_by("-id").first()
        if last is not None and last.balance_after_cents != account.balance_cents:
            problems.append(
                LedgerProblem(
                    "running",
                    f"{account.name}: last entry {last.balance_after_cents}, "
                    f"stored {account.balance_cents}",
                )
            )
    if fund is None:
        problems += [LedgerProblem("decision", f"{d.what}: {d.detail}") for d in decisions_verify()]
    return problems


def booking_entries(
    *,
    fund: Fund,
    kinds: Sequence[str],
    area_id: int | None = None,
    organisation_id: int | None = None,
    before_id: int | None = None,
    limit: int = 50,
) -> list[Entry]:
    """The bookings behind a total of a fund: the entries on its accounts of these kinds
    (optionally of one wijk or one partner), newest first, paged like `account_statement`."""
    qs = Entry.objects.filter(account__fund=fund, account__kind__in=list(kinds))
    if area_id is not None:
        qs = qs.filter(account__area_id=area_id)
    if organisation_id is not None:
        qs = qs.filter(account__organisation_id=organisation_id)
    if before_id is not None:
        qs = qs.filter(id__lt=before_id)
    return list(qs.select_related("transaction", "account").order_by("-id")[:limit])


def decided_cents(*, hold_ids: Sequence[int]) -> dict[int, int]:
    """Per reservation: what the decisions behind it put there net — awards and
    reservations, less their corrections (and any reversal in the ledger), leaving out
    payments, refunds, returns and pledges. A decision's amount must equal this."""
    paid_txns = Entry.objects.filter(account__kind=AccountKind.PAID).values("transaction_id")
    rows = (
        Entry.objects.filter(
            account_id__in=list(hold_ids),
            transaction__kind__in=["award", "reservation", "correction"],
        )
        .exclude(transaction_id__in=paid_txns)
        .order_by()
        .values("account_id")
        .annotate(total=Sum("amount_cents"))
        .values_list("account_id", "total")
    )
    found = dict.fromkeys(hold_ids, 0)
    found.update(dict(rows))
    return found
