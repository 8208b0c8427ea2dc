"""Agreements through the API, with the pages' permissions: agreements in force and closed
ones for everybody, drafts for the staff of their wijk and their parties (others get 404, as
for a missing one). The wijk's staff draft, change, send out and close; each party signs and
disputes for itself; the owner reports and responds.

Writes go input serializer → service → output serializer; the services check permissions
and raise Django's ValidationError, which wijkwerk.core.api turns into a 400 with field
errors.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.core.api import validated

from .. import selectors, services
from ..models import Agreement, Dispute, ProgressReport
from ..services import PartyInput
from .serializers import (
    AgreementCreateSerializer,
    AgreementDisputeSerializer,
    AgreementFilterSerializer,
    AgreementSerializer,
    AgreementUpdateSerializer,
    DisputeInputSerializer,
    DisputeResponseSerializer,
    EvaluationSerializer,
    ProgressReportSerializer,
    ReasonSerializer,
    ReportInputSerializer,
    SignInputSerializer,
)

_REFUSED = {
    400: OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}"),
    403: OpenApiResponse(description="Not logged in, no role that allows this, or no TOTP yet"),
}
_MISSING = OpenApiResponse(description="No such agreement, report or dispute")


def _parties(data: dict[str, Any]) -> list[PartyInput]:
    return [PartyInput(**p) for p in data.pop("parties")]


class AgreementViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = AgreementSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_permissions(self) -> list[BasePermission]:
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [AllowAny()]
        return [IsAuthenticated(), StaffMFARequired()]

    def get_queryset(self):
        return Agreement.objects.none()  # reads go through the selectors

    def get_object(self) -> Agreement:
        return selectors.agreement_get(pk=int(self.kwargs["pk"]), user=self.request.user)

    def _out(self, agreement: Agreement, code: int = status.HTTP_200_OK) -> Response:
        fresh = selectors.agreement_get(pk=agreement.pk, user=self.request.user)
        return Response(AgreementSerializer(fresh).data, status=code)

    @extend_schema(
        parameters=[AgreementFilterSerializer],
        responses={200: AgreementSerializer(many=True), 400: _REFUSED[400]},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The agreements of a municipality this user may see, optionally of one `year`."""
        params = validated(AgreementFilterSerializer, request.query_params)
        agreements = selectors.agreement_list(
            user=request.user,
            municipality=params["municipality"],
            year=params.get("year"),
            status=params.get("status"),
        ).prefetch_related(
            "parties__organisation",
            "parties__signatures",
            "periods__report__disputes__organisation",
            "agenda_items",
            "goals",
        )
        return Response(AgreementSerializer(agreements, many=True).data)

    @extend_schema(responses={200: AgreementSerializer, 404: _MISSING})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One agreement with its parties, signatures, periods, reports and disputes."""
        return Response(AgreementSerializer(self.get_object()).data)

    @extend_schema(
        request=AgreementCreateSerializer, responses={201: AgreementSerializer, **_REFUSED}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Draw up a draft agreement (the wijk's staff: `manage_agreements`)."""
        data = dict(validated(AgreementCreateSerializer, request.data))
        parties = _parties(data)
        made = services.agreement_create(actor=request.user, parties=parties, **data)
        return self._out(made, status.HTTP_201_CREATED)

    @extend_schema(
        request=AgreementUpdateSerializer,
        responses={200: AgreementSerializer, **_REFUSED, 404: _MISSING},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a draft or a proposal out for signing; signatures given so far are voided."""
        agreement = self.get_object()
        data = dict(validated(AgreementUpdateSerializer, request.data))
        parties = _parties(data)
        services.agreement_update(agreement=agreement, actor=request.user, parties=parties, **data)
        return self._out(agreement)

    @extend_schema(request=None, responses={200: AgreementSerializer, **_REFUSED, 404: _MISSING})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Send the draft to the parties to sign."""
        return self._out(services.agreement_submit(agreement=self.get_object(), actor=request.user))

    @extend_schema(
        request=ReasonSerializer, responses={200: AgreementSerializer, **_REFUSED, 404: _MISSING}
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        """Take a proposal back to draft (signatures are voided)."""
        data = validated(ReasonSerializer, request.data)
        return self._out(
            services.agreement_withdraw(
                agreement=self.get_object(), actor=request.user, reason=data["reason"]
            )
        )

    @extend_schema(
        request=SignInputSerializer,
        responses={200: AgreementSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["post"])
    def sign(self, request: Request, pk: str | None = None) -> Response:
        """Sign the current version on behalf of a party you act for."""
        agreement = self.get_object()
        data = validated(SignInputSerializer, request.data)
        party = agreement.parties.filter(organisation=data["organisation"]).first()
        if party is None:
            raise ValidationError(
                {"organisation": [_("This organisation is not a party to this agreement.")]}
            )
        services.agreement_sign(
            agreement=agreement, party=party, actor=request.user, remark=data["remark"]
        )
        return self._out(agreement)

    @extend_schema(
        request=EvaluationSerializer,
        responses={200: AgreementSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close an agreement in force with its evaluation."""
        data = validated(EvaluationSerializer, request.data)
        return self._out(
            services.agreement_close(
                agreement=self.get_object(), actor=request.user, evaluation=data["evaluation"]
            )
        )

    @extend_schema(
        request={
            "application/json": ReportInputSerializer,
            "multipart/form-data": ReportInputSerializer,
        },
        responses={201: ProgressReportSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(detail=True, methods=["post"])
    def reports(self, request: Request, pk: str | None = None) -> Response:
        """Report a period (the owner): the indicator's value, what was done, evidence."""
        agreement = self.get_object()
        data = dict(validated(ReportInputSerializer, request.data))
        report = services.report_submit(agreement=agreement, actor=request.user, **data)
        return Response(ProgressReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DisputeInputSerializer,
        responses={201: AgreementDisputeSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"reports/(?P<report>[0-9]{1,18})/disputes",
        url_name="dispute",
    )
    def dispute(self, request: Request, pk: str | None = None, report: str = "") -> Response:
        """Dispute a report on behalf of a party other than the owner, with a reason."""
        agreement = self.get_object()
        found = ProgressReport.objects.filter(period__agreement=agreement, pk=int(report)).first()
        if found is None:
            raise Http404
        data = validated(DisputeInputSerializer, request.data)
        made = services.dispute_raise(report=found, actor=request.user, **data)
        return Response(AgreementDisputeSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=DisputeResponseSerializer,
        responses={200: AgreementDisputeSerializer, **_REFUSED, 404: _MISSING},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"disputes/(?P<dispute>[0-9]{1,18})/response",
        url_name="respond",
    )
    def respond(self, request: Request, pk: str | None = None, dispute: str = "") -> Response:
        """The owner's response to a dispute."""
        agreement = self.get_object()
        found = Dispute.objects.filter(report__period__agreement=agreement, pk=int(dispute)).first()
        if found is None:
            raise Http404
        data = validated(DisputeResponseSerializer, request.data)
        done = services.dispute_respond(dispute=found, actor=request.user, **data)
        return Response(AgreementDisputeSerializer(done).data)
