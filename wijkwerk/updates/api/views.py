"""The news stream through the API: read-only and public, like the news pages."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from wijkwerk.core.api import validated

from ..models import NewsEntry
from ..selectors import news_list
from .serializers import NewsEntrySerializer, NewsFilterSerializer


class NewsEntryViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = [AllowAny]
    serializer_class = NewsEntrySerializer

    def get_queryset(self):
        return NewsEntry.objects.none()  # reads go through the selector

    @extend_schema(
        parameters=[NewsFilterSerializer],
        responses={
            200: NewsEntrySerializer(many=True),
            400: OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}"),
        },
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The public news of a wijk (`area`, with the news of its whole municipality) or of a
        `municipality`, newest first; optionally of one `kind`."""
        params = validated(NewsFilterSerializer, request.query_params)
        area = params.get("area")
        municipality = area.municipality if area else params["municipality"]
        entries = news_list(municipality=municipality, area=area, kind=params.get("kind", ""))
        page = self.paginate_queryset(entries)
        data = NewsEntrySerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)
