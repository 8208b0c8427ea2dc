from rest_framework.routers import SimpleRouter

from .views import FundViewSet, LedgerAccountViewSet, LedgerTransactionViewSet

router = SimpleRouter()
router.register("funds", FundViewSet, basename="fund")
router.register("ledger-accounts", LedgerAccountViewSet, basename="ledger-account")
router.register("ledger-transactions", LedgerTransactionViewSet, basename="ledger-transaction")

urlpatterns = router.urls
