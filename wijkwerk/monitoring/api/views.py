"""The monitor's indicators through the API: public, aggregates only, like the pages."""

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.api import validated

from ..selectors import indicators_all, municipality_scope, wijk_scope
from .serializers import MonitorSerializer, YearFilterSerializer

_MISSING = OpenApiResponse(description="No such municipality or wijk")


def _payload(scope, rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    codes = {w.pk: w.code for w in scope.wijken}
    indicators = {
        name: [{**r, "area": codes.get(r["area_id"])} for r in table]
        for name, table in rows.items()
    }
    return {
        "municipality": scope.municipality.code,
        "wijk": scope.wijk.code if scope.wijk else None,
        "year": scope.year,
        "wijken": [{"code": w.code, "name": w.name} for w in scope.wijken],
        "indicators": indicators,
    }


class MunicipalityIndicatorsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="monitoring_municipality",
        parameters=[YearFilterSerializer],
        responses={200: MonitorSerializer, 400: OpenApiResponse(), 404: _MISSING},
    )
    def get(self, request: Request, code: str) -> Response:
        """Every indicator of the monitor for all wijken of a municipality in one year."""
        params = validated(YearFilterSerializer, request.query_params)
        municipality = get_object_or_404(Municipality, code=code.upper())
        year = params.get("year") or timezone.localdate().year
        scope = municipality_scope(municipality=municipality, year=year)
        return Response(MonitorSerializer(_payload(scope, indicators_all(scope))).data)


class WijkIndicatorsView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="monitoring_wijk",
        responses={200: MonitorSerializer, 404: _MISSING},
    )
    def get(self, request: Request, code: str) -> Response:
        """Every indicator of the monitor for one wijk, over all years."""
        wijk = get_object_or_404(
            Area.objects.wijken().select_related("municipality"), code=code.upper()
        )
        scope = wijk_scope(wijk=wijk)
        return Response(MonitorSerializer(_payload(scope, indicators_all(scope))).data)
