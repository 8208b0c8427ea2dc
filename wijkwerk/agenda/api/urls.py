from rest_framework.routers import SimpleRouter

from .views import AgendaItemViewSet

router = SimpleRouter()
router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")

urlpatterns = router.urls
