"""Removing all agreements of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import Agreement


@transaction.atomic
def agreements_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete agreements with their parties, signatures, periods, reports and disputes. Run
    it before the funds are purged: an agreement points to its ledger accounts."""
    Agreement.objects.filter(municipality__code__in=municipality_codes).delete()
