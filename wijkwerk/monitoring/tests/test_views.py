"""The monitor's pages and CSV files: public, bounded in queries, and showing the figures."""

import csv
import datetime
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkwerk.agenda.models import Status
from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.initiatives.models import DecidingBody
from wijkwerk.monitoring.tests import data
from wijkwerk.organisations.tests.factories import OrganisationFactory

THIS_YEAR = timezone.localdate().year


def _fill(wijk, year: int) -> None:
    """One of everything in a wijk, in `year`."""
    m = wijk.municipality
    start = data.at(year, 1, 5)
    done = data.item(wijk, status=Status.DONE, completed_at=start)
    data.review(wijk, datetime.date(year, 1, 2), [(done, Status.PLANNED, None)])
    data.answered(wijk, start, 3, "nu")
    rules = data.ruleset(m, DecidingBody.REGIEGROEP)
    i = data.initiative(
        wijk, submitted=start, decided=start, status="awarded", rules=rules, due=start.date()
    )
    data.voucher(i, 25_000, start)
    data.participant(i, "initiatiefnemer")
    data.report(m, wijk, created=start, handled_days=1)
    org = OrganisationFactory(municipality=m)
    meeting = data.meeting(data.body(wijk), start, "held")
    data.action(meeting, org, agenda_item=done)


def _dashboard_queries(client, municipality) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("monitoring:municipality", args=[municipality.slug]))
    assert response.status_code == 200
    return len(queries)


def test_municipality_dashboard_queries_do_not_grow_with_the_wijken(client, wijk):
    _fill(wijk, THIS_YEAR)
    few = _dashboard_queries(client, wijk.municipality)
    for _ in range(5):
        _fill(WijkFactory(municipality=wijk.municipality), THIS_YEAR)
    assert _dashboard_queries(client, wijk.municipality) == few
    assert few <= 20


def test_wijk_dashboard_queries_are_bounded(client, wijk, django_assert_max_num_queries):
    for year in (THIS_YEAR - 2, THIS_YEAR - 1, THIS_YEAR):
        _fill(wijk, year)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("monitoring:wijk", args=[wijk.municipality.slug, wijk.slug]))
    assert response.status_code == 200


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def test_municipality_dashboard_shows_wijken_side_by_side(client, wijk, wijk2):
    _fill(wijk, THIS_YEAR)
    response = client.get(reverse("monitoring:municipality", args=[wijk.municipality.slug]))
    money = _table(response, "geld")
    # Wijken in alphabetical order; the empty one shows no figures.
    assert money.rows == [["Julianadorp", None, None, None], [wijk.name, 250, 0, 100]]
    reports = _table(response, "meldingen")
    assert reports.rows[1] == [wijk.name, 1, 1, 1, 0, 100]
    agenda = _table(response, "afspraken")
    assert agenda.rows[1][2:4] == [1, 1]  # agreed, done on time
    html = response.content.decode()
    assert html.count("<svg") >= 4 and 'role="img"' in html
    assert reverse("monitoring:wijk", args=[wijk.municipality.slug, wijk.slug]) in html


def test_an_earlier_year_is_chosen_with_jaar(client, wijk):
    _fill(wijk, THIS_YEAR - 1)
    url = reverse("monitoring:municipality", args=[wijk.municipality.slug])
    assert _table(client.get(url), "meldingen").rows == [[wijk.name, None, None, None, None, None]]
    earlier = client.get(url, {"jaar": THIS_YEAR - 1})
    assert earlier.context["scope"].year == THIS_YEAR - 1
    assert _table(earlier, "meldingen").rows[0][1] == 1
    # An unknown year falls back to this year (here: the page already kept for it).
    fallback = client.get(url, {"jaar": "1800"})
    assert fallback.status_code == 200 and fallback.context is None
    cache.clear()
    assert client.get(url, {"jaar": "1800"}).context["scope"].year == THIS_YEAR


def test_wijk_dashboard_shows_the_years(client, wijk):
    for year in (THIS_YEAR - 1, THIS_YEAR):
        _fill(wijk, year)
    response = client.get(reverse("monitoring:wijk", args=[wijk.municipality.slug, wijk.slug]))
    rows = _table(response, "meldingen").rows
    assert [r[0] for r in rows] == [str(THIS_YEAR - 1), str(THIS_YEAR)]


def test_every_table_downloads_as_csv(client, wijk):
    _fill(wijk, THIS_YEAR)
    page = client.get(reverse("monitoring:municipality", args=[wijk.municipality.slug]))
    for table in page.context["tables"]:
        url = reverse("monitoring:municipality_csv", args=[wijk.municipality.slug, table.key])
        response = client.get(url, {"jaar": THIS_YEAR})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert url.split("/")[-1] in page.content.decode()
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        assert rows[0] == table.header
        assert rows[1:] == [["" if v is None else str(v) for v in r] for r in table.rows]


def test_wijk_csv_and_unknown_table(client, wijk):
    _fill(wijk, THIS_YEAR)
    args = [wijk.municipality.slug, wijk.slug]
    response = client.get(reverse("monitoring:wijk_csv", args=[*args, "geld"]))
    assert list(csv.reader(io.StringIO(response.content.decode())))[1] == [
        str(THIS_YEAR),
        "250",
        "0",
        "100",
    ]
    assert client.get(reverse("monitoring:wijk_csv", args=[*args, "nope"])).status_code == 404


@pytest.mark.parametrize("name", ["municipality", "wijk"])
def test_portal_pages_link_to_the_monitor(client, wijk, name):
    if name == "municipality":
        page = client.get(reverse("municipality", args=[wijk.municipality.slug]))
        target = reverse("monitoring:municipality", args=[wijk.municipality.slug])
    else:
        page = client.get(reverse("wijk", args=[wijk.municipality.slug, wijk.slug]))
        target = reverse("monitoring:wijk", args=[wijk.municipality.slug, wijk.slug])
    assert target in page.content.decode()


def test_unknown_municipality_or_wijk_is_404(client, wijk):
    assert client.get("/gemeente/nergens/monitor/").status_code == 404
    assert client.get(f"/gemeente/{wijk.municipality.slug}/nergens/monitor/").status_code == 404


def test_figures_are_kept_for_a_few_minutes_and_then_recomputed(client, wijk):
    _fill(wijk, THIS_YEAR)
    url = reverse("monitoring:municipality", args=[wijk.municipality.slug])
    first = client.get(url)
    data.report(wijk.municipality, wijk, created=data.at(THIS_YEAR, 1, 6), handled_days=1)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert len(queries) == 0 and again.content == first.content
    cache.clear()  # as when CACHE_SECONDS have passed
    assert _table(client.get(url), "meldingen").rows[0][1] == 2
