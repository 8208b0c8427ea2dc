"""The ledger through the API: funds, their accounts and every booking.

Funds that are public are public to read (public money; no personal data in the ledger);
the others only for those who manage the municipality's funds (`budgets.manage_fund`),
who also book contributions, allocations, returns and corrections. Writes go input
serializer → service → output serializer; the services check the permission again and
refuse overspending with a 400, leaving the ledger unchanged.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts import roles
from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.accounts.selectors import role_assignments_current
from wijkwerk.areas.models import Municipality

from .. import services
from ..models import Account, AccountKind, Fund, LedgerTransaction
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
    400: OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}"),
    403: OpenApiResponse(description="Not logged in, no role that allows this, or no TOTP yet"),
    404: OpenApiResponse(description="No such fund, or one that is not public"),
}


def _valid(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _visible(user: Any) -> Q:
    """Public funds, and every fund of the municipalities whose funds this person manages."""
    if user.is_superuser:
        return Q()
    managed = {
        a.municipality_id
        for a in role_assignments_current(user=user)
        if roles.MANAGE_FUNDS in roles.ROLE_CAPABILITIES.get(a.role, ())
    }
    return Q(is_public=True) | Q(municipality_id__in=managed)


def _require_manager(user: Any, target: Fund | Municipality) -> None:
    if not user.has_perm("budgets.manage_fund", target):
        raise PermissionDenied(_("You do not have a role that allows this for this fund."))


def _booked(txn: LedgerTransaction) -> Response:
    txn = LedgerTransaction.objects.prefetch_related("entries__account").get(pk=txn.pk)
    return Response(LedgerTransactionSerializer(txn).data, status=status.HTTP_201_CREATED)


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
        qs = Fund.objects.filter(_visible(self.request.user)).select_related("municipality")
        if self.action == "list":
            params = _valid(FundFilterSerializer, self.request.query_params)
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
        data = _valid(FundCreateSerializer, request.data)
        _require_manager(request.user, data["municipality"])
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
        data = _valid(ContributorInputSerializer, request.data)
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
        data = _valid(ContributionInputSerializer, request.data)
        return _booked(services.contribution_record(fund=fund, actor=request.user, **data))

    @extend_schema(
        request=AllocationInputSerializer,
        responses={201: LedgerTransactionSerializer, **_REFUSED},
    )
    @action(detail=True, methods=["post"])
    def allocations(self, request: Request, pk: str | None = None) -> Response:
        """Move money from the fund's pool to the budget of a wijk or village."""
        fund = self._managed_fund(pk)
        data = _valid(AllocationInputSerializer, request.data)
        return _booked(services.allocation_record(fund=fund, actor=request.user, **data))

    @extend_schema(
        request=ReturnInputSerializer, responses={201: LedgerTransactionSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def returns(self, request: Request, pk: str | None = None) -> Response:
        """Take unused money from a budget back into the fund's pool."""
        fund = self._managed_fund(pk)
        data = _valid(ReturnInputSerializer, request.data)
        budget = Account.objects.filter(
            pk=data["account"], fund=fund, kind=AccountKind.BUDGET
        ).first()
        if budget is None:
            raise serializers.ValidationError(
                {"account": [_("This fund has no budget with this id.")]}
            )
        return _booked(
            services.budget_return(
                budget=budget,
                actor=request.user,
                amount_cents=data["amount_cents"],
                memo=data["memo"],
            )
        )


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
        qs = Account.objects.filter(
            fund__in=Fund.objects.filter(_visible(self.request.user))
        ).select_related("area", "organisation")
        if self.action == "list":
            qs = qs.filter(
                fund_id=_valid(AccountFilterSerializer, self.request.query_params)["fund"]
            )
        return qs.order_by("kind", "name", "pk")

    @extend_schema(parameters=[AccountFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Every account of one fund with its balance."""
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[StatementFilterSerializer],
        responses={200: StatementSerializer, **_REFUSED},
    )
    @action(detail=True, methods=["get"])
    def entries(self, request: Request, pk: str | None = None) -> Response:
        """The account's bookings, newest first, each with the balance after it. Follow
        `next` for older lines (keyset paging: fast however long the account is)."""
        account = self.get_object()
        params = _valid(StatementFilterSerializer, request.query_params)
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
        return LedgerTransaction.objects.filter(
            fund__in=Fund.objects.filter(_visible(self.request.user))
        ).prefetch_related("entries__account")

    @extend_schema(
        request=ReverseInputSerializer, responses={201: LedgerTransactionSerializer, **_REFUSED}
    )
    @action(detail=True, methods=["post"])
    def reverse(self, request: Request, pk: str | None = None) -> Response:
        """Correct a booking with a new one that reverses every line (never an edit)."""
        original = get_object_or_404(self.get_queryset().select_related("fund"), pk=pk)
        _require_manager(request.user, original.fund)
        data = _valid(ReverseInputSerializer, request.data)
        return _booked(services.transaction_reverse(original=original, actor=request.user, **data))
