"""Creating areas and importing them from CBS files."""

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkwerk.core.services import audit_log

from . import codes
from .locate import forget_locators
from .models import Area, AreaKind, Municipality, PostcodeArea

GEOMETRY_TYPES = {"Polygon", "MultiPolygon"}


def validate_geometry(geometry: Any) -> None:
    """Accept a GeoJSON Polygon or MultiPolygon in WGS84 (lon, lat) with closed rings."""
    if geometry is None:
        return
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        raise ValidationError(_("The boundary must be a GeoJSON Polygon or MultiPolygon."))
    polygons = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    try:
        for polygon in polygons:
            for ring in polygon:
                if len(ring) < 4 or list(ring[0]) != list(ring[-1]):
                    raise ValidationError(
                        _("Each ring of the boundary needs at least 4 points and must be closed.")
                    )
                for lon, lat, *_rest in ring:
                    if not (-180 <= float(lon) <= 180 and -90 <= float(lat) <= 90):
                        raise ValidationError(
                            _("Boundary coordinates must be WGS84 longitude/latitude.")
                        )
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The boundary's coordinates are malformed.")) from exc


@transaction.atomic
def municipality_create(
    *, code: str, name: str, actor: Any = None, geometry: dict | None = None
) -> Municipality:
    municipality = Municipality(code=code, name=name, slug=slugify(name), geometry=geometry)
    validate_geometry(geometry)
    municipality.full_clean()
    municipality.save()
    audit_log(
        actor=actor, action="municipality.create", target=municipality, municipality_code=code
    )
    return municipality


def _unique_slug(municipality: Municipality, name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name) or "gebied"
    slug, n = base, 2
    taken = Area.objects.filter(municipality=municipality).exclude(pk=exclude_pk)
    while taken.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def area_create(
    *,
    municipality: Municipality,
    kind: str,
    code: str,
    name: str,
    parent: Area | None = None,
    geometry: dict | None = None,
    actor: Any = None,
) -> Area:
    area = Area(
        municipality=municipality,
        kind=kind,
        code=code,
        name=name,
        parent=parent,
        geometry=geometry,
        slug=_unique_slug(municipality, name),
    )
    validate_geometry(geometry)
    area.full_clean()
    area.save()
    audit_log(
        actor=actor,
        action="area.create",
        target=area,
        municipality_code=municipality.code,
        changes={"code": code, "name": name, "kind": kind},
    )
    return area


# --- import -------------------------------------------------------------------------------


@dataclass
class ImportRow:
    where: str  # "line 3" or "feature 12", for error messages
    code: str
    name: str
    parent_code: str = ""
    geometry: dict | None = None


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


