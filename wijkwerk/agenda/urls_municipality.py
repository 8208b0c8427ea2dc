from django.urls import path

from . import views_plan

app_name = "agenda_municipality"

urlpatterns = [
    path("", views_plan.agenda_settings, name="settings"),
]
