"""Importing CBS areas: GeoJSON or CSV, all or nothing, with the place of every error."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wijkwerk.areas.models import Area, AreaKind, Municipality
from wijkwerk.areas.services import AreaImportError, areas_import, parse_csv, parse_geojson
from wijkwerk.core.models import AuditEvent

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO / ".." / "shared" / "data" / "cbs-gebieden"
GEMEENTEN = SHARED / "gemeenten_2022_gegeneraliseerd.geojson"
WIJKEN = SHARED / "wijken_2025_GM0118_GM0400_GM0777.geojson"
SQUARE = [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 52.9]]]


def _feature(code, name, geometry=SQUARE, **props):
    return {
        "type": "Feature",
        "properties": {"statcode": code, "statnaam": name, **props},
        "geometry": {"type": "Polygon", "coordinates": geometry},
    }


def _geojson(tmp_path, *features) -> Path:
    path = tmp_path / "areas.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": list(features)}))
    return path


def _csv(tmp_path, text: str) -> Path:
    path = tmp_path / "areas.csv"
    path.write_text(text)
    return path


def _import(path: Path, **options) -> str:
    """Run the command; the error text when it refuses."""
    try:
        call_command("import_areas", str(path), **options)
    except CommandError as exc:
        return str(exc)
    return ""


def _nothing_imported() -> bool:
    return not Municipality.objects.exists() and not Area.objects.exists()


# --- GeoJSON ----------------------------------------------------------------------------------


def test_geojson_import_creates_the_nesting_with_boundaries(db, tmp_path):
    path = _geojson(
        tmp_path,
        _feature("BU04000101", "Binnenhaven"),  # order in the file does not matter
        _feature("WK040001", "Stad binnen de Linie-Oost", gmCode="GM0400"),
        _feature("GM0400", "Den Helder"),
    )
    assert _import(path) == ""
    buurt = Area.objects.get(code="BU04000101")
    assert buurt.kind == AreaKind.BUURT
    assert buurt.parent.code == "WK040001" and buurt.municipality.code == "GM0400"
    assert buurt.geometry["type"] == "Polygon"
    assert Municipality.objects.get().geometry["coordinates"] == SQUARE


def test_geojson_reimport_is_idempotent(db, tmp_path):
    features = (
        _feature("GM0400", "Den Helder"),
        _feature("WK040001", "Stad binnen de Linie-Oost", gmCode="GM0400"),
        _feature("BU04000101", "Binnenhaven"),
    )
    path = _geojson(tmp_path, *features)
    _import(path)
    before = list(Area.objects.values_list("pk", "code", "name", "slug", "parent_id", "geometry"))
    creations = AuditEvent.objects.filter(action__endswith=".create").count()
    assert _import(path) == ""
    after = list(Area.objects.values_list("pk", "code", "name", "slug", "parent_id", "geometry"))
    assert after == before and Municipality.objects.count() == 1
    assert AuditEvent.objects.filter(action__endswith=".create").count() == creations


def test_reimport_updates_name_and_boundary_of_existing_codes(db, tmp_path):
    _import(_geojson(tmp_path, _feature("GM0400", "Den Helder")))
    moved = [[[4.6, 52.8], [4.9, 52.8], [4.9, 53.1], [4.6, 52.8]]]
    _import(_geojson(tmp_path, _feature("GM0400", "Gemeente Den Helder", geometry=moved)))
    municipality = Municipality.objects.get()
    assert municipality.name == "Gemeente Den Helder"
    assert municipality.geometry["coordinates"] == moved


def test_buurt_feature_with_a_gemeente_code_lands_in_its_wijk(db, tmp_path):
    """CBS buurt files carry gmCode as well; a buurt's parent is still its wijk."""
    path = _geojson(
        tmp_path,
        _feature("GM0400", "Den Helder"),
        _feature("WK040001", "Stad binnen de Linie-Oost", gmCode="GM0400"),
        _feature("BU04000101", "Binnenhaven", gmCode="GM0400", wijkcode="WK040001"),
        _feature("BU04000102", "Visbuurt", gmCode="GM0400"),
    )
    assert _import(path) == ""
    assert set(Area.objects.buurten().values_list("parent__code", flat=True)) == {"WK040001"}


