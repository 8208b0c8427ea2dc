"""The agreements API: the pages' permissions (drafts hidden from the public, each party signs
for itself, the owner reports, partners dispute), bad input refused with nothing saved, and
responses checked against the project's own OpenAPI schema."""

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from wijkwerk.agreements.models import Agreement, AgreementStatus, Dispute, ProgressReport
from wijkwerk.core.tests.openapi import assert_matches_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _payload(municipality, wijk, owner, partner, **values):
    payload = {
        "municipality": municipality.slug,
        "area": wijk.code,
        "kind": "prestatieafspraak",
        "title": "Meer bewoners actief",
        "reason": "Leefbaarheid",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "owner_organisation": owner.pk,
        "indicator": "Aantal actieve bewoners",
        "unit": "number",
        "baseline": "20",
        "target": "50",
        "report_every": 3,
        "parties": [
            {"organisation": owner.pk, "money_cents": 1_000_000, "hours": 200},
            {"organisation": partner.pk, "money_cents": 500_000, "hours": 100},
        ],
    }
    payload.update(values)
    return payload


def test_drafting_signing_reporting_and_disputing_through_the_api(
    api, municipality, wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff
):
    api.force_authenticate(corporatie_staff)
    refused = api.post(
        "/api/v1/agreements/", _payload(municipality, wijk, gemeente_org, corporatie), format="json"
    )
    assert refused.status_code == 403

    api.force_authenticate(wijkmanager)
    bad = api.post(
        "/api/v1/agreements/",
        _payload(municipality, wijk, gemeente_org, corporatie, unit="yes_no", target="250"),
        format="json",
    )
    assert bad.status_code == 400 and "yes or no" in bad.json()["target"][0]
    no_owner = api.post(
        "/api/v1/agreements/",
        _payload(municipality, wijk, gemeente_org, corporatie, owner_organisation=None),
        format="json",
    )
    assert no_owner.status_code == 400 and "owner_organisation" in no_owner.json()
    assert not Agreement.objects.exists()

    made = api.post(
        "/api/v1/agreements/", _payload(municipality, wijk, gemeente_org, corporatie), format="json"
    )
    assert made.status_code == 201, made.json()
    data = made.json()
    assert_matches_schema(data, "Agreement")
    pk = data["id"]
    assert data["status"] == "draft" and len(data["parties"]) == 2

    api.force_authenticate(None)
    assert api.get(f"/api/v1/agreements/{pk}/").status_code == 404
    assert api.get("/api/v1/agreements/", {"municipality": municipality.slug}).json() == []

    api.force_authenticate(wijkmanager)
    assert api.post(f"/api/v1/agreements/{pk}/submit/").status_code == 200
    api.force_authenticate(corporatie_staff)
    foreign = api.post(
        f"/api/v1/agreements/{pk}/sign/", {"organisation": gemeente_org.pk}, format="json"
    )
    assert foreign.status_code == 403
    signed = api.post(
        f"/api/v1/agreements/{pk}/sign/",
        {"organisation": corporatie.pk, "remark": "Akkoord"},
        format="json",
    )
    assert signed.status_code == 200
    assert_matches_schema(signed.json(), "Agreement")
    api.force_authenticate(wijkmanager)
    done = api.post(
        f"/api/v1/agreements/{pk}/sign/", {"organisation": gemeente_org.pk}, format="json"
    ).json()
    assert done["status"] == AgreementStatus.IN_FORCE and len(done["periods"]) == 4
    period = done["periods"][0]["id"]

    closed = api.post(
        f"/api/v1/agreements/{pk}/reports/",
        {"period": period, "value": "veel", "narrative": ""},
        format="json",
    )
    assert closed.status_code == 400 and set(closed.json()) == {"value", "narrative"}
    report = api.post(
        f"/api/v1/agreements/{pk}/reports/",
        {"period": period, "value": "31", "narrative": "Drie buurtbarbecues"},
        format="json",
    )
    assert report.status_code == 201
    assert_matches_schema(report.json(), "ProgressReport")
    report_id = report.json()["id"]

    api.force_authenticate(corporatie_staff)
    dispute = api.post(
        f"/api/v1/agreements/{pk}/reports/{report_id}/disputes/",
        {"organisation": corporatie.pk, "reason": "Wij telden er 20"},
        format="json",
    )
    assert dispute.status_code == 201
    assert_matches_schema(dispute.json(), "AgreementDispute")
    not_owner = api.post(
        f"/api/v1/agreements/{pk}/disputes/{dispute.json()['id']}/response/",
        {"response": "Toch"},
        format="json",
    )
    assert not_owner.status_code == 403
    api.force_authenticate(wijkmanager)
    answered = api.post(
        f"/api/v1/agreements/{pk}/disputes/{dispute.json()['id']}/response/",
        {"response": "De presentielijst telt 31"},
        format="json",
    )
    assert answered.status_code == 200 and answered.json()["response"]

    api.force_authenticate(None)
    public = api.get("/api/v1/agreements/", {"municipality": municipality.slug}).json()
    assert_matches_schema(public, "Agreement", many=True)
    assert [a["id"] for a in public] == [pk]
    shown = public[0]["periods"][0]["report"]
    assert shown["value"] == "31.00" and shown["disputes"][0]["organisation_name"] == str(
        corporatie
    )
    assert "signed_by" not in public[0]["parties"][0]
    assert ProgressReport.objects.count() == 1 and Dispute.objects.count() == 1


def test_a_change_through_the_api_voids_signatures(
    api, municipality, wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff
):
    api.force_authenticate(wijkmanager)
    payload = _payload(municipality, wijk, gemeente_org, corporatie)
    pk = api.post("/api/v1/agreements/", payload, format="json").json()["id"]
    api.post(f"/api/v1/agreements/{pk}/submit/")
    api.force_authenticate(corporatie_staff)
    api.post(f"/api/v1/agreements/{pk}/sign/", {"organisation": corporatie.pk}, format="json")
    api.force_authenticate(wijkmanager)
    del payload["municipality"]
    changed = api.put(
        f"/api/v1/agreements/{pk}/",
        {**payload, "target": "60", "reason_for_change": "Hoger doel"},
        format="json",
    )
    assert changed.status_code == 200
    data = changed.json()
    assert data["version"] == 2 and data["target"] == "60.00"
    assert all(p["signed_at"] is None for p in data["parties"])


def test_an_unknown_municipality_is_a_clear_error(api):
    response = api.get("/api/v1/agreements/", {"municipality": "nergens"})
    assert response.status_code == 400 and "municipality" in response.json()
