"""The news of one wijk, under /gemeente/<gemeente>/<wijk>/nieuws/."""

from django.urls import path

from . import feeds, views

app_name = "updates"

urlpatterns = [
    path("", views.news_page, name="news"),
    path("atom.xml", feeds.WijkNewsAtom(), name="atom"),
    path("rss.xml", feeds.WijkNewsRss(), name="rss"),
    path("abonneren/", views.subscribe, name="subscribe"),
    path("abonneren/verstuurd/", views.subscribe_sent, name="subscribe_sent"),
]
