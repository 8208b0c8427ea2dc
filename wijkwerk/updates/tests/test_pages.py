"""The public news pages and the Atom and RSS feeds, read by a feed reader's XML parser."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.meetings.tests.factories import meeting
from wijkwerk.updates.models import Kind

from .factories import entry

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def news_url(wijk) -> str:
    return f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/nieuws/"


def test_the_news_page_pages_through_the_entries_newest_first(client, wijk):
    start = timezone.now() - datetime.timedelta(days=30)
    for n in range(25):
        entry(area=wijk, title=f"Punt {n:02}", occurred_at=start + datetime.timedelta(days=n))
    first = client.get(news_url(wijk))
    assert first.status_code == 200
    titles = [e.title for e in first.context["page"].object_list]
    assert titles[0] == "Punt 24" and len(titles) == 20
    second = client.get(news_url(wijk) + "?pagina=2")
    assert [e.title for e in second.context["page"].object_list][-1] == "Punt 00"


def test_the_news_page_filters_by_kind(client, wijk):
    entry(area=wijk, kind=Kind.AGENDA_DONE, title="Klaar")
    entry(area=wijk, kind=Kind.MEETING_CANCELLED, title="Wijkplatform", data={})
    response = client.get(news_url(wijk) + "?soort=meeting_cancelled")
    assert [e.title for e in response.context["page"].object_list] == ["Wijkplatform"]


def test_a_wijk_shows_only_its_own_and_municipality_wide_news(client, wijk, municipality):
    other = WijkFactory(municipality=municipality, name="Nieuw Den Helder", slug="ndh")
    entry(area=wijk, title="Hier")
    entry(area=other, title="Daar")
    wide = entry(area=wijk, title="Burgerpeiling", kind=Kind.SURVEY_RESULTS)
    wide.area = None
    wide.save()
    titles = {e.title for e in client.get(news_url(wijk)).context["page"].object_list}
    assert titles == {"Hier", "Burgerpeiling"}
    everything = client.get(f"/gemeente/{municipality.slug}/nieuws/")
    assert {e.title for e in everything.context["page"].object_list} == {
        "Hier",
        "Daar",
        "Burgerpeiling",
    }


def test_an_unknown_wijk_has_no_news_page(client, municipality):
    assert client.get(f"/gemeente/{municipality.slug}/nergens/nieuws/").status_code == 404
    assert client.get("/gemeente/nergens/nieuws/").status_code == 404


def test_the_wijk_page_links_to_its_news_and_feeds(client, wijk):
    html = client.get(f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/").content.decode()
    assert f'href="{news_url(wijk)}"' in html
    assert 'type="application/atom+xml" title="' in html
    assert f'href="{news_url(wijk)}atom.xml"' in html
    assert f'href="{news_url(wijk)}rss.xml"' in html


def test_the_news_page_announces_its_feeds_in_the_head(client, wijk):
    html = client.get(news_url(wijk)).content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml"' in head
    assert f'href="{news_url(wijk)}atom.xml"' in head
    assert f'href="{news_url(wijk)}rss.xml"' in head


def test_the_atom_feed_is_valid_with_absolute_links_and_unique_ids(
    client, wijk, wijkmanager, closed_body, platform
):
    meeting(body=platform, actor=wijkmanager)
    meeting(body=closed_body, actor=wijkmanager)
    entry(area=wijk, title="Bankjes geplaatst", summary="Vier nieuwe bankjes.")
    response = client.get(news_url(wijk) + "atom.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text and root.find(f"{ATOM}updated").text
    assert "Stad binnen de Linie-Oost" in root.find(f"{ATOM}title").text
    self_link = root.find(f"{ATOM}link[@rel='alternate']").get("href")
    assert self_link == f"http://testserver{news_url(wijk)}"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2  # the closed body's meeting is not there
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 2 and all(i.startswith("tag:") for i in ids)
    for found in entries:
        assert found.find(f"{ATOM}link").get("href").startswith("http://testserver/gemeente/")
        datetime.datetime.fromisoformat(found.find(f"{ATOM}updated").text)
    titles = [e.find(f"{ATOM}title").text for e in entries]
    with translation.override("nl"):  # feeds speak the site's language
        done = gettext("Done: %(title)s") % {"title": "Bankjes geplaatst"}
        planned = gettext("Meeting of %(body)s planned for %(when)s").split("%(when)s")[0]
    assert done in titles
    assert any(t.startswith(planned % {"body": "Wijkplatform"}) for t in titles)
    assert not any("Signaleringsoverleg" in t for t in titles)


def test_the_rss_feed_is_valid_rss_2(client, wijk):
    made = entry(area=wijk, title="Bankjes geplaatst")
    response = client.get(news_url(wijk) + "rss.xml")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.find("link").text == f"http://testserver{news_url(wijk)}"
    (item,) = channel.findall("item")
    assert item.find("link").text == f"http://testserver{made.url}"
    guid = item.find("guid")
    assert guid.get("isPermaLink") == "false" and guid.text.endswith(made.key)
    assert item.find("pubDate").text  # RFC 822 date
    with translation.override("nl"):
        done = gettext("Done: %(title)s") % {"title": "Bankjes geplaatst"}
    assert item.find("title").text == done


def test_the_municipality_feeds_hold_every_wijk(client, wijk, municipality):
    other = WijkFactory(municipality=municipality, name="Nieuw Den Helder", slug="ndh")
    entry(area=wijk, title="Hier")
    entry(area=other, title="Daar")
    for name in ("atom.xml", "rss.xml"):
        response = client.get(f"/gemeente/{municipality.slug}/nieuws/{name}")
        assert response.status_code == 200
        text = response.content.decode()
        assert "Hier" in text and "Daar" in text
        ET.fromstring(response.content)


def test_headlines_follow_the_readers_language(client, wijk, settings):
    entry(area=wijk, kind=Kind.AGENDA_PROGRESS, title="Speeltuin", data={"status": "in_progress"})
    with translation.override("nl"):
        dutch = gettext("in progress")
    html = client.get(news_url(wijk), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Speeltuin" in html and dutch in html


def test_the_municipality_page_links_to_the_news_of_all_wijken(client, municipality):
    html = client.get(f"/gemeente/{municipality.slug}/").content.decode()
    assert f'href="/gemeente/{municipality.slug}/nieuws/"' in html
    assert f'href="/gemeente/{municipality.slug}/nieuws/atom.xml"' in html.split("</head>")[0]
