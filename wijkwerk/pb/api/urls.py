"""Routes of the budget rounds API (under /api/v1/)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ProposalViewSet, RoundViewSet

router = SimpleRouter()
router.register("pb-rounds", RoundViewSet, basename="pb-round")
router.register("pb-proposals", ProposalViewSet, basename="pb-proposal")

urlpatterns = [
    # A file name, so no trailing slash: /pb-rounds/12/export.pb
    path(
        "pb-rounds/<int:pk>/export.pb",
        RoundViewSet.as_view({"get": "export"}),
        name="pb-round-export",
    ),
    *router.urls,
]
