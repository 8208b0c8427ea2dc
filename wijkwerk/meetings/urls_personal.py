"""A person's own calendar, at /overleg/: the page to make or revoke the secret link, and the
feed behind that link; and the link to sign off from an open session."""

from django.urls import path

from . import views, views_open

app_name = "meetings_personal"

urlpatterns = [
    path("mijn-agenda/", views.my_calendar, name="mine"),
    path("agenda/<str:token>.ics", views.person_feed, name="feed"),
    path("afmelden/<str:token>/", views_open.signoff, name="signoff"),
]
