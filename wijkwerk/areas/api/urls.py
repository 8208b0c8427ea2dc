from rest_framework.routers import SimpleRouter

from .views import AreaViewSet, MunicipalityViewSet

router = SimpleRouter()
router.register("municipalities", MunicipalityViewSet, basename="municipality")
router.register("areas", AreaViewSet, basename="area")

urlpatterns = router.urls
