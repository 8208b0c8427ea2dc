"""The survey pages: answering with a code (and every refusal shown on the form, nothing
saved), the rate limit on code attempts, the results page and CSV with the five-respondent
floor and open answers for staff only, and the staff pages."""

import csv
import io

import pytest
from django.test import Client

from wijkwerk.surveys import services
from wijkwerk.surveys.models import InvitationCode, Response, Status, Survey
from wijkwerk.surveys.views import CODE_ATTEMPTS_PER_HOUR

from .factories import close, days, full_answers, question, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """A visitor who chose English: messages are asserted in their source text."""
    client = Client()
    client.cookies["django_language"] = "en"
    return client


def _url(survey, suffix=""):
    return f"/gemeente/{survey.municipality.slug}/peilingen/{survey.pk}/{suffix}"


def _post_data(survey, code, **overrides):
    data = {"code": code}
    for pk, value in full_answers(survey).items():
        data[f"question_{pk}"] = value
    data.update(overrides)
    return data


def test_the_list_shows_published_surveys_and_drafts_only_to_staff(
    client, survey, municipality, treasurer
):
    draft = services.survey_create(
        municipality=municipality, actor=treasurer, title="Concept", opens_on=days(1),
        closes_on=days(9),
    )  # fmt: skip
    page = client.get(f"/gemeente/{municipality.slug}/peilingen/").content.decode()
    assert survey.title in page and "Concept" not in page
    assert client.get(_url(draft)).status_code == 404
    client.force_login(treasurer)
    page = client.get(f"/gemeente/{municipality.slug}/peilingen/").content.decode()
    assert "Concept" in page
    assert client.get(_url(draft)).status_code == 200


def test_a_resident_answers_with_a_code_once(client, survey, treasurer, wijk):
    code = services.invitation_codes_generate(survey=survey, actor=treasurer, count=1)[0]
    page = client.get(_url(survey)).content.decode()
    assert "Your invitation code" in page and question(survey, "rapportcijfer-buurt").text in page
    response = client.post(
        _url(survey, "antwoorden/"), _post_data(survey, code, area=wijk.pk, age_group="65+")
    )
    assert response.status_code == 302
    assert Response.objects.get().area == wijk
    again = client.post(_url(survey, "antwoorden/"), _post_data(survey, code))
    assert again.status_code == 400
    assert "This code has already been used to answer." in again.content.decode()
    assert Response.objects.count() == 1