class AreaImportError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def parse_geojson(text: str) -> list[ImportRow]:
    """Rows from a CBS GeoJSON FeatureCollection (statcode, statnaam; gmCode for wijken)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AreaImportError(
            [_("line %(line)s: not valid JSON (%(msg)s).") % {"line": exc.lineno, "msg": exc.msg}]
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise AreaImportError([_("The file is not a GeoJSON FeatureCollection.")])
    features = data.get("features") or []
    if not isinstance(features, list):
        raise AreaImportError([_("The file is not a GeoJSON FeatureCollection.")])
    rows, errors = [], []
    for n, feature in enumerate(features, start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        props = props if isinstance(props, dict) else {}
        code = str(props.get("statcode") or props.get("code") or "").strip()
        name = str(props.get("statnaam") or props.get("name") or "").strip()
        if not code or not name:
            errors.append(
                _("feature %(n)s: properties 'statcode' and 'statnaam' are required.") % {"n": n}
            )
            continue
        # A buurt's parent is its wijk; CBS buurt files also carry the gemeente's gmCode.
        if code.upper().startswith("BU"):
            parent = str(props.get("wijkcode") or props.get("wkCode") or "").strip()
        else:
            parent = str(props.get("gmCode") or "").strip()
        rows.append(
            ImportRow(_("feature %(n)s") % {"n": n}, code, name, parent, feature.get("geometry"))
        )
    if errors:
        raise AreaImportError(errors)
    return rows


def parse_csv(text: str) -> list[ImportRow]:
    """Rows from a CSV with the columns code, name and optionally parent_code (`;` or `,`)."""
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"code", "name"} <= fields:
        raise AreaImportError(
            [_("line 1: the header must name the columns 'code' and 'name' (and 'parent_code').")]
        )
    rows, errors = [], []
    for record in reader:
        line = reader.line_num
        # Values beyond the header's columns (DictReader files them under None) mean a value
        # with an unquoted separator; empty ones are a trailing separator and harmless.
        extra = record.pop(None, None) or []
        if any((v or "").strip() for v in extra):
            errors.append(
                _(
                    "line %(line)s: more values than the header has columns; put a value that "
                    "contains a comma or semicolon between double quotes."
                )
                % {"line": line}
            )
            continue
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items()}
        if not values.get("code") or not values.get("name"):
            errors.append(
                _("line %(line)s: code and name must both be filled in.") % {"line": line}
            )
            continue
        rows.append(
            ImportRow(
                _("line %(line)s") % {"line": line},
                values["code"],
                values["name"],
                values.get("parent_code", ""),
            )
        )
    if errors:
        raise AreaImportError(errors)
    return rows


def _kind_order(code: str) -> int:
    return {"GM": 0, "WK": 1, "BU": 2}.get(code[:2], 3)


@transaction.atomic
def areas_import(
    *, rows: list[ImportRow], actor: Any = None, village_codes: set[str] = frozenset()
) -> ImportResult:  # noqa: E501
    """Create or update municipalities, wijken and buurten; all or nothing.

    Existing codes are updated (name, geometry), so importing the same file twice changes
    nothing. Any error rolls the whole import back and lists every problem with its place.
    """
    result = ImportResult()
    errors: list[str] = []
    for row in sorted(rows, key=lambda r: _kind_order(r.code)):
        try:
            _import_row(row, result, actor, village_codes)
        except ValidationError as exc:
            errors.extend(f"{row.where} ({row.code}): {m}" for m in exc.messages)
    if errors:
        transaction.set_rollback(True)
        raise AreaImportError(errors)
    transaction.on_commit(forget_locators)
    return result


def _import_row(row: ImportRow, result: ImportResult, actor: Any, village_codes: set[str]) -> None:
    code = row.code.upper()
    validate_geometry(row.geometry)
    prefix = code[:2]
    if prefix == "GM":
        codes.validate_municipality_code(code)
        municipality = Municipality.objects.filter(code=code).first()
        if municipality:
            municipality.name, municipality.geometry = (
                row.name,
                row.geometry or municipality.geometry,
            )
            municipality.full_clean()
            municipality.save()
            result.updated += 1
        else:
            municipality_create(code=code, name=row.name, geometry=row.geometry, actor=actor)
            result.created += 1
        return
    if prefix == "WK":
        codes.validate_wijk_code(code)
        gm_code = row.parent_code.upper() or "GM" + codes.municipality_digits(code)
        municipality = Municipality.objects.filter(code=gm_code).first()
        if municipality is None:
            raise ValidationError(
                _("municipality %(gm)s is unknown: import the municipalities first.")
                % {"gm": gm_code}
            )
        kind, parent = (AreaKind.DORP if code in village_codes else AreaKind.WIJK), None
    elif prefix == "BU":
        codes.validate_buurt_code(code)
        # The buurt code names its wijk; a gemeente code given as parent adds nothing.
        parent_code = row.parent_code.upper()
        wijk_code = parent_code if parent_code.startswith("WK") else "WK" + code[2:8]
        parent = Area.objects.filter(code=wijk_code).select_related("municipality").first()
        if parent is None:
            raise ValidationError(
                _("wijk %(wk)s is unknown: import the wijken first.") % {"wk": wijk_code}
            )
        municipality, kind = parent.municipality, AreaKind.BUURT
    else:
        raise ValidationError(
            _("'%(code)s' is not a CBS code (GM…, WK… or BU…).") % {"code": row.code}
        )
    area = Area.objects.filter(code=code).first()
    if area is None:
        area_create(
            municipality=municipality,
            kind=kind,
            code=code,
            name=row.name,
            parent=parent,
            geometry=row.geometry,
            actor=actor,
        )
        result.created += 1
        return
    area.name, area.parent = row.name, parent
    area.geometry = row.geometry or area.geometry
    area.full_clean()
    area.save()
    result.updated += 1


# --- postcode table -------------------------------------------------------------------------

POSTCODE4_RE = re.compile(r"^[1-9]\d{3}$")


def parse_postcode_csv(text: str) -> list[ImportRow]:
    """Rows from a CSV with the columns postcode and wijk_code (`;` or `,`; more columns,
    such as a note, are ignored). `ImportRow.code` holds the wijk code, `name` the postcode."""
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    if not {"postcode", "wijk_code"} <= fields:
        raise AreaImportError(
            [_("line 1: the header must name the columns 'postcode' and 'wijk_code'.")]
        )
    rows = []
    for record in reader:
        values = {(k or "").strip().lower(): (v or "").strip() for k, v in record.items() if k}
        rows.append(
            ImportRow(
                _("line %(line)s") % {"line": reader.line_num},
                values.get("wijk_code", "").upper(),
                values.get("postcode", "").replace(" ", ""),
            )
        )
    return rows


@transaction.atomic
def postcodes_import(
    *, municipality: Municipality, rows: list[ImportRow], actor: Any = None
) -> ImportResult:
    """Replace the municipality's postcode table with these rows; all or nothing.

    Every row needs a 4-digit postcode and the code of a wijk (or village) of this
    municipality; any error leaves the old table as it was and lists every problem."""
    errors: list[str] = []
    if not rows:
        errors.append(_("The file has no postcodes."))
    wijken = {area.code: area for area in Area.objects.wijken().filter(municipality=municipality)}
    others = set(
        Area.objects.exclude(municipality=municipality)
        .filter(code__in={r.code for r in rows})
        .values_list("code", flat=True)
    )
    pairs: dict[tuple[str, int], str] = {}
    for row in rows:
        postcode, code = row.name, row.code
        if not POSTCODE4_RE.match(postcode):
            errors.append(
                _("%(where)s: '%(postcode)s' is not a postcode of 4 digits (e.g. 1787).")
                % {"where": row.where, "postcode": postcode}
            )
        if code in wijken:
            pair = (postcode, wijken[code].pk)
            if pair in pairs:
                errors.append(
                    _(
                        "%(where)s: postcode %(postcode)s and wijk %(code)s were already on %(first)s."
                    )
                    % {"where": row.where, "postcode": postcode, "code": code, "first": pairs[pair]}
                )
            pairs.setdefault(pair, row.where)
        elif code in others or (
            codes.WIJK_RE.match(code)
            and codes.municipality_digits(code) != codes.municipality_digits(municipality.code)
        ):
            errors.append(
                _("%(where)s: wijk %(code)s belongs to another municipality than %(name)s.")
                % {"where": row.where, "code": code, "name": municipality.name}
            )
        else:
            errors.append(
                _("%(where)s: %(code)s is not a wijk of %(name)s: import its wijken first.")
                % {"where": row.where, "code": code or "''", "name": municipality.name}
            )
    if errors:
        raise AreaImportError(errors)
    before = PostcodeArea.objects.filter(municipality=municipality).count()
    PostcodeArea.objects.filter(municipality=municipality).delete()
    PostcodeArea.objects.bulk_create(
        PostcodeArea(municipality=municipality, postcode=postcode, wijk_id=wijk_id)
        for postcode, wijk_id in pairs
    )
    audit_log(
        actor=actor,
        action="areas.postcodes_import",
        target=municipality,
        municipality_code=municipality.code,
        changes={"rows": len(pairs), "replaced": before},
    )
    return ImportResult(created=len(pairs), updated=0)


# --- the demo's real boundaries and postcodes ---------------------------------------------

DEMO_DATA = Path(__file__).resolve().parent / "data"
DEMO_BOUNDARIES = DEMO_DATA / "cbs_demo_gebieden.geojson"
DEMO_POSTCODES = DEMO_DATA / "postcodes_demo.csv"


@transaction.atomic
def demo_geodata_load(*, municipality: Municipality, actor: Any = None) -> int:
    """Give the municipality and its wijken without a boundary their CBS boundaries from the
    file shipped in `areas/data/`, keeping their names, and import its part of the demo postcode table.
    Returns how many boundaries were set (0 for a municipality the file does not hold)."""
    digits = codes.municipality_digits(municipality.code)
    rows = [
        row
        for row in parse_geojson(DEMO_BOUNDARIES.read_text(encoding="utf-8"))
        if codes.municipality_digits(row.code) == digits
    ]
    areas = {area.code: area for area in Area.objects.filter(municipality=municipality)}
    count = 0
    for row in rows:
        target = municipality if row.code == municipality.code else areas.get(row.code)
        if target is None or target.geometry:
            continue  # a boundary imported before (import_areas) is kept
        validate_geometry(row.geometry)
        target.geometry = row.geometry
        target.save(update_fields=["geometry"])
        count += 1
    postcodes = [
        row
        for row in parse_postcode_csv(DEMO_POSTCODES.read_text(encoding="utf-8"))
        if codes.municipality_digits(row.code) == digits and row.code in areas
    ]
    if postcodes:
        postcodes_import(municipality=municipality, rows=postcodes, actor=actor)
    transaction.on_commit(forget_locators)
    return count
