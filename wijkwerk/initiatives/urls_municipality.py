"""Municipality-wide initiative pages: spelregels, voucher redemption, convenant projects."""

from django.urls import path

from . import views_municipality as views

app_name = "initiatives_municipality"

urlpatterns = [
    path("spelregels/", views.rules_page, name="rules"),
    path("voucher-innen/", views.voucher_redeem, name="redeem"),
    path("convenant/", views.call_list, name="calls"),
    path("convenant/nieuwe-oproep/", views.call_create, name="call_create"),
    path("convenant/<int:pk>/", views.call_detail, name="call"),
    path("convenant/<int:pk>/indienen/", views.project_submit, name="project_submit"),
    path("convenant/<int:call_pk>/projecten/<int:pk>/", views.project_detail, name="project"),
    path(
        "convenant/<int:call_pk>/projecten/<int:pk>/scoren/",
        views.project_score,
        name="project_score",
    ),
    path(
        "convenant/<int:call_pk>/projecten/<int:pk>/besluit/",
        views.project_decide,
        name="project_decide",
    ),
    path(
        "convenant/<int:call_pk>/projecten/<int:pk>/intrekken/",
        views.project_withdraw,
        name="project_withdraw",
    ),
    path(
        "convenant/<int:call_pk>/projecten/<int:pk>/toekenning-corrigeren/",
        views.project_award_correct,
        name="project_award_correct",
    ),
]
