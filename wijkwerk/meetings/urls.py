"""Meetings of a wijk, at /gemeente/<gemeente>/<wijk>/overleg/."""

from django.urls import path

from . import views, views_open, views_print

app_name = "meetings"

urlpatterns = [
    path("", views.wijk_meetings, name="wijk"),
    path("sjabloon/", views.bodies_from_template, name="template"),
    path("jaarplanning/", views.year_plan, name="plan"),
    path("agenda.ics", views.wijk_feed, name="wijk_feed"),
    path("sessies/", views_open.session_list, name="sessions"),
    path("sessies/<int:pk>/", views_open.session_detail, name="session"),
    path("uitkomsten/", views_print.outcomes, name="outcomes"),
    path(
        "uitkomsten/<int:action>/naar-wijkagenda/",
        views_print.outcome_to_agenda,
        name="outcome_to_agenda",
    ),
    path("afdrukken/wijkagenda/", views_print.print_agenda, name="print_agenda"),
    path(
        "afdrukken/wijkagenda.pdf",
        views_print.print_agenda,
        {"pdf": True},
        name="print_agenda_pdf",
    ),
    path("afdrukken/wie-doet-wat/", views_print.print_who, name="print_who"),
    path("afdrukken/wie-doet-wat.pdf", views_print.print_who, {"pdf": True}, name="print_who_pdf"),
    path("orgaan/nieuw/", views.body_new, name="body_new"),
    path("orgaan/<int:pk>/", views.body_detail, name="body"),
    path("orgaan/<int:pk>/bewerken/", views.body_edit, name="body_edit"),
    path("orgaan/<int:pk>/agenda.ics", views.body_feed, name="body_feed"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/uitnodiging.ics", views.meeting_ics, name="meeting_ics"),
    path("<int:pk>/<slug:action>/", views.meeting_action, name="action"),
    path("<int:pk>/punt/<int:point>/besluit/", views.point_decide, name="decide"),
]
