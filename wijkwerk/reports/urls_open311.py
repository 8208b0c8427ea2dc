"""Open311 GeoReport v2, mounted at /open311/v2/. The patterns are permissive on purpose:
an unknown format, code or address is answered in the GeoReport error format."""

from django.urls import re_path

from . import open311

app_name = "open311"

urlpatterns = [
    re_path(r"^services\.(?P<fmt>[^/]*)$", open311.service_list, name="services"),
    re_path(
        r"^services/(?P<code>[^/]*?)\.(?P<fmt>[^/]*)$", open311.service_definition, name="service"
    ),
    re_path(r"^requests\.(?P<fmt>[^/]*)$", open311.request_list, name="requests"),
    re_path(r"^requests?/(?P<pk>[^/]*?)\.(?P<fmt>[^/]*)$", open311.request_detail, name="request"),
    re_path(r"", open311.not_found),
]
