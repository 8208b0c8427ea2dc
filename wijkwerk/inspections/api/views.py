"""Wijkschouwen through the API: schouwen with their route, scores and findings are public;
participants' names only for the schouw's staff. Those who walk it (staff and participants
with an account) post scores; its staff hand findings on.

Writes go input serializer → service → output serializer; the services check permissions
and raise Django's ValidationError, which wijkwerk.core.api turns into a 400 with field
errors. Photos are taken by the web page only.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.core.api import FIELD_ERRORS, NOT_ALLOWED, validated

from .. import selectors, services
from ..models import Finding, Inspection, Participant, Score, Stop
from .serializers import (
    InspectionConvertInputSerializer,
    InspectionFilterSerializer,
    InspectionFindingSerializer,
    InspectionScoreInputSerializer,
    InspectionScoreSerializer,
    InspectionSerializer,
)

_REFUSED = {
    400: FIELD_ERRORS,
    403: NOT_ALLOWED,
}
_MISSING = OpenApiResponse(description="No such schouw or finding")
ID_PATTERN = "[0-9]{1,18}"


def _with_route(qs):
    return qs.prefetch_related(
        Prefetch("stops", queryset=Stop.objects.order_by("position")),
        Prefetch("participants", queryset=Participant.objects.select_related("user")),
    )


class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Wijkschouwen: public to read; scored by those who walk them; findings handed on by
    their staff."""

    serializer_class = InspectionSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = None

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated(), StaffMFARequired()]

    def get_queryset(self):
        return Inspection.objects.none()  # reads go through the selectors

    def get_object(self) -> Inspection:
        return selectors.inspection_get(pk=int(self.kwargs["pk"]))

    @extend_schema(
        parameters=[InspectionFilterSerializer],
        responses={200: InspectionSerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Schouwen, latest first; filter by municipality or wijk."""
        params = validated(InspectionFilterSerializer, request.query_params)
        qs = selectors.inspection_list(
            municipality=params.get("municipality"), area=params.get("area")
        )
        return Response(
            InspectionSerializer(_with_route(qs), many=True, context={"request": request}).data
        )

    @extend_schema(responses={200: InspectionSerializer, 404: _MISSING})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One schouw with its route (and, for its staff, its participants)."""
        inspection = _with_route(Inspection.objects.filter(pk=self.get_object().pk)).get()
        return Response(InspectionSerializer(inspection, context={"request": request}).data)

    @extend_schema(
        methods=["GET"], responses={200: InspectionScoreSerializer(many=True), 404: _MISSING}
    )
    @extend_schema(
        methods=["POST"],
        request=InspectionScoreInputSerializer,
        responses={201: InspectionScoreSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["get", "post"])
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """GET: the scores per stop. POST: score one kind of object at a stop (those who walk
        the schouw); below the agreed level it is a finding, with `note` saying what is wrong
        and the point (`lat`, `lon`) where the schouw requires one."""
        inspection = self.get_object()
        if request.method == "GET":
            scores = Score.objects.filter(stop__inspection=inspection).order_by(
                "stop__position", "object_type"
            )
            return Response(InspectionScoreSerializer(scores, many=True).data)
        data = dict(validated(InspectionScoreInputSerializer, request.data))
        stop = Stop.objects.filter(pk=data.pop("stop")).first()
        if stop is None:
            raise ValidationError({"stop": [_("This stop belongs to another schouw.")]})
        score = services.score_record(inspection=inspection, stop=stop, actor=request.user, **data)
        return Response(InspectionScoreSerializer(score).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: InspectionFindingSerializer(many=True), 404: _MISSING})
    @action(detail=True, methods=["get"])
    def findings(self, request: Request, pk: str | None = None) -> Response:
        """The findings (scores below the agreed level) and what each became."""
        inspection = self.get_object()
        return Response(
            InspectionFindingSerializer(
                selectors.finding_list(inspection=inspection), many=True
            ).data
        )

    @extend_schema(
        request=InspectionConvertInputSerializer,
        responses={200: InspectionFindingSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"findings/(?P<finding>[0-9]{1,18})/convert",
        url_name="convert",
    )
    def convert(self, request: Request, pk: str | None = None, finding: str = "") -> Response:
        """Hand a finding on, once: `to` is `reports.report` (a melding) or
        `agenda.agendaitem` (a wijkagenda item, agreed at once with an `owner_organisation`)."""
        inspection = self.get_object()
        found = Finding.objects.filter(inspection=inspection, pk=int(finding)).first()
        if found is None:
            raise Http404
        data = validated(InspectionConvertInputSerializer, request.data)
        done = services.finding_convert(finding=found, actor=request.user, **data)
        return Response(InspectionFindingSerializer(done).data)