def test_a_value_outside_the_scale_is_refused_on_the_form(client, survey, treasurer):
    code = services.invitation_codes_generate(survey=survey, actor=treasurer, count=1)[0]
    cijfer = question(survey, "rapportcijfer-buurt")
    response = client.post(
        _url(survey, "antwoorden/"), _post_data(survey, code, **{f"question_{cijfer.pk}": 11})
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Response.objects.exists()
    assert not InvitationCode.objects.filter(used=True).exists()


def test_code_attempts_are_rate_limited(client, survey):
    for _i in range(CODE_ATTEMPTS_PER_HOUR):
        client.post(_url(survey, "antwoorden/"), _post_data(survey, "WRONG-CODE"))
    response = client.post(_url(survey, "antwoorden/"), _post_data(survey, "WRONG-CODE"))
    assert "Too many attempts from this address" in response.content.decode()


def test_a_closed_survey_takes_no_answers(client, survey, treasurer):
    code = services.invitation_codes_generate(survey=survey, actor=treasurer, count=1)[0]
    close(survey)
    assert "Send my answers" not in client.get(_url(survey)).content.decode()
    response = client.post(_url(survey, "antwoorden/"), _post_data(survey, code), follow=True)
    assert "answers can no longer be given" in response.content.decode()
    assert not Response.objects.exists()


# --- results -------------------------------------------------------------------------------


@pytest.fixture
def answered(survey, treasurer, wijk, wijk2):
    respond(survey, treasurer, n=5, area=wijk, age_group="30-49", cijfer=8, text="Meer groen")
    respond(survey, treasurer, n=5, area=wijk2, age_group="30-49", cijfer=6)
    respond(survey, treasurer, n=2, area=wijk2, age_group="65+", cijfer=1, text="Mijn straat")
    return close(survey)


def test_results_are_public_only_after_the_close(client, survey, treasurer, wijk):
    respond(survey, treasurer, n=5, area=wijk)
    assert client.get(_url(survey, "uitkomsten/")).status_code == 404
    assert client.get(_url(survey, "uitkomsten.csv")).status_code == 404
    client.force_login(treasurer)
    assert "interim figures" in client.get(_url(survey, "uitkomsten/")).content.decode()


def test_the_results_page_applies_the_floor_and_keeps_open_answers_for_staff(
    client, answered, treasurer
):
    page = client.get(_url(answered, "uitkomsten/")).content.decode()
    assert "12 respondents." in page
    assert "65 years or older: fewer than 5 respondents" in page
    # 30–49 (10) would give 65+ (2) away as 12 minus 10.
    assert "30 to 49 years: not shown, so that a smaller group cannot be worked out" in page
    assert "<svg" in page and 'class="chosen"' in page
    assert "Meer groen" not in page and "Mijn straat" not in page
    client.force_login(treasurer)
    page = client.get(_url(answered, "uitkomsten/")).content.decode()
    # Seven texts for everyone. Wijk2 gave two, so none are shown there, and neither are
    # wijk 1's five: the whole minus wijk 1 would single out wijk2's two.
    assert page.count("Meer groen") == 5
    assert page.count("Mijn straat") == 2


def test_the_csv_applies_the_floor(client, answered, wijk2):
    rows = list(
        csv.DictReader(io.StringIO(client.get(_url(answered, "uitkomsten.csv")).content.decode()))
    )
    assert {r["respondents"] for r in rows if r["group"] == "65 years or older"} == {
        "fewer than 5 respondents"
    }
    small = [r for r in rows if r["group"] == f"{wijk2.name} · 65 years or older"]
    assert small and all(r["count"] == "" and r["mean"] == "" for r in small)
    everyone = [
        r for r in rows if r["group_kind"] == "all" and r["question_key"] == "rapportcijfer-buurt"
    ]
    assert everyone[0]["respondents"] == "12"
    assert float(everyone[0]["mean"]) == pytest.approx((5 * 8 + 5 * 6 + 2 * 1) / 12)
    assert not any("Meer groen" in value for r in rows for value in r.values())


# --- staff ---------------------------------------------------------------------------------


def test_staff_start_the_standard_burgerpeiling_in_one_step(
    client, municipality, treasurer, resident
):
    start = f"/gemeente/{municipality.slug}/peilingen/nieuw/"
    client.force_login(resident)
    assert client.get(start).status_code == 404
    client.force_login(treasurer)
    response = client.post(
        start,
        {"template": "burgerpeiling", "opens_on": days(1).isoformat(),
         "closes_on": days(20).isoformat(), "distribution": "panel"},
    )  # fmt: skip
    survey = Survey.objects.get()
    assert response.status_code == 302 and response["Location"] == _url(survey, "beheer/")
    assert survey.questions.count() == 10 and survey.status == Status.DRAFT


def test_staff_add_questions_open_and_make_codes_once(client, municipality, treasurer, resident):
    survey = services.survey_create(
        municipality=municipality, actor=treasurer, title="Kort", opens_on=days(0),
        closes_on=days(9),
    )  # fmt: skip
    client.force_login(resident)
    assert client.get(_url(survey, "beheer/")).status_code == 404
    client.force_login(treasurer)
    bad = client.post(
        _url(survey, "beheer/question/"), {"kind": "single", "text": "Ja?", "options": "Ja"}
    )
    assert bad.status_code == 400 and "at least two answers" in bad.content.decode()
    client.post(
        _url(survey, "beheer/question/"),
        {"kind": "single", "text": "Ja?", "options": "Ja\nNee", "required": "on"},
    )
    assert client.post(_url(survey, "beheer/open/")).status_code == 302
    survey.refresh_from_db()
    assert survey.status == Status.OPEN
    response = client.post(_url(survey, "beheer/codes/"), {"count": 3})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Cache-Control"] == "no-store"
    codes = response.content.decode().split()[1:]
    assert len(codes) == 3 and InvitationCode.objects.count() == 3
    assert not any(
        c.replace("-", "") in InvitationCode.objects.values_list("code_hash", flat=True)
        for c in codes
    )
    services.response_submit(
        survey=survey,
        code=codes[0],
        answers={survey.questions.get().pk: survey.questions.get().options.first().pk},
    )
    refused = client.post(_url(survey, "beheer/question/"), {"kind": "open", "text": "Nog?"})
    assert refused.status_code == 400 and "already answered" in refused.content.decode()
    assert survey.questions.count() == 1
