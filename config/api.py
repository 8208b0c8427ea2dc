"""The REST API under /api/v1/: each app contributes its routes from its own api package."""

from django.urls import include, path

urlpatterns = [
    path("", include("wijkwerk.areas.api.urls")),
    path("", include("wijkwerk.organisations.api.urls")),
    path("", include("wijkwerk.accounts.api.urls")),
    path("", include("wijkwerk.agenda.api.urls")),
    path("", include("wijkwerk.initiatives.api.urls")),
    path("", include("wijkwerk.budgets.api.urls")),
    path("", include("wijkwerk.pb.api.urls")),
    path("", include("wijkwerk.surveys.api.urls")),
    path("", include("wijkwerk.inspections.api.urls")),
    path("", include("wijkwerk.assessments.api.urls")),
    path("", include("wijkwerk.meetings.api.urls")),
    path("", include("wijkwerk.agreements.api.urls")),
    path("", include("wijkwerk.updates.api.urls")),
    path("", include("wijkwerk.monitoring.api.urls")),
]
