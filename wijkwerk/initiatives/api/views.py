"""Bewonersinitiatieven through the API, with the web's permission names.

Public initiatives are public to read; drafts are seen by their participants and by those
who handle or decide on initiatives in the wijk, and anyone else gets a 404, as if the draft
did not exist. Writes go input serializer → service → output serializer. The permission of
an action is checked on the initiative before its input; the services check it again and
raise Django's ValidationError, which wijkwerk.core.api turns into a 400 with field errors
(renamed here where the API names a field differently, such as `amount_cents`).
"""

from functools import cached_property
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkwerk.accounts.api.permissions import HasRulesPermission, StaffMFARequired
from wijkwerk.budgets.selectors import fund_overview
from wijkwerk.core.api import api_field_names
from wijkwerk.initiatives import services
from wijkwerk.initiatives.models import Initiative, Pledge, ProjectCall, RuleSet, Voucher
from wijkwerk.initiatives.selectors import initiative_get, initiative_list, project_ranking

from .serializers import (
    AccountInputSerializer,
    ActieInputSerializer,
    ActieSerializer,
    AwardInputSerializer,
    ChecklistAnswerSerializer,
    ChecklistInputSerializer,
    CloseInputSerializer,
    ExpenseInputSerializer,
    ExpenseSerializer,
    InitiativeAreasInputSerializer,
    InitiativeCreateInputSerializer,
    InitiativeDetailSerializer,
    InitiativeFilterSerializer,
    InitiativeSerializer,
    InitiativeUpdateInputSerializer,
    ParticipantInputSerializer,
    ParticipantSerializer,
    PledgeInputSerializer,
    PledgeSerializer,
    RankingFilterSerializer,
    RankingSerializer,
    ReasonInputSerializer,
    RedeemInputSerializer,
    RejectInputSerializer,
    ReviewVoteSerializer,
    RuleSetFilterSerializer,
    RuleSetInputSerializer,
    RuleSetMunicipalitySerializer,
    RuleSetSerializer,
    VoteInputSerializer,
)

_REFUSED = {
    400: OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}"),
    403: OpenApiResponse(description="Not logged in, no role that allows this, or no TOTP yet"),
}
_REFUSED_ON_ONE = {
    **_REFUSED,
    404: OpenApiResponse(description="No such initiative, or a draft you may not see"),
}

# The services name a few fields as the web forms do; the API names amounts `*_cents`.
_AMOUNT = {"amount": "amount_cents"}
_DRAFT = {"requested": "requested_cents", "own_contribution": "own_contribution_cents"}
_RULES = {
    "max_amount": "max_amount_cents",
    "max_per_year": "max_per_year_cents",
    "quick_max": "quick_max_cents",
}


