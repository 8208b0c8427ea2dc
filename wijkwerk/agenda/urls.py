from django.urls import path

from . import views, views_plan

app_name = "agenda"

urlpatterns = [
    path("voorstellen/", views.propose, name="propose"),
    path("nieuw/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="item"),
    path("<int:pk>/beantwoorden/", views.answer, name="answer"),
    path("<int:pk>/voortgang/", views.progress, name="progress"),
    path("vaststellingen/", views.reviews, name="reviews"),
    path("vaststellingen/<int:pk>/", views.review_detail, name="review"),
    path("wop/", views.plan, name="plan"),
    path("wop/<int:pk>/naar-agenda/", views.plan_to_agenda, name="plan_to_agenda"),
    path("<int:pk>/bewerken/", views_plan.item_edit, name="edit"),
    path("wop/nieuw/", views_plan.plan_create, name="plan_create"),
    path("wop/<int:pk>/bewerken/", views_plan.plan_edit, name="plan_edit"),
    path("wop/<int:pk>/jaarlijkse-update/", views_plan.plan_yearly, name="plan_yearly"),
    path("wop/<int:pk>/thema/", views_plan.theme_create, name="theme_create"),
    path("wop/<int:pk>/doel/", views_plan.goal_create, name="goal_create"),
    path("wop/doel/<int:pk>/", views_plan.goal_edit, name="goal_edit"),
    path("wop/doel/<int:pk>/actie/", views_plan.action_create, name="action_create"),
    path("wop/actie/<int:pk>/", views_plan.action_edit, name="action_edit"),
]
