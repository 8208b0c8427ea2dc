from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets

from wijkwerk.organisations.models import Organisation

from .serializers import OrganisationSerializer


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("municipality", str, description="CBS code")])
)
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The partners of a municipality and their departments."""

    serializer_class = OrganisationSerializer

    def get_queryset(self):
        qs = Organisation.objects.select_related("municipality").order_by("name")
        municipality = self.request.query_params.get("municipality")
        if self.action == "list" and municipality:
            qs = qs.filter(municipality__code=municipality.upper())
        return qs
