"""Many awards at once against one wijkbudget on PostgreSQL: never overspent, never doubled.

Each thread has its own database connection, as concurrent requests do. Skipped on SQLite,
which serialises writers as a whole (IMMEDIATE transactions) and so cannot show a race.
"""

import pytest

from wijkwerk.budgets import services
from wijkwerk.budgets.models import AccountKind, FundKind, LedgerTransaction
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.core.tests.concurrency import in_parallel, skip_unless_postgres

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 40
AMOUNT = 2_500  # € 25 per award
AFFORDABLE = 13  # the budget holds € 325


@pytest.fixture
def budget(municipality, wijk, treasurer, gemeente_org):
    skip_unless_postgres()
    fund = services.fund_create(
        municipality=municipality,
        actor=treasurer,
        name="Wijkbudgetten",
        kind=FundKind.WIJKBUDGET,
        year=2026,
    )
    services.fund_contributor_set(
        fund=fund, organisation=gemeente_org, actor=treasurer, promised_cents=AMOUNT * AFFORDABLE
    )
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=AMOUNT * AFFORDABLE
    )
    services.allocation_record(
        fund=fund, area=wijk, actor=treasurer, amount_cents=AMOUNT * AFFORDABLE
    )
    return services.wijkbudget_account(fund, wijk)


def test_parallel_awards_never_overspend_the_budget(budget, treasurer):
    holds = [
        services.owned_account(
            fund=budget.fund,
            kind=AccountKind.HOLD,
            owner_kind="test.voucher",
            owner_id=i,
            name=f"Voucher {i}",
        )
        for i in range(THREADS)
    ]

    def award(i: int):
        return services.hold_reserve(
            budget=budget,
            hold=holds[i],
            amount_cents=AMOUNT,
            actor=treasurer,
            memo=f"award {i}",
        )

    outcomes = in_parallel(award, THREADS)
    booked = [o for o in outcomes if isinstance(o, LedgerTransaction)]
    refused = [o for o in outcomes if isinstance(o, services.InsufficientFunds)]
    assert len(booked) == AFFORDABLE
    assert len(refused) == THREADS - AFFORDABLE, [o for o in outcomes if o not in booked + refused]
    budget.refresh_from_db()
    assert budget.balance_cents == 0
    assert ledger_verify(fund=budget.fund) == []


def test_the_same_idempotency_key_from_many_requests_books_once(budget, treasurer):
    hold = services.owned_account(
        fund=budget.fund,
        kind=AccountKind.HOLD,
        owner_kind="test.voucher",
        owner_id=1,
        name="Voucher 1",
    )

    def award(i: int):
        return services.hold_reserve(
            budget=budget,
            hold=hold,
            amount_cents=AMOUNT,
            actor=treasurer,
            memo="retry",
            idempotency_key="award-voucher-1",
        )

    outcomes = in_parallel(award, THREADS)
    assert all(isinstance(o, LedgerTransaction) for o in outcomes), outcomes
    assert len({o.pk for o in outcomes}) == 1
    hold.refresh_from_db()
    assert hold.balance_cents == AMOUNT
    assert ledger_verify(fund=budget.fund) == []
