"""Staff work on funds: create a fund, record what partners promise and pay in, allocate
money to wijkbudgets and take unused money back. Each checks `budgets.manage_fund`."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from ..models import Account, AccountKind, Fund, FundContributor, LedgerTransaction, TransactionKind
from .accounts import paid_account, pool_account, source_account, wijkbudget_account
from .ledger import _check_amount, _log_booking, _post, check_perm


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
