"""Agreements of a municipality, at /gemeente/<gemeente>/afspraken/."""

from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("nieuw/", views.agreement_new, name="new"),
    path("verantwoording/<int:year>/", views.accountability_page, name="accountability"),
    path("verantwoording/<int:year>.pdf", views.accountability_pdf, name="accountability_pdf"),
    path("investeringen/<int:year>/", views.investments_page, name="investments"),
    path("investeringen/<int:year>.csv", views.investments_csv, name="investments_csv"),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/bewerken/", views.agreement_edit, name="edit"),
    path("<int:pk>/periode/<int:period>/sluiten/", views.period_close, name="period_close"),
    path("<int:pk>/rapport/<int:report>/betwisten/", views.report_dispute, name="dispute"),
    path("<int:pk>/bezwaar/<int:dispute>/antwoord/", views.dispute_respond, name="respond"),
    path("<int:pk>/<slug:action>/", views.agreement_action, name="action"),
]
