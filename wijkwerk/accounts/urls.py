"""People of a municipality, at /gemeente/<gemeente>/mensen/."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("", views.people_list, name="list"),
    path("uitnodigen/", views.person_invite, name="invite"),
    path("rol/", views.role_give, name="role_give"),
    path("rol/<int:pk>/beeindigen/", views.role_end, name="role_end"),
    path("plaatsvervanger/", views.substitution_new, name="substitute"),
    path("plaatsvervanger/<int:pk>/beeindigen/", views.substitution_end, name="substitute_end"),
]
