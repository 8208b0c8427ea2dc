"""Permissions of the budgets app: managing funds is a municipality-wide capability."""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Municipality

from .models import Account, Fund, LedgerTransaction


def _municipality(obj) -> Municipality | None:
    if isinstance(obj, Municipality):
        return obj
    if isinstance(obj, Fund):
        return obj.municipality
    if isinstance(obj, Account | LedgerTransaction):
        return obj.fund.municipality
    return None


@rules.predicate
def can_manage_funds(user, obj=None) -> bool:
    municipality = _municipality(obj)
    return municipality is not None and has_capability(
        user, roles.MANAGE_FUNDS, municipality=municipality
    )


rules.add_perm("budgets.manage_fund", can_manage_funds)
