"""Open311 GeoReport v2, mounted at /open311/v2/."""

from django.urls import path, re_path

from . import open311

app_name = "open311"

urlpatterns = [
    path("services.<str:fmt>", open311.service_list, name="services"),
    path("services/<slug:code>.<str:fmt>", open311.service_definition, name="service"),
    path("requests.<str:fmt>", open311.request_list, name="requests"),
    re_path(r"^requests?/(?P<pk>[^/.]+)\.(?P<fmt>[a-z]+)$", open311.request_detail, name="request"),
]
