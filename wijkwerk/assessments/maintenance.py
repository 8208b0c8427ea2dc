"""Removing all self-assessments of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import Assessment


@transaction.atomic
def assessments_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete assessments with their team, scores, history and improvement actions (the
    wijkagenda items they made are the agenda's to remove)."""
    Assessment.objects.filter(municipality__code__in=municipality_codes).delete()
