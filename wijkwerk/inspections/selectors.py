"""Reading wijkschouwen. Schouwen, routes, scores and findings are public: the public space
they describe is, and residents may want to join a planned one. Who walks along (names)
and the photos are not: see `rules.py`. Missing answers 404."""

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from wijkwerk.areas.models import Area, Municipality

from .models import Finding, Inspection


def inspection_list(
    *, user: Any = None, municipality: Municipality | None = None, area: Area | None = None
) -> QuerySet[Inspection]:
    """Schouwen, the coming and latest first."""
    qs = Inspection.objects.select_related("municipality", "area")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if area is not None:
        qs = qs.filter(area=area.wijk)
    return qs.order_by("-starts_at", "-id")


def inspection_get(*, pk: int, user: Any = None, municipality: Municipality | None = None):
    qs = Inspection.objects.select_related("municipality", "area")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return get_object_or_404(qs, pk=pk)


def finding_list(*, inspection: Inspection) -> QuerySet[Finding]:
    return Finding.objects.filter(inspection=inspection).select_related(
        "score__stop", "inspection__municipality", "inspection__area"
    )
