from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("", views.funds, name="funds"),
    path("<int:pk>/", views.fund_detail, name="fund"),
    path("<int:pk>/rekening/<int:account>/", views.account_detail, name="account"),
]
