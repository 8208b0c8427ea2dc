from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from .models import Area, Municipality


def municipality_list() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name")


def wijk_list(*, municipality: Municipality) -> QuerySet[Area]:
    return municipality.areas.wijken().order_by("code")


def municipality_get(*, slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug)


def wijk_get(*, municipality_slug: str, wijk_slug: str) -> Area:
    """The wijk (or dorp) at this address, or 404."""
    return get_object_or_404(
        Area.objects.wijken().select_related("municipality"),
        municipality__slug=municipality_slug,
        slug=wijk_slug,
    )
