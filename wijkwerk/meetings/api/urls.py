"""Routes of the meetings API (under /api/v1/)."""

from rest_framework.routers import SimpleRouter

from .views import (
    InfoMeetingRequestViewSet,
    MeetingBodyViewSet,
    MeetingViewSet,
    OpenSessionViewSet,
)

router = SimpleRouter()
router.register("meeting-bodies", MeetingBodyViewSet, basename="meeting-body")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("open-sessions", OpenSessionViewSet, basename="open-session")
router.register("info-meeting-requests", InfoMeetingRequestViewSet, basename="info-meeting-request")

urlpatterns = router.urls
