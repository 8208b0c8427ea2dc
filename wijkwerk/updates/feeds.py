"""Atom and RSS 2.0 feeds of the news stream, per wijk and per municipality
(django.contrib.syndication). Links are absolute (the request's host); each entry's id is a
tag URI built from its stable key, so a feed reader never shows an entry twice, also not
after the stream is rebuilt."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.selectors import municipality_get, wijk_get

from .headlines import detail, headline
from .models import NewsEntry
from .selectors import news_list

FEED_LENGTH = 30


def entry_id(entry: NewsEntry) -> str:
    host = urlsplit(settings.WIJKWERK_SITE_URL).hostname or "localhost"
    return f"tag:{host},2026:wijkwerk/news/{entry.key}"


class _NewsFeed(Feed):
    def item_title(self, entry: NewsEntry) -> str:
        return headline(entry)

    def item_description(self, entry: NewsEntry) -> str:
        return "\n\n".join(part for part in (detail(entry), entry.summary) if part)

    def item_link(self, entry: NewsEntry) -> str:
        return entry.url

    def item_guid(self, entry: NewsEntry) -> str:
        return entry_id(entry)

    item_guid_is_permalink = False

    def item_pubdate(self, entry: NewsEntry):
        return entry.occurred_at

    def item_updateddate(self, entry: NewsEntry):
        return max(entry.occurred_at, entry.updated_at)

    def item_categories(self, entry: NewsEntry) -> list[str]:
        return [str(entry.get_kind_display())]


class WijkNewsRss(_NewsFeed):
    def get_object(self, request: HttpRequest, municipality: str, wijk: str) -> Area:
        return wijk_get(municipality_slug=municipality, wijk_slug=wijk)

    def title(self, area: Area) -> str:
        return _("News of %(wijk)s (%(municipality)s)") % {
            "wijk": area.name,
            "municipality": area.municipality.name,
        }

    def link(self, area: Area) -> str:
        return reverse("updates:news", args=[area.municipality.slug, area.slug])

    def description(self, area: Area) -> str:
        return _("Answers on the wijkagenda, meetings, initiatives and results in %(wijk)s.") % {
            "wijk": area.name
        }

    def items(self, area: Area):
        return news_list(municipality=area.municipality, area=area)[:FEED_LENGTH]


class WijkNewsAtom(WijkNewsRss):
    feed_type = Atom1Feed

    def subtitle(self, area: Area) -> str:
        return self.description(area)


class MunicipalityNewsRss(_NewsFeed):
    def get_object(self, request: HttpRequest, municipality: str) -> Municipality:
        return municipality_get(slug=municipality)

    def title(self, municipality: Municipality) -> str:
        return _("News of the wijken of %(municipality)s") % {"municipality": municipality.name}

    def link(self, municipality: Municipality) -> str:
        return reverse("updates_municipality:news", args=[municipality.slug])

    def description(self, municipality: Municipality) -> str:
        return _(
            "Answers on the wijkagenda, meetings, initiatives and results in %(municipality)s."
        ) % {"municipality": municipality.name}

    def items(self, municipality: Municipality):
        return news_list(municipality=municipality)[:FEED_LENGTH]


class MunicipalityNewsAtom(MunicipalityNewsRss):
    feed_type = Atom1Feed

    def subtitle(self, municipality: Municipality) -> str:
        return self.description(municipality)
