"""Routes of the self-assessment API (under /api/v1/)."""

from rest_framework.routers import SimpleRouter

from .views import AssessmentComparisonViewSet, AssessmentInstrumentViewSet, AssessmentViewSet

router = SimpleRouter()
router.register(
    "assessment-instruments", AssessmentInstrumentViewSet, basename="assessment-instrument"
)
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register(
    "assessment-comparison", AssessmentComparisonViewSet, basename="assessment-comparison"
)

urlpatterns = router.urls
