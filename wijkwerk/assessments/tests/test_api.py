"""The self-assessment API: instruments public, assessments for the team and staff only,
scores saved with a version check and bad input refused (nothing saved), the profile, and
the comparison with consenting municipalities only. Responses are checked against the
project's own OpenAPI schema."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.assessments import services
from wijkwerk.assessments.models import Score
from wijkwerk.core.tests.openapi import assert_matches_schema

from .factories import point, score, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_instruments_are_public_with_their_points(api):
    data = api.get("/api/v1/assessment-instruments/").json()
    assert_matches_schema(data, "AssessmentInstrument", many=True)
    opgaven = next(i for i in data if i["key"] == "tien-opgaven")
    assert len(opgaven["sections"]) == 10
    assert sum(len(s["points"]) for s in opgaven["sections"]) == 97
    assert opgaven["scale"][0] == {"value": 1, "label": "niet"}
    one = api.get(f"/api/v1/assessment-instruments/{opgaven['id']}/").json()
    assert_matches_schema(one, "AssessmentInstrument")


def test_assessments_are_for_the_team_and_staff_only(api, assessment, colleague):
    assert api.get("/api/v1/assessments/").status_code == 403
    api.force_authenticate(UserFactory())
    assert api.get("/api/v1/assessments/").json() == []
    assert api.get(f"/api/v1/assessments/{assessment.pk}/").status_code == 404
    assert api.get(f"/api/v1/assessments/{assessment.pk}/scores/").status_code == 404
    api.force_authenticate(colleague)
    data = api.get("/api/v1/assessments/").json()
    assert_matches_schema(data, "Assessment", many=True)
    assert [a["id"] for a in data] == [assessment.pk]
    assert data[0]["instrument_key"] == "tien-opgaven" and data[0]["area"] is None


def test_scores_are_saved_with_versions_and_bad_input_is_refused(
    api, assessment, colleague, manager, municipality
):
    url = f"/api/v1/assessments/{assessment.pk}/scores/"
    p1, p2 = point(assessment, 1), point(assessment, 2)
    good = {"point": p1.pk, "value": 3, "note": "Goed op weg", "version": 0}
    api.force_authenticate(UserFactory())
    assert api.post(url, {"scores": [good]}, format="json").status_code == 404
    api.force_authenticate(colleague)
    foreign = point(start(municipality=municipality, actor=manager, key="tien-waarden"), 1)
    for bad in [{"value": 5}, {"value": 0}, {"point": foreign.pk}]:
        entry = {**good, **bad}
        refused = api.post(url, {"scores": [{**good, "point": p2.pk}, entry]}, format="json")
        assert refused.status_code == 400, refused.json()
        assert f"point_{entry['point']}" in refused.json()
    assert not Score.objects.exists()
    made = api.post(url, {"scores": [good]}, format="json")
    assert made.status_code == 200
    assert_matches_schema(made.json(), "AssessmentScore", many=True)
    assert made.json()[0]["version"] == 1 and made.json()[0]["note"] == "Goed op weg"
    # A second team member who read version 0 is told, and nothing is overwritten.
    api.force_authenticate(manager)
    stale = api.post(url, {"scores": [{**good, "value": 1}]}, format="json")
    assert stale.status_code == 400
    assert "Someone else changed point 1" in stale.json()["non_field_errors"][0]
    assert Score.objects.get().value == 3


def test_a_completed_assessment_takes_no_scores(api, assessment, colleague, manager):
    score(assessment, colleague, {1: 2})
    services.assessment_complete(assessment=assessment, actor=manager)
    api.force_authenticate(colleague)
    refused = api.post(
        f"/api/v1/assessments/{assessment.pk}/scores/",
        {"scores": [{"point": point(assessment, 1).pk, "value": 4, "version": 1}]},
        format="json",
    )
    assert refused.status_code == 400
    assert "completed and can no longer change" in refused.json()["non_field_errors"][0]


def test_the_profile(api, assessment, colleague):
    score(assessment, colleague, {1: 4, 2: 2, 8: 4})
    api.force_authenticate(colleague)
    data = api.get(f"/api/v1/assessments/{assessment.pk}/profile/").json()
    assert_matches_schema(data, "AssessmentProfile")
    breed = data["sections"][0]
    assert (breed["key"], breed["scored"], breed["points"]) == ("breed-bereik", 3, 13)
    assert breed["mean"] == pytest.approx(7 / 3)
    assert [w["number"] for w in data["weakest"]] == [8, 2]


def test_the_comparison_shows_consenting_municipalities_only(api, assessment, colleague, manager):
    score(assessment, colleague, {1: 4, 2: 2}, notes={1: "Alleen voor het team"})
    services.assessment_complete(assessment=assessment, actor=manager)
    url = "/api/v1/assessment-comparison/"
    assert api.get(url).status_code == 400  # the instrument is required
    assert api.get(url, {"instrument": "tien-opgaven"}).json() == []
    services.assessment_share(assessment=assessment, actor=manager)
    data = api.get(url, {"instrument": "tien-opgaven"}).json()
    assert_matches_schema(data, "AssessmentComparison", many=True)
    assert [d["municipality"] for d in data] == ["den-helder"]
    assert data[0]["sections"][0] == {"key": "breed-bereik", "title": "Breed bereik", "mean": 3.0}
    assert "Alleen voor het team" not in str(data)
    services.assessment_unshare(assessment=assessment, actor=manager)
    assert api.get(url, {"instrument": "tien-opgaven"}).json() == []
