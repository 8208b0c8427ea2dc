"""Self-assessments of a municipality, at /gemeente/<gemeente>/zelfevaluatie/."""

from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("", views.assessment_list, name="list"),
    path("nieuw/", views.assessment_start, name="start"),
    path("vergelijken/<slug:key>/", views.compare, name="compare"),
    path("<int:pk>/", views.assessment_detail, name="detail"),
    path("<int:pk>/deel/<int:position>/", views.section_fill, name="section"),
    path("<int:pk>/profiel/", views.profile_page, name="profile"),
    path("<int:pk>/verbeteren/<int:number>/", views.improve, name="improve"),
    path("<int:pk>/scores.csv", views.scores_csv, name="scores_csv"),
    path("<int:pk>/profiel.csv", views.profile_csv, name="profile_csv"),
    path("<int:pk>/beheer/<slug:action>/", views.assessment_action, name="action"),
]
