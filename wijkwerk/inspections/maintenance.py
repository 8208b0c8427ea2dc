"""Removing all schouwen of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import Inspection, QualityAgreement


@transaction.atomic
def inspections_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete schouwen with their route, participants, scores and findings, and the levels
    agreed in their wijken."""
    Inspection.objects.filter(municipality__code__in=municipality_codes).delete()
    QualityAgreement.objects.filter(area__municipality__code__in=municipality_codes).delete()
