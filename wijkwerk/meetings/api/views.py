"""Bodies, meetings and action points through the API. Reading follows the pages: public
bodies and their meetings for everybody, closed ones for their members and staff (others get
404, as for a missing one). The secretary records action points, which go on the wijkagenda
at once or later through `convert`.

Writes go input serializer → service → output serializer; the services check permissions
and raise Django's ValidationError, which wijkwerk.core.api turns into a 400 with field
errors.
"""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.core.api import validated

from .. import selectors, services
from ..models import Body, InfoMeetingRequest, Meeting, OpenSession
from .serializers import (
    ActionPointConvertSerializer,
    ActionPointInputSerializer,
    ActionPointSerializer,
    AreaFilterSerializer,
    InfoMeetingRequestSerializer,
    MeetingBodySerializer,
    MeetingFilterSerializer,
    MeetingSerializer,
    OpenSessionSerializer,
)

_REFUSED = {
    400: OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}"),
    403: OpenApiResponse(description="Not logged in, no role that allows this, or no TOTP yet"),
}
_MISSING = OpenApiResponse(description="No such body, meeting or action point")


class MeetingBodyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    serializer_class = MeetingBodySerializer

    def get_queryset(self):
        return Body.objects.none()  # reads go through the selectors

    @extend_schema(
        parameters=[MeetingFilterSerializer],
        responses={200: MeetingBodySerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The bodies of a wijk (`area`, a CBS code) that this user may see."""
        params = validated(MeetingFilterSerializer, request.query_params)
        bodies = selectors.body_list(area=params["area"], user=request.user)
        return Response(MeetingBodySerializer(bodies, many=True, context={"request": request}).data)

    @extend_schema(responses={200: MeetingBodySerializer, 404: _MISSING})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        body = selectors.body_get(pk=int(self.kwargs["pk"]), user=request.user)
        return Response(MeetingBodySerializer(body, context={"request": request}).data)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MeetingSerializer

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated(), StaffMFARequired()]

    def get_queryset(self):
        return Meeting.objects.none()  # reads go through the selectors

    def get_object(self) -> Meeting:
        return selectors.meeting_get(pk=int(self.kwargs["pk"]), user=self.request.user)

    @extend_schema(
        parameters=[MeetingFilterSerializer],
        responses={200: MeetingSerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The meetings of a wijk (`area`) this user may see, optionally of one `year`."""
        params = validated(MeetingFilterSerializer, request.query_params)
        meetings = selectors.meeting_list(
            user=request.user, area=params["area"], year=params.get("year")
        ).prefetch_related("actions")
        return Response(MeetingSerializer(meetings, many=True).data)

    @extend_schema(responses={200: MeetingSerializer, 404: _MISSING})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One meeting with its agenda, minutes and action points."""
        return Response(MeetingSerializer(self.get_object()).data)

    @extend_schema(
        methods=["POST"],
        request=ActionPointInputSerializer,
        responses={201: ActionPointSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["post"], url_path="action-points")
    def action_points(self, request: Request, pk: str | None = None) -> Response:
        """Record an action point of a held meeting (its secretary). It goes on the wijkagenda
        with its probleemeigenaar at once (or updates `agenda_item`) unless `to_agenda` is
        false."""
        meeting = self.get_object()
        data = validated(ActionPointInputSerializer, request.data)
        made = services.action_point_add(meeting=meeting, actor=request.user, **data)
        return Response(ActionPointSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ActionPointConvertSerializer,
        responses={200: ActionPointSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"action-points/(?P<action_point>[0-9]{1,18})/convert",
        url_name="convert",
    )
    def convert(self, request: Request, pk: str | None = None, action_point: str = "") -> Response:
        """Put a recorded action point on the wijkagenda (or update `agenda_item`), once."""
        meeting = self.get_object()
        found = meeting.actions.filter(pk=int(action_point)).first()
        if found is None:
            raise Http404
        data = validated(ActionPointConvertSerializer, request.data)
        done = services.action_point_to_agenda(action=found, actor=request.user, **data)
        return Response(ActionPointSerializer(done).data)


class OpenSessionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Werkateliers and snelkooksessies: public, with their places; who signed up is not
    part of the API."""

    permission_classes = [AllowAny]
    serializer_class = OpenSessionSerializer

    def get_queryset(self):
        return OpenSession.objects.none()  # reads go through the selectors

    @extend_schema(
        parameters=[AreaFilterSerializer],
        responses={200: OpenSessionSerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The coming open sessions of a wijk (`area`)."""
        params = validated(AreaFilterSerializer, request.query_params)
        return Response(
            OpenSessionSerializer(selectors.session_list(area=params["area"]), many=True).data
        )


class InfoMeetingRequestViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Residents' requests for an information meeting and their answers, without who asked."""

    permission_classes = [AllowAny]
    serializer_class = InfoMeetingRequestSerializer

    def get_queryset(self):
        return InfoMeetingRequest.objects.none()  # reads go through the selectors

    @extend_schema(
        parameters=[AreaFilterSerializer],
        responses={200: InfoMeetingRequestSerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The requests of a wijk (`area`), newest first."""
        params = validated(AreaFilterSerializer, request.query_params)
        found = selectors.info_request_list(area=params["area"])
        return Response(InfoMeetingRequestSerializer(found, many=True).data)
