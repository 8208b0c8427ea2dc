from django.urls import path

from . import views

app_name = "areas"

urlpatterns = [
    path("", views.find_wijk, name="find"),
]
