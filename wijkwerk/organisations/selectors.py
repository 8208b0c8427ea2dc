from django.db.models import QuerySet

from wijkwerk.areas.models import Municipality

from .models import Organisation


def organisation_list(*, municipality: Municipality | None = None) -> QuerySet[Organisation]:
    qs = Organisation.objects.select_related("parent", "municipality")
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.order_by("name")
