"""Staff pages of a budget round, at /gemeente/<gemeente>/begroting/<pk>/beheer/."""

from django.urls import path

from . import views_staff

urlpatterns = [
    path("", views_staff.round_staff, name="staff"),
    path("voorstel/<int:proposal>/", views_staff.proposal_review, name="staff_review"),
    path("<slug:action>/", views_staff.round_action, name="staff_action"),
]
