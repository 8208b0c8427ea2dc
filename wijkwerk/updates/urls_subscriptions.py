"""The signed links of the subscription mails, under /nieuwsbrief/."""

from django.urls import path

from . import views

app_name = "updates_subscriptions"

urlpatterns = [
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("beheren/<str:token>/", views.manage, name="manage"),
]
