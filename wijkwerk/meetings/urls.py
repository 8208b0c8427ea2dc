"""Meetings of a wijk, at /gemeente/<gemeente>/<wijk>/overleg/."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.wijk_meetings, name="wijk"),
    path("sjabloon/", views.bodies_from_template, name="template"),
    path("jaarplanning/", views.year_plan, name="plan"),
    path("agenda.ics", views.wijk_feed, name="wijk_feed"),
    path("orgaan/<int:pk>/", views.body_detail, name="body"),
    path("orgaan/<int:pk>/agenda.ics", views.body_feed, name="body_feed"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/uitnodiging.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/<slug:action>/", views.meeting_action, name="action"),
    path("<int:pk>/punt/<int:point>/besluit/", views.point_decide, name="decide"),
]
