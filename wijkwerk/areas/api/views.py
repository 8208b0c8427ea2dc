"""Municipalities and their areas, read-only. Boundaries are heavy: lists leave them out."""

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.selectors import municipality_list

from .serializers import (
    AreaDetailSerializer,
    AreaFilterSerializer,
    AreaSerializer,
    MunicipalitySerializer,
)


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Municipalities (the tenants), looked up by CBS code."""

    serializer_class = MunicipalitySerializer
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Municipality]:
        return municipality_list()


@extend_schema_view(list=extend_schema(parameters=[AreaFilterSerializer]))
class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Wijken, dorpen and buurten, looked up by CBS code; the boundary is on the detail."""

    lookup_field = "code"

    @cached_property
    def filters(self) -> dict[str, Any]:
        params = AreaFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.action == "list" and not self.filters["geometry"]:
            return AreaSerializer
        return AreaDetailSerializer

    def get_queryset(self) -> QuerySet[Area]:
        qs = Area.objects.select_related("municipality", "parent").order_by("code")
        if self.action != "list":
            return qs
        if not self.filters["geometry"]:
            qs = qs.defer("geometry")
        if "municipality" in self.filters:
            qs = qs.filter(municipality=self.filters["municipality"])
        if "kind" in self.filters:
            qs = qs.filter(kind=self.filters["kind"])
        return qs