def _valid(serializer_class: type[serializers.Serializer], request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class HasAnyRulesPermission(HasRulesPermission):
    """HasRulesPermission where an action may also name several permissions, any one of
    which suffices (as in the services: the lead initiator or the contact official)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        perms = _perms(view)
        if not perms:
            return True
        if not request.user.is_authenticated:
            return False
        return getattr(view, "detail", False) or any(request.user.has_perm(p) for p in perms)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        perms = _perms(view)
        return not perms or any(request.user.has_perm(p, obj) for p in perms)


def _perms(view: APIView) -> tuple[str, ...]:
    perm = getattr(view, "rules_permissions", {}).get(getattr(view, "action", None), ())
    return (perm,) if isinstance(perm, str) else tuple(perm)


def _fresh(pk: int) -> Initiative:
    """The initiative as it is now, after a service changed it."""
    return Initiative.objects.select_related(
        "area__municipality", "buurt", "ruleset", "voucher__hold", "created_by"
    ).get(pk=pk)


@extend_schema_view(
    list=extend_schema(
        parameters=[InitiativeFilterSerializer],
        description=(
            "The wijk's initiatives you may see: public ones, your own drafts, and all of "
            "them if you handle or decide on initiatives in the wijk. Lists never carry "
            "personal data or voucher codes: open an initiative for those."
        ),
    ),
    retrieve=extend_schema(
        responses={200: InitiativeDetailSerializer, 404: _REFUSED_ON_ONE[404]},
        description=(
            "One initiative. Participants, creator and voucher code are filled in only "
            "for those with initiatives.view_personal_data on it (its initiators, the "
            "contact official, handlers in the wijk); for anyone else they are null."
        ),
    ),
)
class InitiativeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Bewonersinitiatieven: drafted and submitted by residents, decided under the
    municipality's spelregels, paid through a voucher and accounted for."""

    serializer_class = InitiativeSerializer
    rules_permissions: ClassVar[dict[str, str | tuple[str, ...]]] = {
        "create": "initiatives.submit",
        "partial_update": "initiatives.edit",
        "participants": ("initiatives.edit", "initiatives.handle"),
        "submit": "initiatives.edit",
        "withdraw": "initiatives.edit",
        "checklist": "initiatives.decide",
        "votes": "initiatives.decide",
        "award": "initiatives.decide",
        "reject": "initiatives.decide",
        "expenses": "initiatives.spend",
        "account": "initiatives.spend",
        "close": "initiatives.handle",
        "areas": "initiatives.handle",
        "pledges": "initiatives.pledge",
        "actie": "initiatives.handle",
    }

    def get_permissions(self) -> list[BasePermission]:
        if self.action in self.rules_permissions:
            return [StaffMFARequired(), HasAnyRulesPermission()]
        return [AllowAny()]

    @cached_property
    def filters(self) -> dict[str, Any]:
        params = InitiativeFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data

    def get_queryset(self) -> QuerySet[Initiative]:
        if getattr(self, "swagger_fake_view", False):
            return Initiative.objects.none()
        return initiative_list(
            area=self.filters["area"],
            user=self.request.user,
            status=self.filters.get("status", ""),
            across=True,
        ).select_related("area", "ruleset", "voucher__hold")

    def get_object(self) -> Initiative:
        """The initiative if this person may see it (404 otherwise), after the action's
        permission, so that nobody without it learns anything from validating the input."""
        pk = str(self.kwargs["pk"])
        found = (
            pk.isascii()
            and pk.isdigit()
            and Initiative.objects.filter(pk=pk).select_related("area").first()
        )
        if not found:
            raise Http404
        initiative = initiative_get(pk=found.pk, area=found.area, user=self.request.user)
        self.check_object_permissions(self.request, initiative)
        return initiative

    def _detail(self, initiative: Initiative) -> dict[str, Any]:
        show = self.request.user.has_perm("initiatives.view_personal_data", initiative)
        context = {**self.get_serializer_context(), "show_personal_data": show}
        return InitiativeDetailSerializer(initiative, context=context).data

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self._detail(self.get_object()))

    @extend_schema(
        request=InitiativeCreateInputSerializer,
        responses={201: InitiativeDetailSerializer, **_REFUSED},
    )
    def create(self, request: Request) -> Response:
        """A logged-in resident starts a draft and becomes its lead initiator."""
        data = _valid(InitiativeCreateInputSerializer, request)
        with api_field_names(_DRAFT):
            initiative = services.initiative_create(actor=request.user, **data)
        return Response(self._detail(_fresh(initiative.pk)), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=InitiativeUpdateInputSerializer,
        responses={200: InitiativeDetailSerializer, **_REFUSED_ON_ONE},
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """The lead initiator changes a draft; only the fields sent change."""
        initiative = self.get_object()
        serializer = InitiativeUpdateInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        with api_field_names(_DRAFT):
            services.initiative_update(
                initiative=initiative, actor=request.user, **serializer.validated_data
            )
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request=ParticipantInputSerializer,
        responses={201: ParticipantSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def participants(self, request: Request, pk: str | None = None) -> Response:
        """The lead initiator or the contact official adds a co-initiator or helper."""
        initiative = self.get_object()
        data = _valid(ParticipantInputSerializer, request)
        participant = services.participant_add(initiative=initiative, actor=request.user, **data)
        return Response(ParticipantSerializer(participant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            200: InitiativeDetailSerializer,
            **_REFUSED_ON_ONE,
            400: OpenApiResponse(
                description=(
                    "The spelregels that are not met, by rule: max_amount, min_initiators, "
                    "own_contribution, max_per_year, complete; or title for a duplicate"
                )
            ),
        },
    )
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit the draft: every spelregel a machine can check must pass."""
        initiative = services.initiative_submit(initiative=self.get_object(), actor=request.user)
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: InitiativeDetailSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """The lead initiator withdraws the initiative before the decision."""
        initiative = self.get_object()
        data = _valid(ReasonInputSerializer, request)
        services.initiative_withdraw(initiative=initiative, actor=request.user, **data)
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request=ChecklistInputSerializer,
        responses={200: ChecklistAnswerSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def checklist(self, request: Request, pk: str | None = None) -> Response:
        """The deciding body judges one point of the spelregels (again, if need be)."""
        initiative = self.get_object()
        data = _valid(ChecklistInputSerializer, request)
        answer = services.checklist_answer(initiative=initiative, actor=request.user, **data)
        return Response(ChecklistAnswerSerializer(answer).data)

    @extend_schema(
        request=VoteInputSerializer, responses={200: ReviewVoteSerializer, **_REFUSED_ON_ONE}
    )
    @action(detail=True, methods=["post"])
    def votes(self, request: Request, pk: str | None = None) -> Response:
        """A member of the deciding body records (or changes) their judgement."""
        initiative = self.get_object()
        data = _valid(VoteInputSerializer, request)
        vote = services.review_vote_record(initiative=initiative, actor=request.user, **data)
        return Response(ReviewVoteSerializer(vote).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=(
                    "Mark a retry: when the initiative has already been awarded by you, the "
                    "existing award comes back (200) instead of an error. An initiative is "
                    "never awarded, nor its money reserved, twice."
                ),
            )
        ],
        request=AwardInputSerializer,
        responses={
            201: InitiativeDetailSerializer,
            200: OpenApiResponse(
                InitiativeDetailSerializer, description="A retry of your earlier award"
            ),
            **_REFUSED_ON_ONE,
        },
    )
    @action(detail=True, methods=["post"])
    def award(self, request: Request, pk: str | None = None) -> Response:
        """Award the initiative: issue a voucher and reserve its money on the wijkbudget."""
        initiative = self.get_object()
        data = _valid(AwardInputSerializer, request)
        voucher = Voucher.objects.filter(initiative=initiative).first()
        if voucher is not None:
            retry = request.headers.get("Idempotency-Key") and (
                initiative.decided_by_id == request.user.pk
            )
            if retry:
                return Response(self._detail(_fresh(initiative.pk)))
            raise DjangoValidationError(
                _("This initiative has already been awarded; its voucher was issued on %(date)s.")
                % {"date": date_format(voucher.issued_at.date())}
            )
        with api_field_names(_AMOUNT):
            services.initiative_award(initiative=initiative, actor=request.user, **data)
        return Response(self._detail(_fresh(initiative.pk)), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=InitiativeAreasInputSerializer,
        responses={200: InitiativeDetailSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def areas(self, request: Request, pk: str | None = None) -> Response:
        """Change the other wijken or buurten the initiative also concerns (handlers)."""
        initiative = self.get_object()
        data = _valid(InitiativeAreasInputSerializer, request)
        services.initiative_set_other_areas(initiative=initiative, actor=request.user, **data)
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request=RejectInputSerializer,
        responses={200: InitiativeDetailSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """Turn the initiative down, with a published reason."""
        initiative = self.get_object()
        data = _valid(RejectInputSerializer, request)
        services.initiative_reject(initiative=initiative, actor=request.user, **data)
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request={"multipart/form-data": ExpenseInputSerializer},
        responses={201: ExpenseSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def expenses(self, request: Request, pk: str | None = None) -> Response:
        """The initiators record what they spent from the voucher, with the receipt."""
        initiative = self.get_object()
        data = _valid(ExpenseInputSerializer, request)
        with api_field_names(_AMOUNT):
            expense = services.expense_record(initiative=initiative, actor=request.user, **data)
        return Response(ExpenseSerializer(expense).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AccountInputSerializer,
        responses={200: InitiativeDetailSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def account(self, request: Request, pk: str | None = None) -> Response:
        """The initiators account for what they did."""
        initiative = self.get_object()
        data = _valid(AccountInputSerializer, request)
        services.initiative_account(
            initiative=initiative,
            actor=request.user,
            report=data["report"],
            participants_count=data["participants_count"],
        )
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request=CloseInputSerializer,
        responses={200: InitiativeDetailSerializer, **_REFUSED_ON_ONE},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """The contact official approves the accounting (what is left goes back to the
        budget) or sends it back with a note."""
        initiative = self.get_object()
        data = _valid(CloseInputSerializer, request)
        services.initiative_close(initiative=initiative, actor=request.user, **data)
        return Response(self._detail(_fresh(initiative.pk)))

    @extend_schema(
        request=PledgeInputSerializer, responses={201: PledgeSerializer, **_REFUSED_ON_ONE}
    )
    @action(detail=True, methods=["post"])
    def pledges(self, request: Request, pk: str | None = None) -> Response:
        """A partner offers money, materials, hours or a place (initiatievenbeurs)."""
        initiative = self.get_object()
        data = _valid(PledgeInputSerializer, request)
        with api_field_names({**_AMOUNT, "initiative": "non_field_errors"}):
            pledge = services.pledge_offer(initiative=initiative, actor=request.user, **data)
        return Response(PledgeSerializer(pledge).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ActieInputSerializer, responses={200: ActieSerializer, **_REFUSED_ON_ONE}
    )
    @action(detail=True, methods=["post"])
    def actie(self, request: Request, pk: str | None = None) -> Response:
        """The contact official scores the initiative with the ACTIE lens."""
        initiative = self.get_object()
        data = _valid(ActieInputSerializer, request)
        assessment = services.actie_assess(initiative=initiative, actor=request.user, **data)
        return Response(ActieSerializer(assessment).data)


class PledgeViewSet(viewsets.GenericViewSet):
    """Offers of partners to initiatives."""

    queryset = Pledge.objects.select_related("initiative__area", "organisation")
    serializer_class = PledgeSerializer
    permission_classes = [IsAuthenticated, StaffMFARequired]

    @extend_schema(
        request=None,
        responses={
            200: PledgeSerializer,
            **_REFUSED,
            404: OpenApiResponse(description="No such offer"),
        },
    )
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        """The initiators confirm they received what was offered; money is booked onto
        the voucher."""
        pledge = services.pledge_confirm(pledge=self.get_object(), actor=request.user)
        return Response(PledgeSerializer(pledge).data)


@extend_schema_view(
    list=extend_schema(
        parameters=[RuleSetFilterSerializer],
        description="Every version of a municipality's spelregels, the newest first.",
    )
)
class RuleSetViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The spelregels: public to read; a change is published as a new version."""

    serializer_class = RuleSetSerializer

    def get_permissions(self) -> list[BasePermission]:
        if self.action == "create":
            return [IsAuthenticated(), StaffMFARequired()]
        return [AllowAny()]

    def get_queryset(self) -> QuerySet[RuleSet]:
        if getattr(self, "swagger_fake_view", False):
            return RuleSet.objects.none()
        params = RuleSetFilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return (
            RuleSet.objects.filter(municipality=params.validated_data["municipality"])
            .select_related("municipality")
            .order_by("-version")
        )

    @extend_schema(request=RuleSetInputSerializer, responses={201: RuleSetSerializer, **_REFUSED})
    def create(self, request: Request) -> Response:
        """A functioneel beheerder publishes a new version; earlier initiatives keep theirs."""
        municipality = _valid(RuleSetMunicipalitySerializer, request)["municipality"]
        if not request.user.has_perm("initiatives.manage_rules", municipality):
            raise PermissionDenied(
                _("You do not have a role that allows this for this initiative.")
            )
        data = _valid(RuleSetInputSerializer, request)
        data["excluded"] = "\n".join(data["excluded"])
        data["checklist"] = "\n".join(data["checklist"])
        with api_field_names(_RULES):
            ruleset = services.ruleset_publish(actor=request.user, **data)
        return Response(RuleSetSerializer(ruleset).data, status=status.HTTP_201_CREATED)


class ProjectCallViewSet(viewsets.GenericViewSet):
    """Calls for convenant projects; their ranking is the stuurgroep's working tool."""

    queryset = ProjectCall.objects.select_related("fund__municipality")
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[RankingFilterSerializer],
        responses={
            200: RankingSerializer,
            **_REFUSED,
            404: OpenApiResponse(description="No such call"),
        },
    )
    @action(detail=True, methods=["get"])
    def ranking(self, request: Request, pk: str | None = None) -> Response:
        """Submitted projects by weighted score (resident participation weighs in), with the
        running total of their requests and whether each still fits in the budget. For
        those who rank projects in the municipality (initiatives.rank_projects)."""
        call = self.get_object()
        if not request.user.has_perm("initiatives.rank_projects", call.fund.municipality):
            raise PermissionDenied(_("You do not have a role that allows this for this fund."))
        params = RankingFilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        budget = params.validated_data.get("budget_cents")
        if budget is None:  # what the fund has not allocated yet, as the selector assumes
            budget = fund_overview(fund=call.fund).pool_cents
        ranking = {
            "call": call.pk,
            "title": call.title,
            "budget_cents": budget,
            "projects": project_ranking(call=call, budget_cents=budget),
        }
        return Response(RankingSerializer(ranking).data)


class VoucherViewSet(viewsets.GenericViewSet):
    """Vouchers, as local providers use them."""

    permission_classes = [IsAuthenticated, StaffMFARequired]

    @extend_schema(request=RedeemInputSerializer, responses={201: ExpenseSerializer, **_REFUSED})
    @action(detail=False, methods=["post"])
    def redeem(self, request: Request) -> Response:
        """Staff of a registered provider take payment from a voucher by its code."""
        data = _valid(RedeemInputSerializer, request)
        with api_field_names(_AMOUNT):
            expense = services.voucher_redeem(actor=request.user, **data)
        return Response(ExpenseSerializer(expense).data, status=status.HTTP_201_CREATED)
