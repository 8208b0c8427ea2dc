"""Staff pages of a budget round, at /gemeente/<gemeente>/begroting/<pk>/beheer/."""

from django.urls import path

from . import views_awards, views_staff

urlpatterns = [
    path("", views_staff.round_staff, name="staff"),
    path("voorstel/<int:proposal>/", views_staff.proposal_review, name="staff_review"),
    path(
        "winnaar/<int:line>/corrigeren/", views_awards.winner_correct, name="staff_winner_correct"
    ),
    path("<slug:action>/", views_staff.round_action, name="staff_action"),
]
