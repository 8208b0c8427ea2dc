from django.urls import path

from . import views, views_categories

app_name = "reports"

urlpatterns = [
    path("nieuw/", views.report_new, name="new"),
    path("werkvoorraad/", views.worklist, name="worklist"),
    path("dashboard/", views.municipality_dashboard, name="dashboard"),
    path("patronen/", views.patterns, name="patterns"),
    path("categorieen/", views_categories.category_list, name="categories"),
    path("categorieen/nieuw/", views_categories.category_new, name="category_new"),
    path(
        "categorieen/standaard/", views_categories.categories_defaults, name="categories_defaults"
    ),
    path("categorieen/<int:pk>/", views_categories.category_edit, name="category_edit"),
    path("categorieen/<int:pk>/actief/", views_categories.category_active, name="category_active"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/zelfde-als/", views.report_duplicate, name="duplicate"),
    path("<int:pk>/foto/<int:photo>/", views.report_photo, name="photo"),
]
