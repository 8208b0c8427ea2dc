"""The news through the API: public entries of a wijk or municipality, read-only."""

import pytest

from wijkwerk.meetings.tests.factories import meeting
from wijkwerk.updates.models import Kind

from .factories import entry

pytestmark = pytest.mark.django_db


def test_the_news_of_a_wijk(client, wijk, wijkmanager, platform, closed_body):
    meeting(body=platform, actor=wijkmanager)
    meeting(body=closed_body, actor=wijkmanager)
    made = entry(area=wijk, title="Bankjes geplaatst")
    response = client.get("/api/v1/news/", {"area": "wk040001"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    first = body["results"][0]
    assert first["id"] == made.pk and first["area"] == "WK040001"
    assert first["kind"] == Kind.AGENDA_DONE and first["title"] == "Bankjes geplaatst"
    assert first["url"] == f"http://testserver{made.url}"
    assert "Signaleringsoverleg" not in response.content.decode()


def test_the_news_of_a_municipality_by_kind(client, wijk):
    entry(area=wijk, kind=Kind.AGENDA_DONE)
    entry(area=wijk, kind=Kind.INSPECTION_DONE, title="Schouw")
    response = client.get("/api/v1/news/", {"municipality": "GM0400", "kind": "inspection_done"})
    assert [e["title"] for e in response.json()["results"]] == ["Schouw"]


def test_a_wijk_or_municipality_is_needed_and_must_exist(client, wijk):
    assert client.get("/api/v1/news/").status_code == 400
    unknown = client.get("/api/v1/news/", {"area": "WK999999"})
    assert unknown.status_code == 400 and "area" in unknown.json()


def test_the_news_cannot_be_written(client, wijk, wijkmanager):
    client.force_login(wijkmanager)
    assert client.post("/api/v1/news/", {"title": "x"}).status_code == 405
