from django.urls import path

from . import views

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
]
