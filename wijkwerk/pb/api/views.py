"""Budget rounds through the API: rounds, their proposals and results, and the round as a
pabulib file.

Rounds and their proposals are public, with the partners' review; who proposed a project is
personal data, filled in only for those with `pb.view_personal_data` (and the proposer).
Withdrawn proposals are for the round's staff only; to anyone else they answer 404, as if
they did not exist. The results answer 404 until they are published, except to those with
`pb.tally_round`, who see the stored tally before they publish it. Residents propose
projects while the round takes proposals; partners with `pb.review_proposal` review them;
staff with `pb.tally_round` count the votes and publish the results (which reserves the
winners' money on the ledger). Voting is not offered here: the web form handles it.

Writes go input serializer → service → output serializer. The permission is checked before
the input; the services check it again and raise Django's ValidationError, which
wijkwerk.core.api turns into a 400 with field errors (renamed where the API names a field
differently, such as `cost_cents`).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.core.api import FIELD_ERRORS, NOT_ALLOWED, api_field_names, validated

from .. import selectors, selectors_api, services
from ..models import Proposal, Round, TallyResult
from .serializers import (
    PbProposalInputSerializer,
    PbProposalSerializer,
    PbReasonInputSerializer,
    PbResultSerializer,
    PbReviewInputSerializer,
    PbRoundFilterSerializer,
    PbRoundSerializer,
)

_REFUSED = {
    400: FIELD_ERRORS,
    403: NOT_ALLOWED,
    404: OpenApiResponse(description="No such budget round"),
}
_NO_PROPOSAL = OpenApiResponse(
    description="No such proposal, or a withdrawn one and you are not staff of its round"
)
# Ids in paths: digits that fit a 64-bit key (a longer number would overflow the query).
ID_PATTERN = "[0-9]{1,18}"
# The services name the cost as the web form does; the API names amounts `*_cents`.
_COST = {"cost": "cost_cents"}


def _require(user: Any, perm: str, obj: Round | Proposal) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this budget round."))


def _writes(view: viewsets.GenericViewSet) -> list[BasePermission]:
    if view.request.method in ("GET", "HEAD", "OPTIONS"):
        return [AllowAny()]
    return [IsAuthenticated(), StaffMFARequired()]


def _proposals_data(proposals: list[Proposal], user: Any) -> Any:
    """The proposals, each with its proposer if this user may see who that was."""
    proposers = {p.pk: selectors.proposal_proposer(proposal=p, user=user) for p in proposals}
    return PbProposalSerializer(proposals, many=True, context={"proposers": proposers}).data


def _result_data(result: TallyResult) -> Any:
    lines = list(selectors.result_lines(result=result))
    return PbResultSerializer(result, context={"lines": lines}).data


class PabulibRenderer(renderers.BaseRenderer):
    """The .pb export as UTF-8 text; an error (a 404) as its message."""

    media_type = "text/plain"
    format = "pb"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context=None):
        if isinstance(data, str):
            return data.encode(self.charset)
        if isinstance(data, dict) and "detail" in data:
            return str(data["detail"]).encode(self.charset)
        return str(data).encode(self.charset)


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Budget rounds: public to read; proposals, review, tally and publication by role."""

    serializer_class = PbRoundSerializer
    lookup_value_regex = ID_PATTERN

    def get_permissions(self) -> list[BasePermission]:
        return _writes(self)

    def get_renderers(self) -> list[renderers.BaseRenderer]:
        if getattr(self, "action", None) == "export":
            return [PabulibRenderer()]
        return super().get_renderers()

    def get_queryset(self) -> QuerySet[Round]:
        if getattr(self, "swagger_fake_view", False):
            return Round.objects.none()
        if self.action == "list":
            params = validated(PbRoundFilterSerializer, self.request.query_params)
            return selectors_api.round_list_all(
                municipality=params.get("municipality"), area=params.get("area")
            )
        return Round.objects.select_related("municipality", "area", "budget__fund")

    @extend_schema(
        parameters=[PbRoundFilterSerializer],
        responses={200: PbRoundSerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Budget rounds, the latest vote first; filter by municipality or by area."""
        return super().list(request, *args, **kwargs)

    @extend_schema(responses={200: PbRoundSerializer, 404: _REFUSED[404]})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One budget round: its phase and dates, the ballot and how the votes are counted."""
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        methods=["GET"],
        responses={200: PbProposalSerializer(many=True), 404: _REFUSED[404]},
        description=(
            "The round's proposals with their review, oldest first; withdrawn ones only for "
            "the round's staff. `proposer` is null unless you may see the round's personal "
            "data, or proposed the project yourself."
        ),
    )
    @extend_schema(
        methods=["POST"],
        request=PbProposalInputSerializer,
        responses={201: PbProposalSerializer, **_REFUSED},
        description=(
            "Propose a project (logged in, while the round takes proposals). Partners then "
            "check whether it is feasible and what it costs."
        ),
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def proposals(self, request: Request, pk: str | None = None) -> Response:
        pb_round = self.get_object()
        if request.method == "POST":
            data = validated(PbProposalInputSerializer, request.data)
            proposal = services.proposal_submit(round=pb_round, actor=request.user, **data)
            return Response(
                _proposals_data([proposal], request.user)[0], status=status.HTTP_201_CREATED
            )
        proposals = list(
            selectors.proposal_list(round=pb_round, user=request.user).select_related(
                "submitted_by"
            )
        )
        for proposal in proposals:
            proposal.round = pb_round  # one round for every permission check
        return Response(_proposals_data(proposals, request.user))

    @extend_schema(
        responses={
            200: PbResultSerializer,
            404: OpenApiResponse(
                description="No such round, or its results are not published (staff with "
                "pb.tally_round see the stored tally before that)"
            ),
        }
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        """The tally: which projects were selected, in which order, and why the others were
        not. Public once published."""
        pb_round = self.get_object()
        result = selectors.result_get(round=pb_round, user=request.user)
        if result is None:
            raise NotFound
        return Response(_result_data(result))

    @extend_schema(request=PbReasonInputSerializer, responses={201: PbResultSerializer, **_REFUSED})
    @action(detail=True, methods=["post"])
    def tally(self, request: Request, pk: str | None = None) -> Response:
        """Count the votes with the round's rule after the close (staff with pb.tally_round).
        Until the results are published this may be done again; it replaces the stored
        tally."""
        pb_round = self.get_object()
        _require(request.user, "pb.tally_round", pb_round)
        data = validated(PbReasonInputSerializer, request.data)
        result = services.round_tally(round=pb_round, actor=request.user, reason=data["reason"])
        return Response(_result_data(result), status=status.HTTP_201_CREATED)

    @extend_schema(request=PbReasonInputSerializer, responses={200: PbResultSerializer, **_REFUSED})
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: str | None = None) -> Response:
        """Publish the stored tally and reserve each selected project's cost on the round's
        budget, all or nothing (staff with pb.tally_round)."""
        pb_round = self.get_object()
        _require(request.user, "pb.tally_round", pb_round)
        data = validated(PbReasonInputSerializer, request.data)
        published = services.round_results_publish(
            round=pb_round, actor=request.user, reason=data["reason"]
        )
        return Response(_result_data(published.result))

    @extend_schema(
        operation_id="pb_rounds_export_pb",
        responses={
            (200, "text/plain"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="The round in pabulib's .pb format (UTF-8), as an attachment",
            ),
            (404, "text/plain"): OpenApiResponse(
                response=OpenApiTypes.STR,
                description="No such round, or its results are not published",
            ),
        },
    )
    def export(self, request: Request, pk: str | None = None) -> Response:
        """The round with its published results as a pabulib file (http://pabulib.org): the
        projects on the ballot with their cost, votes and a `selected` column, and every
        ballot under its random id. No personal data: nothing in it leads to a voter."""
        pb_round = self.get_object()
        text = selectors_api.round_pabulib(round=pb_round)
        filename = f"{pb_round.municipality.slug}-{pb_round.pk}.pb"
        return Response(
            text,
            content_type="text/plain; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )


class ProposalViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One proposal; partners review it."""

    serializer_class = PbProposalSerializer
    lookup_value_regex = ID_PATTERN

    def get_permissions(self) -> list[BasePermission]:
        return _writes(self)

    def get_object(self) -> Proposal:
        return selectors_api.proposal_get(pk=int(self.kwargs["pk"]), user=self.request.user)

    def get_queryset(self) -> QuerySet[Proposal]:
        return Proposal.objects.none()  # get_object reads through the selector

    @extend_schema(responses={200: PbProposalSerializer, 404: _NO_PROPOSAL})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One proposal with its review; `proposer` as in the round's list."""
        return Response(_proposals_data([self.get_object()], request.user)[0])

    @extend_schema(
        request=PbReviewInputSerializer,
        responses={200: PbProposalSerializer, **_REFUSED, 404: _NO_PROPOSAL},
    )
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Judge a proposal feasible with its estimated cost, or not feasible with a public
        reason (partners and staff with pb.review_proposal, until voting opens). Only
        feasible proposals go on the ballot."""
        proposal = self.get_object()
        _require(request.user, "pb.review_proposal", proposal)
        data = validated(PbReviewInputSerializer, request.data)
        with api_field_names(_COST):
            proposal = services.proposal_review(proposal=proposal, actor=request.user, **data)
        return Response(_proposals_data([proposal], request.user)[0])
