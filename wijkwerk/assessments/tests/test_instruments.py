"""The shipped instruments: complete as in their sources, versioned, loaded once."""

import pytest

from wijkwerk.assessments.instruments import (
    KANS,
    VALKUIL,
    ShippedVersionChanged,
    instruments_load,
    shipped,
)
from wijkwerk.assessments.models import Instrument, Point, PointKind
from wijkwerk.assessments.selectors import instrument_get

pytestmark = pytest.mark.django_db


def _kinds(instrument, section_key):
    points = Point.objects.filter(section__instrument=instrument, section__key=section_key)
    return (
        points.filter(kind=PointKind.KANS).count(),
        points.filter(kind=PointKind.VALKUIL).count(),
    )


def test_the_ten_values_are_ten_sections_of_one_point_each():
    waarden = instrument_get(key="tien-waarden")
    assert waarden.sections.count() == 10
    assert Point.objects.filter(section__instrument=waarden).count() == 10
    assert [s.title for s in waarden.sections.all()][:3] == [
        "Samenwerking", "Schaal", "Integraal",
    ]  # fmt: skip
    assert waarden.scale_labels == ["niet", "deels", "grotendeels", "volledig"]


def test_the_ten_opgaven_have_97_points_with_kansen_and_valkuilen_as_in_the_checklist():
    opgaven = instrument_get(key="tien-opgaven")
    assert opgaven.sections.count() == 10
    points = Point.objects.filter(section__instrument=opgaven)
    assert sorted(points.values_list("number", flat=True)) == list(range(1, 98))
    assert points.filter(kind=KANS).count() == 56
    assert points.filter(kind=VALKUIL).count() == 41
    expected = {
        "breed-bereik": (7, 6), "actief-faciliteren": (6, 6), "open-podium": (7, 4),
        "structuur-en-methodiek": (7, 5), "samenwerking-met-mandaat": (6, 7),
        "ruimte-vrij-maken": (4, 4), "ruimte-voor-professionals": (5, 3),
        "dienstverlening": (5, 3), "profiel": (6, 2), "rugdekking": (3, 1),
    }  # fmt: skip
    assert {key: _kinds(opgaven, key) for key in expected} == expected
    # Numbered straight through, as in the checklist: opgave 10 holds 94 to 97.
    rugdekking = points.filter(section__key="rugdekking").order_by("number")
    assert list(rugdekking.values_list("number", flat=True)) == [94, 95, 96, 97]


def test_actie_comes_in_two_versions_with_the_five_aspects():
    for key in ("actie-frontlijn", "actie-beleid"):
        actie = instrument_get(key=key)
        assert [s.key for s in actie.sections.all()] == [
            "animo", "contact", "toerusting", "inbedding", "empathie",
        ]  # fmt: skip
        assert all(s.points.count() >= 3 for s in actie.sections.all())
        assert len(actie.scale_labels) == 5
    assert (
        instrument_get(key="actie-frontlijn").audience
        != instrument_get(key="actie-beleid").audience
    )


def test_initiatiefkracht_has_its_four_steps():
    steps = instrument_get(key="initiatiefkracht")
    assert [s.key for s in steps.sections.all()] == [
        "initiatiefnemer", "participant", "mede-opdrachtgever", "opdrachtgever",
    ]  # fmt: skip


def test_every_instrument_credits_its_source():
    for instrument in Instrument.objects.all():
        assert instrument.source.startswith("Naar")
        assert "eigen woorden" in instrument.source


def test_loading_again_adds_nothing_and_a_changed_shipped_version_is_refused():
    assert instruments_load() == []
    count = Point.objects.count()
    stored = Instrument.objects.get(key="tien-waarden", version=1)
    stored.checksum = "edited"
    stored.save()
    with pytest.raises(ShippedVersionChanged):
        instruments_load()
    assert Point.objects.count() == count


def test_a_new_version_is_stored_beside_the_old_one(monkeypatch):
    from dataclasses import replace

    from wijkwerk.assessments import instruments

    specs = shipped()
    newer = replace(specs[0], version=2, title="Tien waarden (herzien)")
    monkeypatch.setattr(instruments, "shipped", lambda: [*specs, newer])
    assert instruments_load() == ["tien-waarden v2"]
    assert instrument_get(key="tien-waarden").version == 2
    assert instrument_get(key="tien-waarden", version=1).title == "Tien waarden voor de eerste stap"
