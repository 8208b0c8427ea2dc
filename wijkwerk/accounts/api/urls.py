from rest_framework.routers import SimpleRouter

from .views import RoleAssignmentViewSet

router = SimpleRouter()
router.register("roles", RoleAssignmentViewSet, basename="role")

urlpatterns = router.urls
