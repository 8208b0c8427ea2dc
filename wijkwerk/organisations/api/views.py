"""The partners of wijkgericht werken, read-only."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from wijkwerk.organisations.models import Organisation
from wijkwerk.organisations.selectors import organisation_list

from .serializers import OrganisationFilterSerializer, OrganisationSerializer


@extend_schema_view(list=extend_schema(parameters=[OrganisationFilterSerializer]))
class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """The partners of a municipality and their departments."""

    serializer_class = OrganisationSerializer

    def get_queryset(self) -> QuerySet[Organisation]:
        if self.action != "list":
            return organisation_list()
        params = OrganisationFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return organisation_list(**params.validated_data)
