"""The ledger through the API: funds, their accounts and every booking.

Funds that are public are public to read (public money; no personal data in the ledger),
except their reservations (HOLD accounts, one per awarded initiative or project): those,
and funds that are not public, only for those with `budgets.manage_fund` in the
municipality, who also book contributions, allocations, returns and corrections. In a
booking shown to anyone else, a reservation's line keeps its amount but not which account
it is. Writes go input serializer → service → output serializer; the services check the
permission again and refuse overspending with a 400, leaving the ledger unchanged.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.areas.models import Municipality
from wijkwerk.core.api import FIELD_ERRORS, NOT_ALLOWED, api_field_names, validated

from .. import services
from ..models import Account, AccountKind, Fund, LedgerTransaction, TransactionKind
from ..selectors import account_statement, fund_overview
from .serializers import (
    AccountFilterSerializer,
    AllocationInputSerializer,
    ContributionInputSerializer,
    ContributorInputSerializer,
    FundCreateSerializer,
    FundDetailSerializer,
    FundFilterSerializer,
    FundSerializer,
    LedgerAccountSerializer,
    LedgerTransactionSerializer,
    ReturnInputSerializer,
    ReverseInputSerializer,
    StatementFilterSerializer,
    StatementSerializer,
)

_REFUSED = {
    400: FIELD_ERRORS,
    403: NOT_ALLOWED,
    404: OpenApiResponse(description="No such fund, or one that is not public"),
}


# The services name amounts as the web forms do; the API names them `*_cents`.
_AMOUNT = {"amount": "amount_cents", "promised": "promised_cents"}


def _managed(user: Any) -> set[int]:
    """Ids of the municipalities (with funds) where this person has budgets.manage_fund."""
    candidates = Municipality.objects.filter(pk__in=Fund.objects.values("municipality"))
    return {m.pk for m in candidates if user.has_perm("budgets.manage_fund", m)}


def _visible(managed: set[int]) -> Q:
    """Public funds, and every fund of the municipalities whose funds this person manages."""
    return Q(is_public=True) | Q(municipality_id__in=managed)


def _readable_accounts(managed: set[int]) -> QuerySet[Account]:
    """Accounts of the funds one may see, without the reservations of funds one does not
    manage."""
    return Account.objects.filter(fund__in=Fund.objects.filter(_visible(managed))).filter(
        ~Q(kind=AccountKind.HOLD) | Q(fund__municipality_id__in=managed)
    )


def _require_manager(user: Any, target: Fund | Municipality) -> None:
    if not user.has_perm("budgets.manage_fund", target):
        raise PermissionDenied(_("You do not have a role that allows this for this fund."))


def _booked(txn: LedgerTransaction) -> Response:
    """The booking as the manager who made it sees it: every line with its account."""
    txn = LedgerTransaction.objects.prefetch_related("entries__account").get(pk=txn.pk)
    data = LedgerTransactionSerializer(txn, context={"show_reservations": True}).data
    return Response(data, status=status.HTTP_201_CREATED)


def _same_booking(txn: LedgerTransaction, *, fund: Fund, kind: str, amount_cents: int) -> None:
    """With a key used before the service hands back that first booking unchanged. Refuse
    it when it was not this booking (another fund, kind or amount): the key was reused by
    mistake, and the other booking is none of this request's business."""
    moved = sum(e.amount_cents for e in txn.entries.all() if e.amount_cents > 0)
    if txn.fund_id != fund.pk or txn.kind != kind or moved != amount_cents:
        raise DjangoValidationError(
            {"idempotency_key": [_("This key was already used for another booking.")]}
        )


def _book(
    book: Callable[..., LedgerTransaction],
    *,
    fund: Fund,
    kind: str,
    idempotency_key: str | None = None,
    **data: Any,
) -> Response:
    with api_field_names(_AMOUNT):
        txn = book(fund=fund, idempotency_key=idempotency_key, **data)
    if idempotency_key:
        _same_booking(txn, fund=fund, kind=kind, amount_cents=data["amount_cents"])
    return _booked(txn)


