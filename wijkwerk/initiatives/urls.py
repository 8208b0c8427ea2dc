from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
]
