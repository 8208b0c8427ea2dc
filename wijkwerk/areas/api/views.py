from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from wijkwerk.areas.models import Area, AreaKind, Municipality

from .serializers import AreaDetailSerializer, AreaSerializer, MunicipalitySerializer


class MunicipalityViewSet(viewsets.ReadOnlyModelViewSet):
    """Municipalities (the tenants), looked up by CBS code."""

    queryset = Municipality.objects.order_by("code")
    serializer_class = MunicipalitySerializer
    lookup_field = "code"


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("municipality", str, description="CBS code, e.g. GM0400"),
            OpenApiParameter("kind", str, enum=AreaKind.values),
        ]
    )
)
class AreaViewSet(viewsets.ReadOnlyModelViewSet):
    """Wijken, dorpen and buurten; the boundary is on the detail endpoint only."""

    lookup_field = "code"

    def get_serializer_class(self):
        return AreaDetailSerializer if self.action == "retrieve" else AreaSerializer

    def get_queryset(self) -> QuerySet[Area]:
        qs = Area.objects.select_related("municipality", "parent").order_by("code")
        if self.action == "list":
            qs = qs.defer("geometry")
            params = self.request.query_params
            if params.get("municipality"):
                qs = qs.filter(municipality__code=params["municipality"].upper())
            if params.get("kind"):
                qs = qs.filter(kind=params["kind"])
        return qs
