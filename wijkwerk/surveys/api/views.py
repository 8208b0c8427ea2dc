"""Surveys through the API: published surveys with their questions are public; results
once the survey is finished (its staff see them from the first answer), always with the
five-respondent floor, and open answers only for its staff. Staff start surveys (from the
standard burgerpeiling in one step) and make invitation codes, whose only copy in clear is
the response. Answering is not offered here: the web form handles it, with its rate limit.

Writes go input serializer → service → output serializer; the services check permissions
and raise Django's ValidationError, which wijkwerk.core.api turns into a 400 with field
errors.
"""

from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.core.api import FIELD_ERRORS, NOT_ALLOWED, validated

from .. import selectors, services
from ..models import Question, Survey
from ..results import survey_results
from .serializers import (
    SurveyCodesInputSerializer,
    SurveyCodesSerializer,
    SurveyCreateInputSerializer,
    SurveyFilterSerializer,
    SurveyResultsSerializer,
    SurveySerializer,
)

_REFUSED = {
    400: FIELD_ERRORS,
    403: NOT_ALLOWED,
}
_MISSING = OpenApiResponse(description="No such survey, or a draft and you are not its staff")
ID_PATTERN = "[0-9]{1,18}"


def _with_questions(surveys: list[Survey]) -> list[Survey]:
    questions = Question.objects.order_by("position").prefetch_related("options")
    prefetch_related_objects(surveys, Prefetch("questions", queryset=questions))
    return surveys


class SurveyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Surveys (burgerpeiling): public to read once published; started and given codes by
    their staff."""

    serializer_class = SurveySerializer
    lookup_value_regex = ID_PATTERN
    pagination_class = None

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated(), StaffMFARequired()]

    def get_queryset(self):
        return Survey.objects.none()  # reads go through the selectors

    def get_object(self) -> Survey:
        return selectors.survey_get(pk=int(self.kwargs["pk"]), user=self.request.user)

    @extend_schema(
        parameters=[SurveyFilterSerializer],
        responses={200: SurveySerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Published surveys (and the drafts you manage), newest first; filter by
        municipality or by area."""
        params = validated(SurveyFilterSerializer, request.query_params)
        surveys = selectors.survey_list(
            user=request.user, municipality=params.get("municipality"), area=params.get("area")
        )
        return Response(SurveySerializer(_with_questions(surveys), many=True).data)

    @extend_schema(responses={200: SurveySerializer, 404: _MISSING})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One survey with its questions and the answers to choose."""
        return Response(SurveySerializer(_with_questions([self.get_object()])[0]).data)

    @extend_schema(
        request=SurveyCreateInputSerializer, responses={201: SurveySerializer, **_REFUSED}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a survey as a draft (staff of the wijk or municipality); with `template`
        its questions are copied from the shipped template, e.g. `burgerpeiling`."""
        data = dict(validated(SurveyCreateInputSerializer, request.data))
        template = data.pop("template")
        if template:
            data.pop("intro")
            survey = services.survey_create_from_template(
                actor=request.user, template=template, **data
            )
        else:
            survey = services.survey_create(actor=request.user, **data)
        return Response(
            SurveySerializer(_with_questions([survey])[0]).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        responses={
            200: SurveyResultsSerializer,
            404: OpenApiResponse(
                description="No such survey, or it is still open and you are not its staff"
            ),
        }
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        """The figures per question for everyone, per wijk, per age group and per both,
        with the five-respondent floor."""
        survey = self.get_object()
        if not selectors.results_visible(survey=survey, user=request.user):
            raise Http404
        texts = request.user.has_perm("surveys.read_open_answers", survey)
        return Response(
            SurveyResultsSerializer(survey_results(survey=survey, include_texts=texts)).data
        )

    @extend_schema(
        request=SurveyCodesInputSerializer,
        responses={201: SurveyCodesSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["post"])
    def codes(self, request: Request, pk: str | None = None) -> Response:
        """Make invitation codes (staff): for one wijk (`area`) or, empty, panel codes. The
        codes in clear are in this response only."""
        survey = self.get_object()
        data = validated(SurveyCodesInputSerializer, request.data)
        codes = services.invitation_codes_generate(survey=survey, actor=request.user, **data)
        response = Response({"codes": codes}, status=status.HTTP_201_CREATED)
        response["Cache-Control"] = "no-store"
        return response
