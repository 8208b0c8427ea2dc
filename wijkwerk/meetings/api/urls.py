"""Routes of the meetings API (under /api/v1/)."""

from rest_framework.routers import SimpleRouter

from .views import MeetingBodyViewSet, MeetingViewSet

router = SimpleRouter()
router.register("meeting-bodies", MeetingBodyViewSet, basename="meeting-body")
router.register("meetings", MeetingViewSet, basename="meeting")

urlpatterns = router.urls
