"""Wijkschouwen of a municipality, at /gemeente/<gemeente>/schouw/."""

from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("nieuw/", views.inspection_plan, name="plan"),
    path("wijk/<slug:wijk>/", views.wijk_page, name="wijk"),
    path("wijk/<slug:wijk>/trend.csv", views.wijk_trend_csv, name="trend_csv"),
    path("<int:pk>/", views.inspection_detail, name="detail"),
    path("<int:pk>/status/", views.inspection_status, name="status"),
    path("<int:pk>/route/", views.stop_add, name="stop_add"),
    path("<int:pk>/deelnemers/", views.participant_add, name="participant_add"),
    path("<int:pk>/route/<int:position>/", views.stop_walk, name="walk"),
    path("<int:pk>/uitkomsten/", views.inspection_results_page, name="results"),
    path("<int:pk>/bevinding/<int:finding>/foto/", views.finding_photo, name="photo"),
    path("<int:pk>/bevinding/<int:finding>/omzetten/", views.finding_convert, name="convert"),
]