def test_one_bad_feature_imports_nothing_and_names_the_feature(db, tmp_path):
    path = _geojson(
        tmp_path,
        _feature("GM0400", "Den Helder"),
        _feature("WK040001", "Stad binnen de Linie-Oost", gmCode="GM0400"),
        _feature("WK04002", "Kapotte code", gmCode="GM0400"),
    )
    error = _import(path)
    assert "feature 3" in error and "WK04002" in error
    assert _nothing_imported()


def test_feature_without_a_name_is_reported_by_number(db, tmp_path):
    nameless = {"type": "Feature", "properties": {"statcode": "GM0400"}, "geometry": None}
    error = _import(_geojson(tmp_path, _feature("GM0777", "Etten-Leur"), nameless))
    assert "feature 2" in error and "statnaam" in error
    assert _nothing_imported()


@pytest.mark.parametrize(
    "text",
    [
        '{"type": "FeatureCollection", "features": ["geen object"]}',
        '{"type": "FeatureCollection", "features": [{"properties": ["x"]}]}',
        '{"type": "FeatureCollection", "features": {"a": 1}}',
        '{"type": "Feature"}',
    ],
    ids=["feature-not-an-object", "properties-not-an-object", "features-not-a-list", "no-fc"],
)
def test_malformed_geojson_is_refused_with_a_message(text):
    """A malformed structure is an import error with a message, never a crash."""
    with pytest.raises(AreaImportError) as excinfo:
        parse_geojson(text)
    assert excinfo.value.errors


def test_malformed_json_names_the_line(db, tmp_path):
    path = tmp_path / "areas.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [\n oops]}')
    assert "regel 3" in _import(path)


def test_bad_boundary_is_refused_with_its_feature(db, tmp_path):
    open_ring = [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 53.0]]]
    error = _import(_geojson(tmp_path, _feature("GM0400", "Den Helder", geometry=open_ring)))
    assert "feature 1" in error and _nothing_imported()


def test_wijk_of_an_unknown_municipality_is_refused(db, tmp_path):
    error = _import(_geojson(tmp_path, _feature("WK040001", "Stad")))
    assert "GM0400" in error and _nothing_imported()


# --- CSV --------------------------------------------------------------------------------------


def test_csv_import_with_semicolons(db, tmp_path):
    path = _csv(
        tmp_path,
        "code;name;parent_code\nGM0777;Etten-Leur;\nWK077700;Midden woongebied;GM0777\n"
        "BU07770001;Centrum;WK077700\n",
    )
    assert _import(path) == ""
    assert Area.objects.get(code="WK077700").municipality.name == "Etten-Leur"
    assert Area.objects.get(code="BU07770001").parent.code == "WK077700"


def test_csv_import_with_commas_and_quoted_names_is_idempotent(db, tmp_path):
    path = _csv(
        tmp_path,
        'code,name\nGM0118,Hoogeveen\nWK011862,"Industrie- en verspreide gebieden, Hoogeveen"\n',
    )
    _import(path)
    _import(path)
    assert Area.objects.get().name == "Industrie- en verspreide gebieden, Hoogeveen"
    assert Municipality.objects.count() == 1


def test_csv_villages_option_imports_wijken_as_dorpen(db, tmp_path):
    path = _csv(
        tmp_path, "code,name\nGM0118,Hoogeveen\nWK011850,Hoogeveen\nWK011854,Hollandscheveld\n"
    )
    assert _import(path, villages="WK011854") == ""
    kinds = dict(Area.objects.values_list("code", "kind"))
    assert kinds == {"WK011850": AreaKind.WIJK, "WK011854": AreaKind.DORP}


