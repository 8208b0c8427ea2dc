"""Budget rounds of a municipality, at /gemeente/<gemeente>/begroting/."""

from django.urls import include, path

from . import views, views_setup

app_name = "pb"

urlpatterns = [
    path("", views.round_list, name="rounds"),
    path("nieuw/", views_setup.round_new, name="round_new"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/instellen/", views_setup.round_edit, name="round_edit"),
    path("<int:pk>/voorstel/", views.proposal_submit, name="propose"),
    path("<int:pk>/code/", views.code_request, name="code"),
    path("<int:pk>/stem/", views.ballot_cast, name="vote"),
    path("<int:pk>/mijn-aandeel/", views.letter_share, name="share"),
    path("<int:pk>/beheer/", include("wijkwerk.pb.urls_staff")),
]
