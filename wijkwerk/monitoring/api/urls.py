"""Routes of the monitoring API (under /api/v1/)."""

from django.urls import path

from .views import MunicipalityIndicatorsView, WijkIndicatorsView

urlpatterns = [
    path(
        "monitoring/municipalities/<str:code>/",
        MunicipalityIndicatorsView.as_view(),
        name="monitoring-municipality",
    ),
    path("monitoring/wijken/<str:code>/", WijkIndicatorsView.as_view(), name="monitoring-wijk"),
]
