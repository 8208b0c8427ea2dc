"""The demo's burgerpeiling: built through the services, last year's closed and this year's
open in Etten-Leur, with results per wijk and over the years, and printed codes that work;
`demo --reset` removes and rebuilds it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from wijkwerk.surveys import services
from wijkwerk.surveys.models import Response, Status, Survey
from wijkwerk.surveys.results import FEW, series_trends, survey_results

from .factories import full_answers


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_a_burgerpeiling_to_compare_and_one_to_answer():
    out = StringIO()
    call_command("demo", stdout=out)
    codes = re.search(
        r"burgerpeiling of Etten-Leur \(shown only now\): (.+)$", out.getvalue(), re.M
    )
    assert codes is not None
    last, current = Survey.objects.filter(municipality__code="GM0777").order_by("opens_on")
    assert last.status == Status.CLOSED and last.is_finished()
    assert current.is_answerable() and current.series == last.series == "burgerpeiling"
    results = survey_results(survey=last)
    assert results.respondents == 44
    by_wijk = {g.label: g for g in results.by_wijk}
    assert by_wijk["Midden woongebied"].respondents == 24
    assert by_wijk["Midden landelijk gebied"].hidden == FEW
    assert len(series_trends(survey=current)[0].years) == 2

    code = codes.group(1).split(", ")[0]
    services.response_submit(survey=current, code=code, answers=full_answers(current))
    assert Response.objects.filter(survey=current).count() == 16
    page = Client().get(f"/gemeente/etten-leur/peilingen/{last.pk}/uitkomsten/")
    assert page.status_code == 200

    call_command("demo", "--reset", stdout=StringIO())
    assert Survey.objects.filter(municipality__code="GM0777").count() == 2
