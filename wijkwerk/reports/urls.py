from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("nieuw/", views.report_new, name="new"),
    path("werkvoorraad/", views.worklist, name="worklist"),
    path("dashboard/", views.municipality_dashboard, name="dashboard"),
    path("patronen/", views.patterns, name="patterns"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/zelfde-als/", views.report_duplicate, name="duplicate"),
    path("<int:pk>/foto/<int:photo>/", views.report_photo, name="photo"),
]
