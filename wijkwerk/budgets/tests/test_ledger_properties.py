"""Property-based: any sequence of bookings keeps the ledger explainable and never negative.

Hypothesis draws sequences of contributions, allocations, reservations, payments, refunds,
returns and corrections with random amounts; a booking the money does not allow must be
refused and change nothing. After every step each balance equals the sum of its entries
(and the last entry's balance), no account but a partner's source is below zero, and all
balances together are zero (money is only moved, never made).
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.budgets import services
from wijkwerk.budgets.models import Account, AccountKind, Entry, FundKind, LedgerTransaction
from wijkwerk.budgets.selectors import ledger_verify
from wijkwerk.organisations.tests.factories import OrganisationFactory

amounts = st.integers(min_value=1, max_value=50_000)
step = st.one_of(
    st.tuples(st.just("contribute"), st.integers(0, 1), amounts),
    st.tuples(st.just("allocate"), st.integers(0, 1), amounts),
    st.tuples(st.just("reserve"), st.integers(0, 2), amounts),
    st.tuples(st.just("pay"), st.integers(0, 2), amounts),
    st.tuples(st.just("refund"), st.integers(0, 2), amounts),
    st.tuples(st.just("release"), st.integers(0, 2), st.just(0)),
    st.tuples(st.just("return"), st.integers(0, 1), amounts),
    st.tuples(st.just("correct"), st.integers(0, 1000), st.just(0)),
)


def _snapshot(fund) -> dict[int, int]:
    return dict(Account.objects.filter(fund=fund).values_list("pk", "balance_cents"))


def _assert_consistent(fund) -> None:
    assert ledger_verify(fund=fund) == []
    total = Account.objects.filter(fund=fund).aggregate(s=Sum("balance_cents"))["s"] or 0
    assert total == 0
    for account in Account.objects.filter(fund=fund).exclude(kind=AccountKind.SOURCE):
        assert account.balance_cents >= 0


@pytest.mark.django_db
@settings(
    max_examples=30,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=25))
def test_random_bookings_keep_every_balance_equal_to_its_entries(
    steps, municipality, treasurer, gemeente_org
):
    with transaction.atomic():  # each example starts from nothing and leaves nothing
        fund = services.fund_create(
            municipality=municipality,
            actor=treasurer,
            name="Eigenschappen",
            kind=FundKind.WIJKBUDGET,
            year=2026,
        )
        partners = [gemeente_org, OrganisationFactory(municipality=municipality)]
        for partner in partners:
            services.fund_contributor_set(
                fund=fund, organisation=partner, actor=treasurer, promised_cents=0
            )
        wijken = [WijkFactory(municipality=municipality) for _ in range(2)]
        budgets = [services.wijkbudget_account(fund, w) for w in wijken]
        holds = [
            services.owned_account(
                fund=fund,
                kind=AccountKind.HOLD,
                owner_kind="test.voucher",
                owner_id=i,
                name=f"Voucher {i}",
            )
            for i in range(3)
        ]
        for kind, index, amount in steps:
            before = _snapshot(fund)
            entries_before = Entry.objects.filter(account__fund=fund).count()
            hold = holds[index % 3]
            budget = budgets[index % 2]
            try:
                with transaction.atomic():
                    if kind == "contribute":
                        services.contribution_record(
                            fund=fund,
                            organisation=partners[index],
                            actor=treasurer,
                            amount_cents=amount,
                        )
                    elif kind == "allocate":
                        services.allocation_record(
                            fund=fund, area=wijken[index], actor=treasurer, amount_cents=amount
                        )
                    elif kind == "reserve":
                        services.hold_reserve(
                            budget=budget,
                            hold=hold,
                            amount_cents=amount,
                            actor=treasurer,
                            memo="award",
                        )
                    elif kind == "pay":
                        services.payment_record(
                            hold=hold, amount_cents=amount, actor=treasurer, memo="receipt"
                        )
                    elif kind == "refund":
                        services.refund_record(
                            hold=hold, amount_cents=amount, actor=treasurer, memo="refund"
                        )
                    elif kind == "release":
                        services.hold_release(
                            hold=hold, budget=budget, actor=treasurer, memo="unspent"
                        )
                    elif kind == "return":
                        services.budget_return(budget=budget, actor=treasurer, amount_cents=amount)
                    else:
                        candidates = list(
                            LedgerTransaction.objects.filter(fund=fund)
                            .exclude(kind="correction")
                            .filter(reversed_by__isnull=True)
                            .order_by("pk")
                        )
                        if candidates:
                            services.transaction_reverse(
                                original=candidates[index % len(candidates)],
                                actor=treasurer,
                                reason="property test",
                            )
            except ValidationError:
                # Refused: nothing may have changed.
                assert _snapshot(fund) == before
                assert Entry.objects.filter(account__fund=fund).count() == entries_before
            _assert_consistent(fund)
        transaction.set_rollback(True)
