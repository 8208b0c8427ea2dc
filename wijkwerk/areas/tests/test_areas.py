"""CBS codes and the nesting gemeente → wijk → buurt."""

import pytest
from django.core.exceptions import ValidationError

from wijkwerk.areas import codes
from wijkwerk.areas.models import AreaKind
from wijkwerk.areas.services import area_create, municipality_create
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory


@pytest.mark.parametrize("code", ["GM0400", "GM0363"])
def test_valid_municipality_codes(code):
    codes.validate_municipality_code(code)


@pytest.mark.parametrize("code", ["GM400", "gm0400", "GM04000", "WK040001", ""])
def test_invalid_municipality_codes_are_refused(code):
    with pytest.raises(ValidationError) as excinfo:
        codes.validate_municipality_code(code)
    assert excinfo.value.code == "invalid_cbs_code"


@pytest.mark.parametrize("code", ["WK040001", "WK0363AA"])
def test_wijk_codes_may_end_in_digits_or_capitals(code):
    codes.validate_wijk_code(code)


@pytest.mark.parametrize("code", ["WK04001", "WK0400aa", "BU04000101"])
def test_invalid_wijk_codes_are_refused(code):
    with pytest.raises(ValidationError):
        codes.validate_wijk_code(code)


def test_municipality_create_refuses_bad_code_in_dutch(db):
    with pytest.raises(ValidationError) as excinfo:
        municipality_create(code="GM12", name="Fout")
    assert "geen CBS-gemeentecode" in str(excinfo.value)


def test_wijk_code_of_another_municipality_is_refused(municipality):
    with pytest.raises(ValidationError) as excinfo:
        area_create(municipality=municipality, kind=AreaKind.WIJK, code="WK077700", name="Elders")
    assert "code" in excinfo.value.message_dict


def test_buurt_outside_its_wijk_is_refused(wijk):
    with pytest.raises(ValidationError) as excinfo:
        area_create(
            municipality=wijk.municipality,
            kind=AreaKind.BUURT,
            code="BU04000201",  # lies in WK040002, not in WK040001
            name="Verkeerde buurt",
            parent=wijk,
        )
    assert "code" in excinfo.value.message_dict


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
