"""Satisfaction comes from the surveys app, with its floor of five respondents."""

import datetime

from django.utils import timezone

from wijkwerk.monitoring import indicators
from wijkwerk.surveys.models import Answer, Question, QuestionKind, Response, Survey


def _survey(municipality, answers: dict, area=None) -> Survey:
    """A finished survey with one 1–5 question; `answers` maps a wijk to its values."""
    today = timezone.localdate()
    survey = Survey.objects.create(
        municipality=municipality,
        area=area,
        title="Burgerpeiling",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today - datetime.timedelta(days=1),
        status="closed",
    )
    question = Question.objects.create(
        survey=survey,
        position=1,
        key="betrokken",
        kind=QuestionKind.SCALE,
        text="Hoe tevreden bent u?",
        scale_min=1,
        scale_max=5,
    )
    for wijk, values in answers.items():
        for value in values:
            response = Response.objects.create(survey=survey, area=wijk)
            Answer.objects.create(response=response, question=question, value=value)
    return survey


def test_means_per_wijk_and_for_everyone(wijk, wijk2):
    _survey(wijk.municipality, {wijk: [4, 4, 5, 3, 4], wijk2: [2, 2, 3, 3, 2, 3]})
    rows = {r["area_id"]: r for r in indicators.satisfaction(municipality=wijk.municipality)}
    assert (rows[wijk.pk]["mean"], rows[wijk.pk]["respondents"]) == (4.0, 5)
    assert rows[wijk2.pk]["mean"] == 2.5
    assert (rows[None]["mean"], rows[None]["respondents"]) == (3.2, 11)  # 35 / 11


def test_a_small_group_gives_no_figure_nor_one_that_reveals_it(wijk, wijk2):
    _survey(wijk.municipality, {wijk: [5, 5, 5, 5, 5, 5], wijk2: [1, 1]})
    rows = {r["area_id"]: r for r in indicators.satisfaction(municipality=wijk.municipality)}
    assert rows[wijk2.pk]["mean"] is None and rows[wijk2.pk]["hidden"]
    # Shown, the larger wijk and the total would give the small one away.
    assert rows[wijk.pk]["mean"] is None and rows[wijk.pk]["hidden"]
    assert rows[None]["mean"] == 4.0


def test_open_surveys_are_not_used(wijk):
    survey = _survey(wijk.municipality, {wijk: [4] * 6})
    Survey.objects.filter(pk=survey.pk).update(
        status="open", closes_on=timezone.localdate() + datetime.timedelta(days=5)
    )
    assert indicators.satisfaction(municipality=wijk.municipality) == []
