"""The surveys API: published surveys are public, drafts only for their staff; results only
once finished (staff earlier), with the five-respondent floor and open answers for staff
only; staff start surveys and make codes. Responses are checked against the project's own
OpenAPI schema."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from wijkwerk.core.tests.openapi import assert_matches_schema
from wijkwerk.surveys import services
from wijkwerk.surveys.models import InvitationCode, Survey

from .factories import close, days, respond

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_published_surveys_are_public_with_their_questions(api, survey, municipality, treasurer):
    services.survey_create(
        municipality=municipality, actor=treasurer, title="Concept", opens_on=days(1),
        closes_on=days(5),
    )  # fmt: skip
    data = api.get("/api/v1/surveys/", {"municipality": municipality.slug}).json()
    assert_matches_schema(data, "Survey", many=True)
    assert [s["id"] for s in data] == [survey.pk]
    assert data[0]["answerable"] is True and len(data[0]["questions"]) == 10
    one = api.get(f"/api/v1/surveys/{survey.pk}/").json()
    assert_matches_schema(one, "Survey")
    scale = next(q for q in one["questions"] if q["key"] == "rapportcijfer-buurt")
    assert (scale["scale_min"], scale["scale_max"]) == (1, 10)
    api.force_authenticate(treasurer)
    assert len(api.get("/api/v1/surveys/").json()) == 2


def test_results_are_hidden_until_the_close_then_floored(api, survey, treasurer, wijk, wijk2):
    respond(survey, treasurer, n=6, area=wijk, age_group="30-49", text="Meer groen")
    respond(survey, treasurer, n=3, area=wijk2, age_group="65+")
    url = f"/api/v1/surveys/{survey.pk}/results/"
    assert api.get(url).status_code == 404
    close(survey)
    data = api.get(url).json()
    assert_matches_schema(data, "SurveyResults")
    assert data["respondents"] == 9
    groups = {(g["kind"], g["wijk"], g["age_group"]): g for g in data["groups"]}
    small = groups[("wijk", wijk2.pk, None)]
    assert (small["respondents"], small["hidden"]) == (None, "few")
    assert all(f["answered"] is None and f["bars"] == [] for f in small["figures"])
    assert groups[("wijk", wijk.pk, None)]["hidden"] == "protect"
    assert all(not f["texts"] for g in data["groups"] for f in g["figures"])
    everyone = groups[("all", None, None)]
    cijfer = next(f for f in everyone["figures"] if f["key"] == "rapportcijfer-buurt")
    assert cijfer["answered"] == 9 and cijfer["mean"] == 7
    api.force_authenticate(treasurer)
    staff = api.get(url).json()
    texts = [f for f in staff["groups"][0]["figures"] if f["key"] == "verbeteren"][0]["texts"]
    assert texts == ["Meer groen"] * 6


def test_staff_start_a_burgerpeiling_and_make_codes(api, municipality, treasurer, resident, wijk):
    body = {
        "municipality": municipality.slug,
        "template": "burgerpeiling",
        "opens_on": days(0).isoformat(),
        "closes_on": days(14).isoformat(),
        "distribution": "panel",
    }
    assert api.post("/api/v1/surveys/", body, format="json").status_code == 403
    api.force_authenticate(resident)
    assert api.post("/api/v1/surveys/", body, format="json").status_code == 403
    api.force_authenticate(treasurer)
    bad = api.post("/api/v1/surveys/", {**body, "closes_on": days(-1).isoformat()}, format="json")
    assert bad.status_code == 400
    assert bad.json() == {"closes_on": ["The survey cannot close before it opens."]}
    created = api.post("/api/v1/surveys/", body, format="json")
    assert created.status_code == 201
    assert_matches_schema(created.json(), "Survey")
    survey = Survey.objects.get()
    assert survey.questions.count() == 10 and survey.series == "burgerpeiling"
    services.survey_open(survey=survey, actor=treasurer)
    codes = api.post(
        f"/api/v1/surveys/{survey.pk}/codes/", {"count": 4, "area": wijk.code}, format="json"
    )
    assert codes.status_code == 201 and codes["Cache-Control"] == "no-store"
    assert_matches_schema(codes.json(), "SurveyCodes")
    assert len(codes.json()["codes"]) == 4
    assert InvitationCode.objects.filter(area=wijk).count() == 4
    api.force_authenticate(resident)
    refused = api.post(f"/api/v1/surveys/{survey.pk}/codes/", {"count": 1}, format="json")
    assert refused.status_code == 403
    assert InvitationCode.objects.count() == 4


def test_a_draft_is_missing_for_everyone_but_its_staff(api, municipality, treasurer):
    draft = services.survey_create(
        municipality=municipality, actor=treasurer, title="Concept", opens_on=days(1),
        closes_on=days(5),
    )  # fmt: skip
    assert api.get(f"/api/v1/surveys/{draft.pk}/").status_code == 404
    assert api.get(f"/api/v1/surveys/{draft.pk}/results/").status_code == 404
