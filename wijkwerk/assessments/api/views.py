"""Self-assessment through the API: the shipped instruments are public; assessments, their
scores and profiles only for their team and staff (others get 404, as for a missing one);
the comparison shows the section averages of consenting municipalities only.

Scores are written as the web page writes them: only the points changed, each with the
version it was read at; a stale version refuses the whole save (400, nothing saved).
Writes go input serializer → service → output serializer.
"""

from typing import Any

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.core.api import FIELD_ERRORS, validated

from .. import selectors, services
from ..models import Instrument, Point, Score, Section, TeamMember
from ..profiles import assessment_profile
from ..services import ScoreEntry
from .serializers import (
    AssessmentComparisonFilterSerializer,
    AssessmentComparisonSerializer,
    AssessmentInstrumentSerializer,
    AssessmentProfileSerializer,
    AssessmentScoreSerializer,
    AssessmentScoresInputSerializer,
    AssessmentSerializer,
)

_REFUSED = {
    400: FIELD_ERRORS,
    403: OpenApiResponse(description="Not logged in, not on the team, or no TOTP yet"),
}
_MISSING = OpenApiResponse(description="No such assessment, or you are not on its team or staff")
ID_PATTERN = "[0-9]{1,18}"


def _instruments():
    sections = Section.objects.order_by("position").prefetch_related(
        Prefetch("points", queryset=Point.objects.order_by("number"))
    )
    return Instrument.objects.prefetch_related(Prefetch("sections", queryset=sections))


class AssessmentInstrumentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The self-assessment instruments that ship with Wijkwerk, every version (public)."""

    serializer_class = AssessmentInstrumentSerializer
    permission_classes = [AllowAny]
    lookup_value_regex = ID_PATTERN
    pagination_class = None

    def get_queryset(self):
        return _instruments().order_by("key", "version")


class AssessmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Self-assessments, for their team and staff."""

    serializer_class = AssessmentSerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = None

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [IsAuthenticated()]
        return [IsAuthenticated(), StaffMFARequired()]

    def get_queryset(self):
        return TeamMember.objects.none()  # reads go through the selectors

    def get_object(self):
        return selectors.assessment_get(pk=int(self.kwargs["pk"]), user=self.request.user)

    @extend_schema(responses={200: AssessmentSerializer(many=True), 403: _REFUSED[403]})
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The assessments you are on the team or staff of, newest first."""
        found = selectors.assessment_list(user=request.user)
        return Response(AssessmentSerializer(found, many=True).data)

    @extend_schema(responses={200: AssessmentSerializer, 404: _MISSING})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(AssessmentSerializer(self.get_object()).data)

    @extend_schema(
        methods=["GET"], responses={200: AssessmentScoreSerializer(many=True), 404: _MISSING}
    )
    @extend_schema(
        methods=["POST"],
        request=AssessmentScoresInputSerializer,
        responses={200: AssessmentScoreSerializer(many=True), **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["get", "post"])
    def scores(self, request: Request, pk: str | None = None) -> Response:
        """GET: every scored point with its note and version. POST: save the points you
        changed (team only), each with the `version` you read it at; all or nothing. Returns
        the scores that changed."""
        assessment = self.get_object()
        if request.method == "POST":
            data = validated(AssessmentScoresInputSerializer, request.data)
            services.scores_save(
                assessment=assessment,
                actor=request.user,
                entries=[ScoreEntry(**entry) for entry in data["scores"]],
            )
        scores = Score.objects.filter(assessment=assessment).select_related("point", "updated_by")
        return Response(AssessmentScoreSerializer(scores.order_by("point__number"), many=True).data)

    @extend_schema(responses={200: AssessmentProfileSerializer, 404: _MISSING})
    @action(detail=True, methods=["get"])
    def profile(self, request: Request, pk: str | None = None) -> Response:
        """Average and spread per section (valkuilen turned round) and the weakest points."""
        profile = assessment_profile(assessment=self.get_object())
        return Response(AssessmentProfileSerializer(profile).data)


class AssessmentComparisonViewSet(viewsets.GenericViewSet):
    """Shared profiles of an instrument: per consenting municipality its latest completed
    assessment's section averages (public; never notes, scores per point or names)."""

    permission_classes = [AllowAny]
    serializer_class = AssessmentComparisonSerializer
    pagination_class = None

    def get_queryset(self):
        return Instrument.objects.none()

    @extend_schema(
        parameters=[AssessmentComparisonFilterSerializer],
        responses={200: AssessmentComparisonSerializer(many=True), 404: _MISSING},
    )
    def list(self, request: Request) -> Response:
        key = validated(AssessmentComparisonFilterSerializer, request.query_params)["instrument"]
        instrument = selectors.instrument_get(key=key)
        titles = {s.key: s.title for s in selectors.comparison_sections(instrument)}
        columns = selectors.between_municipalities(instrument_key=key)
        return Response(
            AssessmentComparisonSerializer(columns, many=True, context={"titles": titles}).data
        )
