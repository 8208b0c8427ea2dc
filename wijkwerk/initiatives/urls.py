from django.urls import path

from . import views, views_consultation

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("nieuw/", views.initiative_new, name="new"),
    path("raadpleging/nieuw/", views_consultation.consultation_new, name="consultation_new"),
    path("raadpleging/<int:pk>/", views_consultation.consultation_detail, name="consultation"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/bewerken/", views.initiative_edit, name="edit"),
    path("<int:pk>/bon/<int:expense>/", views.expense_receipt, name="receipt"),
    path("<int:pk>/<slug:action>/", views.initiative_action, name="action"),
]
