from django.urls import path

from . import views, views_staff

app_name = "budgets"

urlpatterns = [
    path("", views.funds, name="funds"),
    path("<int:pk>/", views.fund_detail, name="fund"),
    path("<int:pk>/rekening/<int:account>/", views.account_detail, name="account"),
    path("<int:pk>/boekingen/<slug:total>/", views.total_bookings, name="total"),
    # Staff: set up and keep a fund.
    path("nieuw/", views_staff.fund_create, name="fund_create"),
    path("<int:pk>/beheer/", views_staff.fund_manage, name="manage"),
    path("<int:pk>/beheer/bijdrage/", views_staff.contribution_add, name="contribution_add"),
    path("<int:pk>/beheer/toewijzing/", views_staff.allocation_add, name="allocation_add"),
    path(
        "<int:pk>/beheer/boeking/<int:txn>/corrigeren/",
        views_staff.booking_correct,
        name="booking_correct",
    ),
]
