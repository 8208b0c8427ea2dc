"""The results of a survey, computed from known answers, and the five-respondent floor: no
figure for a group of fewer than five, and no figure from which such a group's can be worked
out (the groups add up: wijken to the whole, age groups to a wijk)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wijkwerk.surveys.models import Survey
from wijkwerk.surveys.results import (
    ALL,
    FEW,
    MIN_RESPONDENTS,
    PROTECT,
    _keys,
    _sums,
    hidden_groups,
    series_trends,
    survey_results,
)

from .factories import days, open_survey, respond

pytestmark = pytest.mark.django_db


# --- the suppression rule on its own ---------------------------------------------------------


def _wijken(total, **wijken):
    counts = {"all": total, **wijken}
    return hidden_groups(counts, [("all", list(wijken))])


def test_small_groups_are_hidden_and_so_is_what_would_give_them_away():
    assert _wijken(12, a=8, b=4) == {"b": FEW, "a": PROTECT}
    assert _wijken(16, a=10, b=3, c=3) == {"b": FEW, "c": FEW}  # b+c = 6: nobody singled out
    assert _wijken(13, a=5, b=4, c=4) == {"b": FEW, "c": FEW}
    assert _wijken(13, a=5, b=4, c=1, d=3) == {"b": FEW, "c": FEW, "d": FEW}
    assert _wijken(10, a=5, b=5) == {}
    assert _wijken(4, a=2, b=2) == {"all": FEW, "a": FEW, "b": FEW}


def test_a_hidden_group_is_not_given_away_by_its_own_parts():
    """Wijk a is hidden to protect b, but a's age groups add up to a: hide one of them too."""
    counts = {"all": 10, "a": 6, "b": 4, "a-young": 6, "b-young": 4, "young": 10}
    sums = [("all", ["a", "b"]), ("a", ["a-young"]), ("b", ["b-young"]), ("all", ["young"])]
    sums += [("young", ["a-young", "b-young"])]
    hidden = hidden_groups(counts, sums)
    assert {"b", "b-young", "a", "a-young"} <= set(hidden)
    assert "all" not in hidden and "young" not in hidden


def _rank(matrix) -> int:
    return int(np.linalg.matrix_rank(np.array(matrix))) if matrix else 0


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(["16-29", "30-49", "50-64", "65+", ""])),
        max_size=45,
    )
)
def test_no_small_group_can_be_worked_out_from_what_is_shown(respondents):
    """For any set of respondents: every group under the floor is hidden, none of their
    counts is determined by the shown counts and the sums (checked by rank, apart from the
    implementation), and the hidden parts of a shown total add up to zero or five and more."""
    counts: dict = {ALL: len(respondents)}
    for wijk, age in respondents:
        for key in _keys(wijk, age)[1:]:
            counts[key] = counts.get(key, 0) + 1
    sums = _sums(set(counts))
    hidden = hidden_groups(counts, sums)
    assert all(g in hidden for g, n in counts.items() if n < MIN_RESPONDENTS)
    columns = {g: i for i, g in enumerate(hidden)}
    rows = []
    for total, parts in sums:
        row = [0.0] * len(columns)
        for g, sign in [(total, 1), *[(p, -1) for p in parts if p in counts]]:
            if g in columns:
                row[columns[g]] += sign
        if any(row):
            rows.append(row)
    for g, i in columns.items():
        if 0 < counts[g] < MIN_RESPONDENTS:
            unit = [0.0] * len(columns)
            unit[i] = 1.0
            assert _rank([*rows, unit]) > _rank(rows), f"{g} can be worked out"
    for total, parts in sums:
        if total not in hidden:
            gap = sum(counts[p] for p in parts if p in hidden)
            assert gap == 0 or gap >= MIN_RESPONDENTS


# --- a survey's figures --------------------------------------------------------------------


@pytest.fixture
def answered(survey, treasurer, wijk, wijk2):
    """Six respondents of 30–49 in wijk, three of 65+ in wijk2 (answering differently)."""
    respond(survey, treasurer, n=4, area=wijk, age_group="30-49", cijfer=8, actief="Nee")
    respond(survey, treasurer, n=2, area=wijk, age_group="30-49", cijfer=5, actief="Ja, regelmatig")
    respond(survey, treasurer, n=3, area=wijk2, age_group="65+", cijfer=9, text="Meer bankjes")
    return survey


def _figure(group, key):
    return next(f for f in group.figures if f.question.key == key)


