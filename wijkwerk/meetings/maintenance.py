"""Removing all bodies and meetings of municipalities: only for rebuilding the demo."""

from django.db import transaction

from .models import Body


@transaction.atomic
def meetings_purge(*, municipality_codes: tuple[str, ...]) -> None:
    """Delete bodies with their members, meetings, agenda points and action points."""
    Body.objects.filter(area__municipality__code__in=municipality_codes).delete()
