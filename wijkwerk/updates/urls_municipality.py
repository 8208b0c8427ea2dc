"""The news of all wijken of a municipality, under /gemeente/<gemeente>/nieuws/."""

from django.urls import path

from . import feeds, views

app_name = "updates_municipality"

urlpatterns = [
    path("", views.municipality_news, name="news"),
    path("atom.xml", feeds.MunicipalityNewsAtom(), name="atom"),
    path("rss.xml", feeds.MunicipalityNewsRss(), name="rss"),
]
