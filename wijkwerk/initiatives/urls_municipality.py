"""Municipality-wide initiative pages: spelregels, voucher redemption, convenant projects."""

app_name = "initiatives_municipality"

urlpatterns: list = []
