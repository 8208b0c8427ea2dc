"""The accounts of a fund: its pool, what is paid out, a partner's source, a wijk's budget and
the budgets and reservations held for objects of the apps above (a round, a voucher)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area
from wijkwerk.organisations.models import Organisation

from ..models import Account, AccountKind, Fund


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
