"""The werkplek of a municipality, at /gemeente/<gemeente>/werkplek/."""

from django.urls import path

from . import views

app_name = "werkplek"
urlpatterns = [
    path("", views.werkplek, name="werkplek"),
]
