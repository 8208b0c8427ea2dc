"""Open311 GeoReport v2: responses checked against the GeoReport JSON Schemas (from
../shared/data/open311, skipped where that folder is absent), in JSON and XML."""

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from django.conf import settings
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7
from rest_framework.authtoken.models import Token

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.reports.models import Channel, Report

SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "data" / "open311" / "georeport-v2"


def validator(name: str):
    if not SCHEMAS.is_dir():
        pytest.skip(f"GeoReport v2 schemas not found at {SCHEMAS} (../shared/data is absent)")
    registry = Registry().with_resources(
        (path.name, Resource(contents=json.loads(path.read_text()), specification=DRAFT7))
        for path in SCHEMAS.glob("*.json")
        if path.name != "swagger.json"
    )
    schema = json.loads((SCHEMAS / name).read_text())
    return Draft7Validator(schema, registry=registry)


@pytest.fixture
def boom(boom):
    """The shared Boom category, with the description Open311 lists."""
    boom.description = "Omgewaaide of zieke bomen"
    boom.save()
    return boom


@pytest.fixture
def api_key(db):
    return Token.objects.create(user=UserFactory()).key


def post(client, key, **overrides):
    data = {
        "jurisdiction_id": "GM0400",
        "api_key": key,
        "service_code": "boom",
        "lat": "52.95",
        "long": "4.76",
        "description": "Boom over het fietspad",
        "email": "melder@example.nl",
        "first_name": "Piet",
        "last_name": "Melder",
    }
    data.update(overrides)
    return client.post("/open311/v2/requests.json", data)


def test_service_list_matches_the_schema_in_json_and_xml(client, boom):
    response = client.get("/open311/v2/services.json?jurisdiction_id=GM0400")
    assert response.status_code == 200
    data = response.json()
    validator("services.json").validate(data)
    assert [s["service_code"] for s in data] == ["boom"]
    assert data[0]["group"] == "Groen"
    xml = ET.fromstring(client.get("/open311/v2/services.xml?jurisdiction_id=GM0400").content)
    assert xml.tag == "services"
    assert xml.find("service/service_code").text == "boom"
    assert xml.find("service/metadata").text == "false"


def test_service_definition(client, boom):
    response = client.get("/open311/v2/services/boom.json?jurisdiction_id=GM0400")
    validator("service-definition.json").validate(response.json())
    xml = ET.fromstring(client.get("/open311/v2/services/boom.xml?jurisdiction_id=GM0400").content)
    assert xml.tag == "service_definition" and xml.find("service_code").text == "boom"


def test_creating_and_reading_a_request_round_trips_without_personal_data(client, boom, api_key):
    response = post(client, api_key)
    assert response.status_code == 200, response.content
    created = response.json()
    report = Report.objects.get(pk=created[0]["service_request_id"])
    assert report.channel == Channel.API
    assert report.reporter_email == "melder@example.nl"

    one = client.get(f"/open311/v2/requests/{report.pk}.json?jurisdiction_id=GM0400")
    validator("requests.json").validate(one.json())
    row = one.json()[0]
    assert row["status"] == "open"
    assert row["service_code"] == "boom"
    assert "melder@example.nl" not in one.content.decode()
    assert "Melder" not in one.content.decode()

    listed = client.get("/open311/v2/requests.json?jurisdiction_id=GM0400&status=open")
    validator("requests.json").validate(listed.json())
    assert [r["service_request_id"] for r in listed.json()] == [str(report.pk)]
    xml = ET.fromstring(
        client.get(f"/open311/v2/requests/{report.pk}.xml?jurisdiction_id=GM0400").content
    )
    assert xml.tag == "service_requests"
    assert xml.find("request/service_request_id").text == str(report.pk)
    assert xml.find("request/status").text == "open"


@pytest.mark.parametrize(
    ("overrides", "status", "fragment"),
    [
        ({"service_code": "onbekend"}, 404, "onbekend"),
        ({"service_code": ""}, 400, "service_code"),
        ({"lat": ""}, 400, "lat"),
        ({"description": ""}, 400, "description"),
        ({"api_key": "wrong"}, 403, "api_key"),
        ({"jurisdiction_id": "GM9999"}, 404, "GM9999"),
    ],
)
def test_bad_requests_get_the_georeport_error_format_and_store_nothing(
    client, boom, api_key, overrides, status, fragment
):
    response = post(client, api_key, **overrides)
    assert response.status_code == status
    body = response.json()
    assert body[0]["code"] == status
    assert fragment in body[0]["description"]
    assert not Report.objects.exists()


def test_errors_in_xml(client, boom):
    response = client.get("/open311/v2/services/onbekend.xml?jurisdiction_id=GM0400")
    assert response.status_code == 404
    xml = ET.fromstring(response.content)
    assert xml.tag == "errors"
    assert xml.find("error/code").text == "404"


def test_a_flood_from_one_address_is_stopped(client, boom, api_key, settings):
    settings.WIJKWERK_OPEN311_RATE_LIMIT = 5
    for _ in range(5):
        assert post(client, api_key).status_code == 200
    response = post(client, api_key)
    assert response.status_code == 429
    assert Report.objects.count() == 5
