"""Routes of the surveys API (under /api/v1/)."""

from rest_framework.routers import SimpleRouter

from .views import SurveyViewSet

router = SimpleRouter()
router.register("surveys", SurveyViewSet, basename="survey")

urlpatterns = router.urls
