"""Surveys of a municipality, at /gemeente/<gemeente>/peilingen/."""

from django.urls import path

from . import views, views_staff

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("nieuw/", views_staff.survey_start, name="start"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/antwoorden/", views.survey_answer, name="answer"),
    path("<int:pk>/uitkomsten/", views.survey_results_page, name="results"),
    path("<int:pk>/uitkomsten.csv", views.survey_results_csv, name="results_csv"),
    path("<int:pk>/beheer/", views_staff.survey_staff, name="staff"),
    path(
        "<int:pk>/beheer/vraag/<int:question>/verwijderen/",
        views_staff.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/beheer/<slug:action>/", views_staff.survey_action, name="staff_action"),
]
