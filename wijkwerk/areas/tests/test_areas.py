"""CBS codes and the nesting gemeente → wijk (or dorp) → buurt."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from wijkwerk.areas import codes
from wijkwerk.areas.models import AreaKind
from wijkwerk.areas.services import area_create, municipality_create
from wijkwerk.areas.tests.factories import BuurtFactory, MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent

VALID = {
    "municipality": ["GM0400", "GM0363", "GM0118"],
    # Wijk codes may end in digits or capitals; buurt codes may hold capitals after the
    # municipality's digits.
    "wijk": ["WK040001", "WK0363AA", "WK03630A"],
    "buurt": ["BU04000101", "BU0363AA01", "BU0363AAB2"],
}
INVALID = {
    "municipality": ["GM400", "gm0400", "GM04000", "GM04A0", "WK040001", ""],
    "wijk": ["WK04001", "WK0400aa", "WK0400011", "WKA40001", "BU04000101", "WK0400-1"],
    "buurt": ["BU0400010", "BU040001011", "bu04000101", "BU0400aa01", "BUA4000101", "WK040001"],
}


def _validator(kind: str):
    return getattr(codes, f"validate_{kind}_code")


@pytest.mark.parametrize(("kind", "code"), [(k, c) for k, cs in VALID.items() for c in cs])
def test_valid_cbs_codes_are_accepted(kind, code):
    _validator(kind)(code)


@pytest.mark.parametrize(("kind", "code"), [(k, c) for k, cs in INVALID.items() for c in cs])
def test_invalid_cbs_codes_are_refused(kind, code):
    with pytest.raises(ValidationError) as excinfo:
        _validator(kind)(code)
    assert excinfo.value.code == "invalid_cbs_code"


def test_municipality_create_refuses_bad_code_in_dutch(db):
    """The refusal names the field and speaks the default language (Dutch)."""
    with pytest.raises(ValidationError) as excinfo:
        municipality_create(code="GM12", name="Fout")
    assert set(excinfo.value.message_dict) == {"code"}
    dutch = excinfo.value.message_dict["code"][0]
    with translation.override("en"), pytest.raises(ValidationError) as english:
        municipality_create(code="GM12", name="Fout")
    assert dutch != english.value.message_dict["code"][0]
    assert "GM12" in dutch


def test_municipality_create_logs_who_created_it(db):
    municipality = municipality_create(code="GM0400", name="Den Helder")
    assert municipality.slug == "den-helder"
    assert AuditEvent.objects.for_target(municipality).get().action == "municipality.create"


def test_wijk_with_a_malformed_code_is_refused_on_its_code(municipality):
    with pytest.raises(ValidationError) as excinfo:
        area_create(municipality=municipality, kind=AreaKind.WIJK, code="WK04001", name="Kort")
    assert set(excinfo.value.message_dict) == {"code"}


def test_wijk_code_of_another_municipality_is_refused(municipality):
    with pytest.raises(ValidationError) as excinfo:
        area_create(municipality=municipality, kind=AreaKind.WIJK, code="WK077700", name="Elders")
    assert set(excinfo.value.message_dict) == {"code"}


def test_dorp_is_a_wijk_level_area_with_a_wk_code(municipality):
    dorp = area_create(
        municipality=municipality, kind=AreaKind.DORP, code="WK040008", name="Julianadorp"
    )
    assert dorp.is_wijk and dorp.wijk == dorp


def test_wijk_with_letters_in_its_code_is_accepted(db):
    amsterdam = MunicipalityFactory(code="GM0363", name="Amsterdam", slug="amsterdam")
    wijk = area_create(
        municipality=amsterdam, kind=AreaKind.WIJK, code="WK0363AA", name="Burgwallen"
    )
    buurt = area_create(
        municipality=amsterdam,
        kind=AreaKind.BUURT,
        code="BU0363AA01",
        name="Kop Zeedijk",
        parent=wijk,
    )
    assert buurt.wijk == wijk


def test_wijk_cannot_lie_inside_another_area(wijk):
    with pytest.raises(ValidationError) as excinfo:
        area_create(
            municipality=wijk.municipality,
            kind=AreaKind.WIJK,
            code="WK040002",
            name="Genest",
            parent=wijk,
        )
    assert set(excinfo.value.message_dict) == {"parent"}


def test_buurt_outside_its_wijk_is_refused(wijk):
    with pytest.raises(ValidationError) as excinfo:
        area_create(
            municipality=wijk.municipality,
            kind=AreaKind.BUURT,
            code="BU04000201",  # lies in WK040002, not in WK040001
            name="Verkeerde buurt",
            parent=wijk,
        )
    assert set(excinfo.value.message_dict) == {"code"}


def test_buurt_needs_a_wijk(municipality):
    with pytest.raises(ValidationError) as excinfo:
        area_create(municipality=municipality, kind=AreaKind.BUURT, code="BU04000101", name="Los")
    assert set(excinfo.value.message_dict) == {"parent"}


def test_buurt_cannot_lie_in_another_buurt(wijk):
    buurt = BuurtFactory(parent=wijk, code="BU04000101")
    with pytest.raises(ValidationError) as excinfo:
        area_create(
            municipality=wijk.municipality,
            kind=AreaKind.BUURT,
            code="BU04000102",
            name="Genest",
            parent=buurt,
        )
    assert "parent" in excinfo.value.message_dict


def test_buurt_needs_a_wijk_of_the_same_municipality(wijk):
    other = WijkFactory(municipality=MunicipalityFactory(code="GM0777"), code="WK077700")
    with pytest.raises(ValidationError) as excinfo:
        area_create(
            municipality=wijk.municipality,
            kind=AreaKind.BUURT,
            code="BU07770001",
            name="X",
            parent=other,
        )
    assert "parent" in excinfo.value.message_dict


def test_buurt_in_its_wijk_is_created_with_a_unique_slug(wijk):
    one = area_create(
        municipality=wijk.municipality,
        kind=AreaKind.BUURT,
        code="BU04000101",
        name="Centrum",
        parent=wijk,
    )
    two = area_create(
        municipality=wijk.municipality,
        kind=AreaKind.BUURT,
        code="BU04000102",
        name="Centrum",
        parent=wijk,
    )
    assert (one.slug, two.slug) == ("centrum", "centrum-2")
    assert one.wijk == wijk and one.parent == wijk


def test_area_code_is_unique(wijk):
    with pytest.raises(ValidationError) as excinfo:
        area_create(
            municipality=wijk.municipality, kind=AreaKind.WIJK, code=wijk.code, name="Dubbel"
        )
    assert "code" in excinfo.value.message_dict


def test_open_boundary_ring_is_refused(municipality):
    ring = [[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 53.0]]
    with pytest.raises(ValidationError):
        area_create(
            municipality=municipality,
            kind=AreaKind.WIJK,
            code="WK040009",
            name="Open",
            geometry={"type": "Polygon", "coordinates": [ring]},
        )


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": [4.7, 52.9]},
        {
            "type": "Polygon",
            "coordinates": [[[470000, 52.9], [4.8, 52.9], [4.8, 53.0], [470000, 52.9]]],
        },
        {"type": "Polygon", "coordinates": None},
    ],
    ids=["not-a-polygon", "not-wgs84", "no-coordinates"],
)
def test_boundary_must_be_a_wgs84_polygon(municipality, geometry):
    with pytest.raises(ValidationError):
        area_create(
            municipality=municipality,
            kind=AreaKind.WIJK,
            code="WK040009",
            name="Vorm",
            geometry=geometry,
        )


def test_closed_wgs84_polygon_is_stored_as_boundary(municipality):
    square = {
        "type": "Polygon",
        "coordinates": [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 52.9]]],
    }
    wijk = area_create(
        municipality=municipality,
        kind=AreaKind.WIJK,
        code="WK040009",
        name="Vierkant",
        geometry=square,
    )
    wijk.refresh_from_db()
    assert wijk.geometry == square


def test_a_wijk_page_opens_with_the_map_of_its_boundary_and_a_wijk_without_one_has_none(
    client, municipality
):
    triangle = {
        "type": "Polygon",
        "coordinates": [[[4.7, 52.9], [4.8, 52.9], [4.8, 53.0], [4.7, 52.9]]],
    }
    drawn = WijkFactory(municipality=municipality, name="Driehoek", geometry=triangle)
    bare = WijkFactory(municipality=municipality, name="Zonder grens")

    page = client.get(f"/gemeente/{municipality.slug}/{drawn.slug}/").content.decode()
    assert f'data-highlight="{drawn.code}"' in page
    assert "Kadaster / Centraal Bureau voor de Statistiek" in page
    # The map comes first, before what is happening in the wijk.
    assert page.index("data-wijken-map") < page.index("happening-block")

    page = client.get(f"/gemeente/{municipality.slug}/{bare.slug}/").content.decode()
    assert "data-wijken-map" not in page
