from rest_framework.routers import SimpleRouter

from .views import (
    InitiativeViewSet,
    PledgeViewSet,
    ProjectCallViewSet,
    RuleSetViewSet,
    VoucherViewSet,
)

router = SimpleRouter()
router.register("initiatives", InitiativeViewSet, basename="initiative")
router.register("pledges", PledgeViewSet, basename="pledge")
router.register("rulesets", RuleSetViewSet, basename="ruleset")
router.register("project-calls", ProjectCallViewSet, basename="project-call")
router.register("vouchers", VoucherViewSet, basename="voucher")

urlpatterns = router.urls
