import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction

from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.budgets import services
from wijkwerk.budgets.models import (
    Account,
    AccountKind,
    Entry,
    FundKind,
    LedgerTransaction,
    TransactionKind,
)
from wijkwerk.budgets.money import euros_to_cents, format_euros
from wijkwerk.budgets.selectors import account_statement, fund_overview, ledger_verify
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def corporatie(municipality):
    return OrganisationFactory(municipality=municipality, name="Woningstichting", kind="corporatie")


@pytest.fixture
def fund(municipality, treasurer, gemeente_org, corporatie):
    fund = services.fund_create(
        municipality=municipality,
        actor=treasurer,
        name="Convenant",
        kind=FundKind.CONVENANT,
        year=2026,
    )
    services.fund_contributor_set(
        fund=fund, organisation=gemeente_org, actor=treasurer, promised_cents=27_750_000
    )
    services.fund_contributor_set(
        fund=fund, organisation=corporatie, actor=treasurer, promised_cents=27_750_000
    )
    return fund


def test_contributions_and_allocations_move_money_and_keep_the_ledger_balanced(
    fund, treasurer, gemeente_org, corporatie, wijk
):
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=100_000
    )
    services.contribution_record(
        fund=fund, organisation=corporatie, actor=treasurer, amount_cents=50_000
    )
    services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=120_000)

    overview = fund_overview(fund=fund)
    assert overview.contributed_cents == 150_000
    assert overview.pool_cents == 30_000
    assert overview.budgets_cents == 120_000
    assert overview.shares == {"Gemeente Den Helder": 66.7, "Woningstichting": 33.3}
    assert ledger_verify(fund=fund) == []


def test_an_allocation_above_the_pool_is_refused_and_books_nothing(
    fund, treasurer, gemeente_org, wijk
):
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=10_000
    )
    before = Entry.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=10_001)
    assert "100,00" in str(excinfo.value.message_dict["amount"])
    assert Entry.objects.count() == before
    assert services.pool_account(fund).balance_cents == 10_000


def test_each_entry_carries_the_balance_after_it(fund, treasurer, gemeente_org, wijk):
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=5_000
    )
    services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=2_000)
    services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=1_000)
    lines = account_statement(account=services.pool_account(fund))
    assert [(e.amount_cents, e.balance_after_cents) for e in lines] == [
        (-1_000, 2_000),
        (-2_000, 3_000),
        (5_000, 5_000),
    ]


def test_a_correction_reverses_a_booking_without_touching_it(fund, treasurer, gemeente_org, wijk):
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=5_000
    )
    wrong = services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=4_000)
    correction = services.transaction_reverse(original=wrong, actor=treasurer, reason="typo")
    assert correction.kind == TransactionKind.CORRECTION
    assert correction.reverses == wrong
    assert services.wijkbudget_account(fund, wijk).balance_cents == 0
    assert services.pool_account(fund).balance_cents == 5_000
    assert wrong.entries.count() == 2
    with pytest.raises(ValidationError):
        services.transaction_reverse(original=wrong, actor=treasurer, reason="again")
    assert AuditEvent.objects.filter(action="budgets.correction", reason="typo").exists()


def test_a_correction_that_would_overspend_is_refused(fund, treasurer, gemeente_org, wijk):
    contribution = services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=5_000
    )
    services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=5_000)
    with pytest.raises(ValidationError):
        services.transaction_reverse(original=contribution, actor=treasurer, reason="mistake")
    assert ledger_verify(fund=fund) == []


def test_ledger_rows_cannot_be_changed_in_the_database(fund, treasurer, gemeente_org):
    txn = services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=5_000
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Entry.objects.filter(transaction=txn).update(amount_cents=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerTransaction.objects.filter(pk=txn.pk).update(memo="changed")


def test_the_same_idempotency_key_books_once(fund, treasurer, gemeente_org):
    first = services.contribution_record(
        fund=fund,
        organisation=gemeente_org,
        actor=treasurer,
        amount_cents=700,
        idempotency_key="k1",
    )
    again = services.contribution_record(
        fund=fund,
        organisation=gemeente_org,
        actor=treasurer,
        amount_cents=700,
        idempotency_key="k1",
    )
    assert first.pk == again.pk
    assert services.pool_account(fund).balance_cents == 700


def test_someone_without_the_role_cannot_book(fund, wijkmanager, gemeente_org, wijk):
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            fund=fund, organisation=gemeente_org, actor=wijkmanager, amount_cents=700
        )
    assert not LedgerTransaction.objects.exists()


def test_wijkbudgets_only_go_to_wijken_of_the_fund_municipality(fund, treasurer, gemeente_org):
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=700
    )
    with pytest.raises(ValidationError):
        services.allocation_record(fund=fund, area=WijkFactory(), actor=treasurer, amount_cents=100)
    assert not Account.objects.filter(kind=AccountKind.BUDGET).exists()


def test_reservations_payments_refunds_and_returns_add_up(fund, treasurer, gemeente_org, wijk):
    services.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=10_000
    )
    services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=10_000)
    budget = services.wijkbudget_account(fund, wijk)
    hold = services.owned_account(
        fund=fund, kind=AccountKind.HOLD, owner_kind="test.voucher", owner_id=1, name="Voucher 1"
    )
    services.hold_reserve(budget=budget, hold=hold, amount_cents=6_000, actor=treasurer, memo="a")
    services.payment_record(hold=hold, amount_cents=2_500, actor=treasurer, memo="receipt")
    services.refund_record(hold=hold, amount_cents=500, actor=treasurer, memo="returned")
    with pytest.raises(ValidationError):
        services.payment_record(hold=hold, amount_cents=4_001, actor=treasurer, memo="too much")
    services.hold_release(hold=hold, budget=budget, actor=treasurer, memo="unspent")
    budget.refresh_from_db()
    hold.refresh_from_db()
    assert hold.balance_cents == 0
    assert budget.balance_cents == 10_000 - 2_000
    assert services.paid_account(fund).balance_cents == 2_000
    assert ledger_verify(fund=fund) == []


@pytest.mark.parametrize(
    ("text", "cents"), [("250", 25_000), ("99.50", 9_950), ("0.01", 1), ("1 000", 100_000)]
)
def test_euro_amounts_convert_exactly(text, cents):
    assert euros_to_cents(text) == cents


@pytest.mark.parametrize("text", ["1.001", "-5", "abc", "NaN", "Infinity"])
def test_bad_euro_amounts_are_refused_with_a_message(text):
    with pytest.raises(ValidationError):
        euros_to_cents(text)


def test_amounts_are_shown_the_dutch_way():
    assert format_euros(123_450) == "€\u00a01.234,50"
