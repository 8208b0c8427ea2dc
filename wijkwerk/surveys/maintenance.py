"""Removing all surveys of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import Answer, Response, Survey


@transaction.atomic
def surveys_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete surveys with their questions, codes and responses."""
    Answer.objects.filter(response__survey__municipality__code__in=municipality_codes).delete()
    Response.objects.filter(survey__municipality__code__in=municipality_codes).delete()
    Survey.objects.filter(municipality__code__in=municipality_codes).delete()
