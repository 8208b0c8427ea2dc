"""Importing CBS areas: GeoJSON or CSV, all or nothing, with the place of every error."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wijkwerk.areas.models import Area, Municipality

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "cbs-gebieden"
SQUARE = [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 52.9]]]


def _feature(code, name, **props):
    return {
        "type": "Feature",
        "properties": {"statcode": code, "statnaam": name, **props},
        "geometry": {"type": "Polygon", "coordinates": SQUARE},
    }


def _geojson(tmp_path, *features) -> Path:
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
    return path


def test_geojson_import_creates_the_nesting_and_is_idempotent(db, tmp_path):
    path = _geojson(
        tmp_path,
        _feature("GM0400", "Den Helder"),
        _feature("WK040001", "Stad binnen de Linie-Oost", gmCode="GM0400"),
        _feature("BU04000101", "Binnenhaven"),
    )
    call_command("import_areas", str(path))
    buurt = Area.objects.get(code="BU04000101")
    assert buurt.parent.code == "WK040001" and buurt.municipality.code == "GM0400"
    assert buurt.geometry["type"] == "Polygon"
    call_command("import_areas", str(path))
    assert Area.objects.count() == 2 and Municipality.objects.count() == 1


def test_csv_import_with_semicolons(db, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text(
        "code;name;parent_code\nGM0777;Etten-Leur;\nWK077700;Midden woongebied;GM0777\n"
    )
    call_command("import_areas", str(path))
    assert Area.objects.get(code="WK077700").municipality.name == "Etten-Leur"


def test_one_bad_csv_line_imports_nothing_and_names_the_line(db, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text(
        "code,name\nGM0777,Etten-Leur\nWK07770,Kapotte code\nWK077710,Noord woongebied\n"
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("import_areas", str(path))
    assert "regel 3" in str(excinfo.value) and "WK07770" in str(excinfo.value)
    assert not Municipality.objects.exists() and not Area.objects.exists()


def test_malformed_json_names_the_line(db, tmp_path):
    path = tmp_path / "areas.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n oops]}')
    with pytest.raises(CommandError) as excinfo:
        call_command("import_areas", str(path))
    assert "regel 3" in str(excinfo.value)


def test_wijk_of_an_unknown_municipality_is_refused(db, tmp_path):
    path = _geojson(tmp_path, _feature("WK040001", "Stad"))
    with pytest.raises(CommandError) as excinfo:
        call_command("import_areas", str(path))
    assert "GM0400" in str(excinfo.value) and not Area.objects.exists()


def test_csv_without_the_right_header_is_refused(db, tmp_path):
    path = tmp_path / "areas.csv"
    path.write_text("statcode,naam\nGM0777,Etten-Leur\n")
    with pytest.raises(CommandError):
        call_command("import_areas", str(path))


@pytest.mark.skipif(
    not SHARED.exists(),
    reason="../shared/data/cbs-gebieden is absent: real CBS files not available",
)
def test_real_cbs_files_import_the_wijken_of_three_municipalities(db):
    call_command(
        "import_areas",
        str(SHARED / "gemeenten_2022_gegeneraliseerd.geojson"),
        only="GM0118,GM0400,GM0777",
    )
    call_command("import_areas", str(SHARED / "wijken_2025_GM0118_GM0400_GM0777.geojson"))
    assert Municipality.objects.count() == 3
    counts = {m.code: m.areas.count() for m in Municipality.objects.all()}
    assert counts == {"GM0118": 13, "GM0400": 8, "GM0777": 10}
    assert Area.objects.get(code="WK040008").name == "Wijk 08 Julianadorp"
