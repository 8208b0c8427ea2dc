"""Find your wijk: the postcode parser, the table, the Locatieserver (a real HTTP server on
loopback), the import command, and point in polygon with the shipped CBS boundaries."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from wijkwerk.areas.locate import place_point
from wijkwerk.areas.models import Area, Municipality, PostcodeArea
from wijkwerk.areas.postcodes import find_wijken, parse_postcode
from wijkwerk.areas.services import (
    DEMO_BOUNDARIES,
    areas_import,
    demo_geodata_load,
    parse_geojson,
)


@pytest.fixture
def cbs(db):
    """The three demo municipalities with their shipped boundaries and postcode table."""
    areas_import(rows=parse_geojson(DEMO_BOUNDARIES.read_text()))
    for municipality in Municipality.objects.all():
        demo_geodata_load(municipality=municipality)
    return {m.code: m for m in Municipality.objects.all()}


@pytest.mark.parametrize(
    ("text", "digits", "letters", "number"),
    [
        ("1787", "1787", "", None),
        ("1787 AB", "1787", "AB", None),
        ("1787ab", "1787", "AB", None),
        ("1787AB 12", "1787", "AB", 12),
        (" 1787 ab 12a ", "1787", "AB", 12),
        ("NL-1787 AB", "1787", "AB", None),
    ],
)
def test_postcodes_are_read_as_residents_type_them(text, digits, letters, number):
    postcode = parse_postcode(text)
    assert (postcode.digits, postcode.letters, postcode.number) == (digits, letters, number)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0123",
        "B-2000",
        "75001",
        "SW1A 1AA",
        "1787 SS",
        "'; DROP TABLE areas;--",
        "<script>alert(1)</script>",
        "x" * 80,
    ],
)
def test_nonsense_and_foreign_postcodes_are_refused_in_dutch(text):
    with pytest.raises(ValidationError) as excinfo:
        parse_postcode(text)
    assert "postcode" in excinfo.value.messages[0].lower()


def test_the_table_finds_julianadorp(cbs):
    found = find_wijken(parse_postcode("1787AB 12"))
    assert [w.code for w in found.wijken] == ["WK040008"]


@pytest.mark.parametrize("typed", ["1787", "1787 AB", "1787AB 12"])
def test_the_find_page_redirects_to_the_wijk(client, cbs, typed):
    response = client.get(reverse("areas:find"), {"postcode": typed})
    wijk = Area.objects.get(code="WK040008")
    assert response.status_code == 302
    assert response.url == reverse("wijk", args=[wijk.municipality.slug, wijk.slug])


def test_a_postcode_of_two_wijken_lets_the_resident_choose(client, cbs):
    response = client.get(reverse("areas:find"), {"postcode": "7913"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "meer dan één wijk" in text
    for code in ("WK011854", "WK011861"):
        assert Area.objects.get(code=code).name in text


@pytest.mark.parametrize("typed", ["9999", "B-2000", "<script>x</script>", "1 OR 1=1"])
def test_unknown_or_nonsense_gives_a_dutch_message_not_an_error_page(client, cbs, typed):
    response = client.get(reverse("areas:find"), {"postcode": typed})
    assert response.status_code == 200
    text = response.content.decode()
    assert "postcode" in text.lower() and "<script>x" not in text


# --- the Locatieserver on loopback ------------------------------------------------------


class _Locatieserver(BaseHTTPRequestHandler):
    docs: list = []
    seen: list = []

    def do_GET(self):  # noqa: N802
        type(self).seen.append(self.path)
        body = json.dumps({"response": {"numFound": len(self.docs), "docs": self.docs}})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def locatieserver(settings):
    server = HTTPServer(("127.0.0.1", 0), _Locatieserver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WIJKWERK_LOCATIESERVER_URL = f"http://127.0.0.1:{server.server_port}/free"
    _Locatieserver.seen = []
    yield _Locatieserver
    server.shutdown()
    server.server_close()


def test_the_locatieserver_answers_with_the_wijk_of_the_address(cbs, locatieserver):
    locatieserver.docs = [
        {"wijkcode": "WK040007", "gemeentecode": "0400", "gemeentenaam": "Den Helder"}
    ]
    found = find_wijken(parse_postcode("1787 AB 12"))
    assert [w.code for w in found.wijken] == ["WK040007"]
    assert "huisnummer%3A12" in locatieserver.seen[0] and "1787AB" in locatieserver.seen[0]


def test_an_address_elsewhere_names_its_municipality(cbs, locatieserver):
    locatieserver.docs = [{"wijkcode": "WK036300", "gemeentenaam": "Amsterdam"}]
    found = find_wijken(parse_postcode("1012 AB"))
    assert found.wijken == [] and found.elsewhere == "Amsterdam"


def test_without_the_locatieserver_the_table_answers(cbs, settings):
    settings.WIJKWERK_LOCATIESERVER_URL = "http://127.0.0.1:9/free"  # nothing listens
    found = find_wijken(parse_postcode("1787 AB"))
    assert [w.code for w in found.wijken] == ["WK040008"]


# --- import_postcodes -----------------------------------------------------------------------


def _import(tmp_path, text, code="GM0400"):
    path = tmp_path / "pc.csv"
    path.write_text(text)
    try:
        call_command("import_postcodes", code, str(path))
    except CommandError as exc:
        return str(exc)
    return ""


def test_import_replaces_the_table(cbs, tmp_path):
    assert _import(tmp_path, "postcode,wijk_code\n1781,WK040001\n1781,WK040002\n") == ""
    den_helder = cbs["GM0400"]
    assert PostcodeArea.objects.filter(municipality=den_helder).count() == 2


@pytest.mark.parametrize(
    "text",
    [
        "postcode,wijk_code\n1781,WK040001\n178,WK040002\n",  # not 4 digits
        "postcode,wijk_code\n1781,WK040001\n4871,WK077710\n",  # wijk of Etten-Leur
        "postcode,wijk_code\n1781,WK040099\n",  # unknown wijk
        "code,name\n1781,WK040001\n",  # wrong header
    ],
)
def test_a_bad_postcode_file_changes_nothing(cbs, tmp_path, text):
    before = list(PostcodeArea.objects.values_list("postcode", "wijk_id"))
    assert _import(tmp_path, text)
    assert list(PostcodeArea.objects.values_list("postcode", "wijk_id")) == before


def test_a_boundary_import_with_a_broken_polygon_changes_nothing(cbs, tmp_path):
    before = list(Area.objects.values_list("code", "geometry"))
    broken = {"type": "Polygon", "coordinates": [[[4.7, 52.9], [4.8, 52.9], [4.7, 53.0]]]}
    other = {
        "type": "Polygon",
        "coordinates": [[[4.6, 51.5], [4.7, 51.5], [4.7, 51.6], [4.6, 51.5]]],
    }
    path = tmp_path / "b.geojson"
    for features in (
        [("WK040001", "Oost", broken, "GM0400")],
        [("WK040001", "Oost", other, "GM0400"), ("WK077799", "Vreemd", other, "GM0400")],
    ):
        path.write_text(
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"statcode": c, "statnaam": n, "gmCode": g},
                            "geometry": geo,
                        }
                        for c, n, geo, g in features
                    ],
                }
            )
        )
        with pytest.raises(CommandError):
            call_command("import_areas", str(path))
        assert list(Area.objects.values_list("code", "geometry")) == before


# --- point in polygon -----------------------------------------------------------------------


def test_the_vertex_centre_of_every_wijk_lands_in_that_wijk(cbs):
    from shapely.geometry import shape

    for wijk in Area.objects.wijken():
        point = shape(wijk.geometry).representative_point()
        found = place_point(wijk.municipality, point.x, point.y)
        assert found is not None and found.wijk_id == wijk.pk, wijk.code


@pytest.mark.parametrize(
    ("gm", "lon", "lat"),
    [("GM0400", 4.60, 52.95), ("GM0400", 4.61, 51.57)],  # North Sea; Etten-Leur
    ids=["north-sea", "etten-leur-in-den-helder"],
)
def test_points_outside_the_municipality_are_refused(cbs, gm, lon, lat):
    assert place_point(cbs[gm], lon, lat) is None
