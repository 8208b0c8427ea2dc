"""The monitor, at /gemeente/<gemeente>/monitor/ and /gemeente/<gemeente>/<wijk>/monitor/."""

from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("monitor/", views.municipality_dashboard, name="municipality"),
    path("monitor/<slug:table>.csv", views.municipality_csv, name="municipality_csv"),
    path("<slug:wijk>/monitor/", views.wijk_dashboard, name="wijk"),
    path("<slug:wijk>/monitor/<slug:table>.csv", views.wijk_csv, name="wijk_csv"),
]