def test_one_bad_csv_line_imports_nothing_and_names_the_line(db, tmp_path):
    path = _csv(
        tmp_path, "code,name\nGM0777,Etten-Leur\nWK07770,Kapotte code\nWK077710,Noord woongebied\n"
    )
    error = _import(path)
    assert "regel 3" in error and "WK07770" in error
    assert _nothing_imported()


def test_buurt_outside_its_wijk_in_a_csv_is_refused_with_its_line(db, tmp_path):
    path = _csv(
        tmp_path,
        "code,name,parent_code\nGM0400,Den Helder,\nWK040001,Oost,GM0400\n"
        "WK040002,West,GM0400\nBU04000201,Verkeerde buurt,WK040001\n",
    )
    error = _import(path)
    assert "regel 5" in error and "BU04000201" in error
    assert _nothing_imported()


def test_wijk_code_of_another_municipality_in_a_csv_is_refused(db, tmp_path):
    path = _csv(
        tmp_path,
        "code,name,parent_code\nGM0400,Den Helder,\nGM0777,Etten-Leur,\n"
        "WK077700,Midden woongebied,GM0400\n",
    )
    error = _import(path)
    assert "regel 4" in error and "WK077700" in error
    assert _nothing_imported()


def test_every_bad_line_is_listed_not_only_the_first(db):
    rows = parse_csv("code,name\nGM0400,Den Helder\nXX12,Onzin\nGM12,Kort\n")
    with pytest.raises(AreaImportError) as excinfo:
        areas_import(rows=rows)
    errors = excinfo.value.errors
    assert len(errors) == 2
    assert {"regel 3 (XX12)", "regel 4 (GM12)"} == {e.split(":")[0] for e in errors}
    assert _nothing_imported()


def test_csv_line_with_more_values_than_columns_is_refused_with_its_line(db, tmp_path):
    """An unquoted comma in a name shifts the columns: refused, not silently cut off."""
    with pytest.raises(AreaImportError) as excinfo:
        parse_csv("code,name\nGM0777,Etten-Leur\nWK077700,Midden,woongebied\n")
    assert len(excinfo.value.errors) == 1 and re.search(r"\b3\b", excinfo.value.errors[0])
    path = _csv(tmp_path, "code,name\nGM0777,Etten-Leur\nWK077700,Midden,woongebied\n")
    assert _import(path) and _nothing_imported()


def test_trailing_separators_in_a_csv_are_harmless(db, tmp_path):
    path = _csv(tmp_path, "code;name\nGM0777;Etten-Leur;\nWK077700;Midden woongebied;;\n")
    assert _import(path) == ""
    assert Area.objects.get().code == "WK077700"


def test_csv_without_the_right_header_is_refused(db, tmp_path):
    error = _import(_csv(tmp_path, "statcode,naam\nGM0777,Etten-Leur\n"))
    assert "regel 1" in error and _nothing_imported()


def test_missing_file_is_refused(db, tmp_path):
    assert _import(tmp_path / "bestaat-niet.csv")


# --- the real CBS files -------------------------------------------------------------------


@pytest.mark.skipif(
    not (GEMEENTEN.exists() and WIJKEN.exists()),
    reason=f"real CBS files not available: {SHARED.resolve()} (from ../shared) is absent",
)
def test_real_cbs_files_import_the_wijken_of_three_municipalities(db):
    assert _import(GEMEENTEN, only="GM0118,GM0400,GM0777") == ""
    assert _import(WIJKEN, villages="WK011854,WK011855,WK011860") == ""
    counts = {m.code: m.areas.count() for m in Municipality.objects.all()}
    assert counts == {"GM0118": 13, "GM0400": 8, "GM0777": 10}
    assert Area.objects.get(code="WK040008").name == "Wijk 08 Julianadorp"
    assert Area.objects.get(code="WK011854").kind == AreaKind.DORP
    assert all(area.geometry for area in Area.objects.all())
    before = Area.objects.count()
    assert _import(WIJKEN) == "" and Area.objects.count() == before
