from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.agenda import services
from wijkwerk.agenda.models import AgendaItem, Status
from wijkwerk.agenda.selectors import agenda_item_list

from .serializers import (
    AgendaItemSerializer,
    AgendaItemStaffSerializer,
    AnswerInputSerializer,
    ProgressInputSerializer,
    ProgressSerializer,
    ProposeInputSerializer,
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("area", str, description="CBS code of the wijk, e.g. WK040001"),
            OpenApiParameter("municipality", str, description="CBS code, e.g. GM0400"),
            OpenApiParameter("year", int),
            OpenApiParameter("status", str, enum=Status.values),
            OpenApiParameter("theme", int),
        ]
    )
)
class AgendaItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The wijkagenda: public to read; residents propose, the agenda's keepers answer."""

    permission_classes = [IsAuthenticatedOrReadOnly]
    serializer_class = AgendaItemSerializer

    def get_queryset(self):
        qs = agenda_item_list().select_related("buurt", "proposed_by")
        if self.action != "list":
            return qs
        params = self.request.query_params
        if params.get("area"):
            qs = qs.filter(area__code=params["area"].upper())
        if params.get("municipality"):
            qs = qs.filter(area__municipality__code=params["municipality"].upper())
        if params.get("year", "").isdigit():
            qs = qs.filter(year=int(params["year"]))
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        if params.get("theme", "").isdigit():
            qs = qs.filter(theme_id=int(params["theme"]))
        return qs

    def _output(self, item: AgendaItem) -> dict:
        serializer = (
            AgendaItemStaffSerializer
            if self.request.user.has_perm("agenda.view_proposer", item)
            else AgendaItemSerializer
        )
        return serializer(item, context=self.get_serializer_context()).data

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._output(self.get_object()))

    @extend_schema(request=ProposeInputSerializer, responses={201: AgendaItemStaffSerializer})
    def create(self, request: Request) -> Response:
        """A logged-in resident puts an idea on the wijkagenda; it waits for an answer."""
        data = _valid(ProposeInputSerializer, request)
        item = services.agenda_item_propose(actor=request.user, **data)
        return Response(self._output(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=AnswerInputSerializer, responses={200: AgendaItemSerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        """Answer Nu, Ooit (conditions + answer_by) or Nooit (motivation)."""
        item = self.get_object()
        data = _valid(AnswerInputSerializer, request)
        item = services.agenda_item_answer(item=item, actor=request.user, **data)
        return Response(self._output(item))

    @extend_schema(request=ProgressInputSerializer, responses={201: ProgressSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request: Request, pk: str | None = None) -> Response:
        """The probleemeigenaar reports progress, optionally with a new status."""
        item = self.get_object()
        data = _valid(ProgressInputSerializer, request)
        update = services.agenda_item_report_progress(item=item, actor=request.user, **data)
        return Response(ProgressSerializer(update).data, status=status.HTTP_201_CREATED)


def _valid(serializer_class, request: Request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