def _writes(view: viewsets.GenericViewSet) -> list[BasePermission]:
    if view.request.method in ("GET", "HEAD", "OPTIONS"):
        return [AllowAny()]
    return [IsAuthenticated(), StaffMFARequired()]


class FundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Funds: who put in what, and where the money is now."""

    def get_permissions(self) -> list[BasePermission]:
        return _writes(self)

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return FundDetailSerializer if self.action == "retrieve" else FundSerializer

    def get_queryset(self) -> QuerySet[Fund]:
        if getattr(self, "swagger_fake_view", False):
            return Fund.objects.none()
        qs = Fund.objects.filter(_visible(_managed(self.request.user)))
        qs = qs.select_related("municipality")
        if self.action == "list":
            params = validated(FundFilterSerializer, self.request.query_params)
            if params.get("municipality"):
                qs = qs.filter(municipality=params["municipality"])
        return qs.order_by("-year", "name", "pk")

    @extend_schema(parameters=[FundFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Funds, newest year first (public ones, plus those you manage)."""
        return super().list(request, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fund = self.get_object()
        fund.overview = fund_overview(fund=fund)
        return Response(FundDetailSerializer(fund).data)

    @extend_schema(request=FundCreateSerializer, responses={201: FundSerializer, **_REFUSED})
    def create(self, request: Request) -> Response:
        data = validated(FundCreateSerializer, request.data)
        _require_manager(request.user, data["municipality"])
        with api_field_names(_AMOUNT):
            fund = services.fund_create(actor=request.user, **data)
        return Response(FundSerializer(fund).data, status=status.HTTP_201_CREATED)

    def _managed_fund(self, pk: str | None) -> Fund:
        fund = self.get_object()
        _require_manager(self.request.user, fund)
        return fund

    @extend_schema(
        request=ContributorInputSerializer, responses={200: FundDetailSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def contributors(self, request: Request, pk: str | None = None) -> Response:
        """Name a partner of the fund with the amount it promised (or change that amount)."""
        fund = self._managed_fund(pk)
        data = validated(ContributorInputSerializer, request.data)
        with api_field_names(_AMOUNT):
            services.fund_contributor_set(
                fund=fund,
                actor=request.user,
                organisation=data["organisation"],
                promised_cents=data["promised_cents"],
                note=data["note"],
            )
        fund.overview = fund_overview(fund=fund)
        return Response(FundDetailSerializer(fund).data)

    @extend_schema(
        request=ContributionInputSerializer,
        responses={201: LedgerTransactionSerializer, **_REFUSED},
    )
    @action(detail=True, methods=["post"])
    def contributions(self, request: Request, pk: str | None = None) -> Response:
        """Book money a partner paid into the fund."""
        fund = self._managed_fund(pk)
        data = validated(ContributionInputSerializer, request.data)
        return _book(
            services.contribution_record,
            fund=fund,
            kind=TransactionKind.CONTRIBUTION,
            actor=request.user,
            **data,
        )

    @extend_schema(
        request=AllocationInputSerializer,
        responses={201: LedgerTransactionSerializer, **_REFUSED},
    )
    @action(detail=True, methods=["post"])
    def allocations(self, request: Request, pk: str | None = None) -> Response:
        """Move money from the fund's pool to the budget of a wijk or village."""
        fund = self._managed_fund(pk)
        data = validated(AllocationInputSerializer, request.data)
        return _book(
            services.allocation_record,
            fund=fund,
            kind=TransactionKind.ALLOCATION,
            actor=request.user,
            **data,
        )

    @extend_schema(
        request=ReturnInputSerializer, responses={201: LedgerTransactionSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def returns(self, request: Request, pk: str | None = None) -> Response:
        """Take unused money from a budget back into the fund's pool."""
        fund = self._managed_fund(pk)
        data = validated(ReturnInputSerializer, request.data)
        budget = Account.objects.filter(
            pk=data["account"], fund=fund, kind=AccountKind.BUDGET
        ).first()
        if budget is None:
            raise serializers.ValidationError(
                {"account": [_("This fund has no budget with this id.")]}
            )
        with api_field_names(_AMOUNT):
            txn = services.budget_return(
                budget=budget,
                actor=request.user,
                amount_cents=data["amount_cents"],
                memo=data["memo"],
            )
        return _booked(txn)


class LedgerAccountViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The accounts of a fund with their balances, and each balance explained."""

    serializer_class = LedgerAccountSerializer
    permission_classes = [AllowAny]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Account]:
        if getattr(self, "swagger_fake_view", False):
            return Account.objects.none()
        managed = _managed(self.request.user)
        qs = _readable_accounts(managed).select_related("area", "organisation")
        if self.action == "list":
            fund_id = validated(AccountFilterSerializer, self.request.query_params)["fund"]
            if not Fund.objects.filter(_visible(managed), pk=fund_id).exists():
                raise serializers.ValidationError(
                    {"fund": [_("There is no fund with id %(id)s.") % {"id": fund_id}]}
                )
            qs = qs.filter(fund_id=fund_id)
        return qs.order_by("kind", "name", "pk")

    @extend_schema(
        parameters=[AccountFilterSerializer],
        responses={
            200: LedgerAccountSerializer(many=True),
            400: OpenApiResponse(description="No fund given, or no such fund (or not public)"),
        },
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Every account of one fund with its balance; reservations only for the fund's
        managers."""
        return super().list(request, *args, **kwargs)

    @extend_schema(
        responses={
            200: LedgerAccountSerializer,
            404: OpenApiResponse(
                description="No such account, or one of a fund that is not public, or a "
                "reservation in a fund you do not manage"
            ),
        }
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One account with its balance."""
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        parameters=[StatementFilterSerializer],
        responses={
            200: StatementSerializer,
            400: _REFUSED[400],
            404: OpenApiResponse(description="No such account that you may see"),
        },
    )
    @action(detail=True, methods=["get"])
    def entries(self, request: Request, pk: str | None = None) -> Response:
        """The account's bookings, newest first, each with the balance after it. Follow
        `next` for older lines (keyset paging: fast however long the account is)."""
        account = self.get_object()
        params = validated(StatementFilterSerializer, request.query_params)
        limit = params["limit"]
        lines = account_statement(account=account, before_id=params.get("before"), limit=limit + 1)
        more = len(lines) > limit
        lines = lines[:limit]
        next_url = None
        if more:
            next_url = request.build_absolute_uri(
                f"{request.path}?before={lines[-1].pk}&limit={limit}"
            )
        return Response(StatementSerializer({"next": next_url, "results": lines}).data)


class LedgerTransactionViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """One booking with its lines; a manager corrects it with a reversing booking."""

    serializer_class = LedgerTransactionSerializer

    def get_permissions(self) -> list[BasePermission]:
        return _writes(self)

    def get_queryset(self) -> QuerySet[LedgerTransaction]:
        if getattr(self, "swagger_fake_view", False):
            return LedgerTransaction.objects.none()
        return (
            LedgerTransaction.objects.filter(
                fund__in=Fund.objects.filter(_visible(_managed(self.request.user)))
            )
            .select_related("fund__municipality")
            .prefetch_related("entries__account")
        )

    @extend_schema(
        responses={
            200: LedgerTransactionSerializer,
            404: OpenApiResponse(
                description="No such booking, or one of a fund that is not public"
            ),
        }
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One booking with its lines. Lines on a reservation show which account only to
        those who manage the fund; to anyone else `account`, `account_name` and
        `balance_after_cents` are null there."""
        txn = self.get_object()
        show = request.user.has_perm("budgets.manage_fund", txn.fund)
        context = {**self.get_serializer_context(), "show_reservations": show}
        return Response(LedgerTransactionSerializer(txn, context=context).data)

    @extend_schema(
        request=ReverseInputSerializer, responses={201: LedgerTransactionSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def reverse(self, request: Request, pk: str | None = None) -> Response:
        """Correct a booking with a new one that reverses every line (never an edit)."""
        original = self.get_object()
        _require_manager(request.user, original.fund)
        data = validated(ReverseInputSerializer, request.data)
        # A correction that would take an account below zero is refused as a whole.
        with api_field_names({"amount": "non_field_errors"}):
            txn = services.transaction_reverse(original=original, actor=request.user, **data)
        return _booked(txn)