def test_the_figures_for_everyone_follow_from_the_answers(answered):
    results = survey_results(survey=answered)
    assert results.respondents == 9
    cijfer = _figure(results.overall, "rapportcijfer-buurt")
    assert cijfer.answered == 9
    assert cijfer.mean == pytest.approx((4 * 8 + 2 * 5 + 3 * 9) / 9)
    assert [(b.label, b.count) for b in cijfer.bars if b.count] == [("5", 2), ("8", 4), ("9", 3)]
    actief = _figure(results.overall, "actief")
    assert [(b.label, b.count) for b in actief.bars] == [
        ("Ja, regelmatig", 2),
        ("Ja, een enkele keer", 0),
        ("Nee", 7),
    ]
    assert actief.bars[2].percent == pytest.approx(700 / 9)
    assert actief.bars[2].width == "77.8%"


def test_every_breakdown_that_would_single_out_three_respondents_is_hidden(answered, wijk2):
    results = survey_results(survey=answered, include_texts=True)
    hidden = {g.key: g.hidden for g in results.groups() if g.hidden}
    assert hidden[("wijk", wijk2.pk)] == FEW
    assert hidden[("age", "65+")] == FEW
    # wijk 1 (6) and 30–49 (6) would give wijk2 and 65+ away as the total minus them.
    assert {g.kind for g in results.groups() if not g.hidden} == {"all"}
    for group in results.groups()[1:]:
        assert group.respondents is None
        assert all(f.hidden and f.answered is None and not f.bars for f in group.figures)
        assert all(f.mean is None and not f.texts for f in group.figures)


def test_open_answers_need_five_who_gave_one_and_staff(survey, treasurer, wijk):
    respond(survey, treasurer, n=6, area=wijk)
    respond(survey, treasurer, n=4, area=wijk, text="Meer groen")
    text = _figure(survey_results(survey=survey, include_texts=True).overall, "verbeteren")
    assert (text.hidden, text.texts) == (FEW, [])  # ten respondents, but four texts
    respond(survey, treasurer, n=1, area=wijk, text="Een buurthuis")
    text = _figure(survey_results(survey=survey, include_texts=True).overall, "verbeteren")
    assert text.answered == 5
    assert text.texts == ["Een buurthuis", *["Meer groen"] * 4]
    public = _figure(survey_results(survey=survey).overall, "verbeteren")
    assert public.texts == []


def test_a_survey_with_fewer_than_five_respondents_shows_nothing(survey, treasurer, wijk):
    respond(survey, treasurer, n=4, area=wijk, age_group="16-29")
    results = survey_results(survey=survey, include_texts=True)
    assert results.respondents is None
    assert all(g.hidden and g.respondents is None for g in results.groups())
    assert all(not f.bars and f.mean is None for g in results.groups() for f in g.figures)


def test_breakdowns_of_large_enough_groups_are_shown(survey, treasurer, wijk, wijk2):
    respond(survey, treasurer, n=5, area=wijk, age_group="30-49", cijfer=6)
    respond(survey, treasurer, n=5, area=wijk2, age_group="30-49", cijfer=8)
    respond(survey, treasurer, n=5, area=wijk2, age_group="65+", cijfer=10)
    results = survey_results(survey=survey)
    by_wijk = {g.key[1]: g for g in results.by_wijk}
    assert by_wijk[wijk.pk].respondents == 5
    assert _figure(by_wijk[wijk2.pk], "rapportcijfer-buurt").mean == 9
    assert [g.label for g in results.by_age] == ["30 to 49 years", "65 years or older"]
    assert [g.respondents for g in results.by_wijk_age] == [5, 5, 5]


def test_the_same_questions_are_compared_over_the_years(municipality, treasurer, wijk):
    last_year = open_survey(municipality=municipality, actor=treasurer)
    respond(last_year, treasurer, n=5, area=wijk, cijfer=6)
    Survey.objects.filter(pk=last_year.pk).update(opens_on=days(-400), closes_on=days(-380))
    this_year = open_survey(municipality=municipality, actor=treasurer)
    respond(this_year, treasurer, n=3, area=wijk, cijfer=8)
    trends = {t.key: t for t in series_trends(survey=this_year)}
    assert "verbeteren" not in trends  # open answers are not compared
    years = trends["rapportcijfer-buurt"].years
    assert [y.survey.pk for y in years] == [last_year.pk, this_year.pk]
    assert years[0].figure.mean == 6
    assert years[1].figure.hidden == FEW  # three respondents this year
