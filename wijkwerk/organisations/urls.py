"""Organisations of a municipality, at /gemeente/<gemeente>/organisaties/."""

from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("nieuw/", views.organisation_new, name="new"),
    path("<int:pk>/", views.organisation_edit, name="edit"),
]
