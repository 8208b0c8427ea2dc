"""The installation's statements, at /toegankelijkheid/ and /privacy/."""

from django.urls import path

from . import views

app_name = "branding"

urlpatterns = [
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("verklaringen/bewerken/", views.statements_edit, name="statements_edit"),
    path("gemeente/<slug:municipality>/huisstijl/", views.theme_edit, name="theme_edit"),
    path("gemeente/<slug:municipality>/huisstijl/thema.css", views.theme_css, name="theme_css"),
    path("gemeente/<slug:municipality>/huisstijl/logo", views.theme_logo, name="theme_logo"),
]
