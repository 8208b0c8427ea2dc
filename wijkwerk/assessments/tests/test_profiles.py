"""Profiles computed from known answers, worked out by hand; the weakest points."""

import pytest

from wijkwerk.assessments.profiles import assessment_profile, strength

from .factories import score

pytestmark = pytest.mark.django_db


def test_a_valkuil_is_turned_round():
    assert strength(4, scale_max=4, reversed=True) == 1
    assert strength(1, scale_max=4, reversed=True) == 4
    assert strength(3, scale_max=4, reversed=False) == 3


def test_section_averages_spread_and_weakest_points_from_known_answers(assessment, colleague):
    # Breed bereik: kansen 1 (4) and 2 (2), valkuilen 8 (4 → strength 1) and 9 (1 → 4).
    # Actief faciliteren: kans 14 (1). Rugdekking: kans 94 (3), valkuil 97 (2 → 3).
    score(assessment, colleague, {1: 4, 2: 2, 8: 4, 9: 1, 14: 1, 94: 3, 97: 2})
    profile = assessment_profile(assessment=assessment)
    by_key = {s.section.key: s for s in profile.sections}

    breed = by_key["breed-bereik"]
    assert breed.scored == 4 and len(breed.points) == 13
    assert breed.mean == pytest.approx(11 / 4)  # (4 + 2 + 1 + 4) / 4
    # deviations 1.25, -0.75, -1.75, 1.25: squares add up to 6.75, over 4 is 1.6875
    assert breed.spread == pytest.approx(1.6875**0.5)
    assert by_key["actief-faciliteren"].mean == 1 and by_key["actief-faciliteren"].spread == 0
    assert by_key["rugdekking"].mean == 3 and by_key["rugdekking"].spread == 0
    assert by_key["profiel"].mean is None and by_key["profiel"].scored == 0

    assert profile.scored == 7 and profile.points == 97
    assert profile.mean == pytest.approx(18 / 7)
    # Lowest strength first, ties in the checklist's order; strength 4 is not weak.
    assert [r.point.number for r in profile.weakest] == [8, 14, 2, 94, 97]
    assert [r.strength for r in profile.weakest] == [1, 1, 2, 3, 3]


def test_the_chart_geometry_follows_the_scale(assessment, colleague):
    score(assessment, colleague, {1: 4, 2: 2, 14: 1})
    by_key = {s.section.key: s for s in assessment_profile(assessment=assessment).sections}
    assert by_key["breed-bereik"].bar == "66.7%"  # mean 3 on 1..4
    assert by_key["breed-bereik"].whisker == ("33.3%", "100.0%")  # 3 ± 1
    assert (
        by_key["actief-faciliteren"].bar == "0.0%" and by_key["actief-faciliteren"].whisker is None
    )
