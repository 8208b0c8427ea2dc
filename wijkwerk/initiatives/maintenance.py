"""Removing all initiatives of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import (
    ConvenantProject,
    Expense,
    Initiative,
    Pledge,
    ProjectCall,
    Provider,
    RuleSet,
    Voucher,
)


@transaction.atomic
def initiatives_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete initiatives, vouchers, projects, providers and spelregels (before the funds)."""
    in_scope = {"initiative__area__municipality__code__in": municipality_codes}
    Expense.objects.filter(
        voucher__initiative__area__municipality__code__in=municipality_codes
    ).delete()
    Pledge.objects.filter(**in_scope).delete()
    Voucher.objects.filter(**in_scope).delete()
    Initiative.objects.filter(area__municipality__code__in=municipality_codes).delete()
    ConvenantProject.objects.filter(call__fund__municipality__code__in=municipality_codes).delete()
    ProjectCall.objects.filter(fund__municipality__code__in=municipality_codes).delete()
    Provider.objects.filter(municipality__code__in=municipality_codes).delete()
    RuleSet.objects.filter(municipality__code__in=municipality_codes).delete()
