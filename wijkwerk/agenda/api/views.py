"""The wijkagenda through the API, with the web's permission names.

Public to read. Writes go input serializer → service → output serializer; the services
check the permission again and raise Django's ValidationError, which wijkwerk.core.api
turns into a 400 with field errors.
"""

from functools import cached_property
from typing import Any, ClassVar

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import HasRulesPermission, StaffMFARequired
from wijkwerk.agenda import services
from wijkwerk.agenda.models import AgendaItem
from wijkwerk.agenda.selectors import agenda_item_list

from .serializers import (
    AgendaAreasInputSerializer,
    AgendaItemDetailSerializer,
    AgendaItemFilterSerializer,
    AgendaItemSerializer,
    AnswerInputSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
    ProposeInputSerializer,
)

_REFUSED = {
    400: OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}"),
    403: OpenApiResponse(description="Not logged in, no role that allows this, or no TOTP yet"),
}


@extend_schema_view(list=extend_schema(parameters=[AgendaItemFilterSerializer]))
class AgendaItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The wijkagenda: public to read; residents propose, the agenda's keepers answer."""

    rules_permissions: ClassVar[dict[str, str]] = {
        "create": "agenda.propose_item",
        "answer": "agenda.answer_item",
        "progress": "agenda.report_progress",
        "areas": "agenda.change_item",
    }

    def get_permissions(self) -> list[BasePermission]:
        if self.action in self.rules_permissions:
            return [StaffMFARequired(), HasRulesPermission()]
        return [AllowAny()]

    @cached_property
    def filters(self) -> dict[str, Any]:
        params = AgendaItemFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    def get_queryset(self) -> QuerySet[AgendaItem]:
        if self.action == "list":
            return agenda_item_list(**self.filters).select_related("buurt")
        return agenda_item_list().select_related("buurt", "proposed_by")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return AgendaItemSerializer if self.action == "list" else AgendaItemDetailSerializer

    def _detail(self, item: AgendaItem) -> dict[str, Any]:
        show_proposer = self.request.user.has_perm("agenda.view_proposer", item)
        context = {**self.get_serializer_context(), "show_proposer": show_proposer}
        return AgendaItemDetailSerializer(item, context=context).data

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self._detail(self.get_object()))

    @extend_schema(
        request=ProposeInputSerializer, responses={201: AgendaItemDetailSerializer, **_REFUSED}
    )
    def create(self, request: Request) -> Response:
        """A logged-in resident puts an idea on the wijkagenda; it waits for an answer."""
        data = _valid(ProposeInputSerializer, request)
        item = services.agenda_item_propose(actor=request.user, **data)
        return Response(self._detail(item), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AnswerInputSerializer, responses={200: AgendaItemDetailSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """Answer Nu, Ooit (with conditions and answer_by) or Nooit (with a motivation)."""
        item = self.get_object()
        data = _valid(AnswerInputSerializer, request)
        item = services.agenda_item_answer(item=item, actor=request.user, **data)
        return Response(self._detail(item))

    @extend_schema(
        request=AgendaAreasInputSerializer, responses={200: AgendaItemDetailSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def areas(self, request: Request, pk: str | None = None) -> Response:
        """Say which other wijken or buurten of the municipality the item also concerns
        (topics across borders); it then shows on their pages too. Replaces the list."""
        item = self.get_object()
        data = _valid(AgendaAreasInputSerializer, request)
        item = services.agenda_item_edit(
            item=item, actor=request.user, other_areas=data["other_areas"], reason=data["reason"]
        )
        return Response(self._detail(item))

    @extend_schema(request=ProgressInputSerializer, responses={201: ProgressSerializer, **_REFUSED})
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        """The probleemeigenaar reports progress, optionally with a new status."""
        item = self.get_object()
        data = _valid(ProgressInputSerializer, request)
        update = services.agenda_item_report_progress(item=item, actor=request.user, **data)
        return Response(ProgressSerializer(update).data, status=status.HTTP_201_CREATED)


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
