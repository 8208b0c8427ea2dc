"""Routes of the news API (under /api/v1/)."""

from rest_framework.routers import SimpleRouter

from .views import NewsEntryViewSet

router = SimpleRouter()
router.register("news", NewsEntryViewSet, basename="news")

urlpatterns = router.urls
