from django.urls import path

from . import views

app_name = "reports_wijk"

urlpatterns = [
    path("", views.wijk_reports, name="map"),
    path("kaart.geojson", views.wijk_reports_geojson, name="geojson"),
]
