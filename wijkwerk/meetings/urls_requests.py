"""Residents' requests for an information meeting, at
/gemeente/<gemeente>/informatiebijeenkomsten/."""

from django.urls import path

from . import views_open

app_name = "meetings_requests"

urlpatterns = [
    path("", views_open.info_requests, name="list"),
    path("<int:pk>/", views_open.info_request_detail, name="detail"),
]
