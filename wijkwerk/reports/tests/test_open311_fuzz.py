"""Open311 fuzzed with schemathesis from the GeoReport v2 swagger file (../shared/data).

Every generated request, as generated and again aimed at our jurisdiction with a valid
api_key, must get no server error, and an answer in the GeoReport shape: a 200 body valid
against the GeoReport JSON Schema of that endpoint, or the standard error list.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

SCHEMAS = Path(settings.BASE_DIR).parent / "shared" / "data" / "open311" / "georeport-v2"
if not (SCHEMAS / "swagger.json").exists():
    pytest.skip(
        f"GeoReport v2 swagger file not found at {SCHEMAS} (../shared/data is absent)",
        allow_module_level=True,
    )

import schemathesis  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from wijkwerk.accounts.tests.factories import UserFactory  # noqa: E402

schema = schemathesis.openapi.from_path(SCHEMAS / "swagger.json")
schema.app = get_wsgi_application()

REGISTRY = Registry().with_resources(
    (path.name, Resource(contents=json.loads(path.read_text()), specification=DRAFT7))
    for path in SCHEMAS.glob("*.json")
    if path.name != "swagger.json"
)
BODY_SCHEMA = {
    "/services.{response_format}": "services.json",
    "/services/{service_code}.{response_format}": "service-definition.json",
    "/requests.{response_format}": "requests.json",
    "/request/{service_request_id}.{response_format}": "requests.json",
}
ERRORS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "required": ["code", "description"],
        "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
    },
}


def _check(case, response) -> None:
    assert response.status_code < 500, response.text
    content_type = next(
        (
            str(v[0] if isinstance(v, list) else v)
            for k, v in response.headers.items()
            if k.lower() == "content-type"
        ),
        "",
    )
    if "json" not in content_type:
        assert response.content.lstrip().startswith(b"<?xml"), response.text
        return
    body = response.json()
    if response.status_code >= 400:
        Draft7Validator(ERRORS).validate(body)
        assert body[0]["code"] == response.status_code
    elif case.method == "GET" and case.path in BODY_SCHEMA:
        name = BODY_SCHEMA[case.path]
        Draft7Validator(json.loads((SCHEMAS / name).read_text()), registry=REGISTRY).validate(body)


@pytest.fixture
def keep_connection():
    """The WSGI handler closes old database connections after each request; inside a test
    transaction that would close the test's own connection (Django's test client does the
    same disconnect)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def open311_world(boom, keep_connection):
    return Token.objects.create(user=UserFactory()).key


@pytest.mark.django_db
@schema.exclude(path_regex="tokens").parametrize()
@hypothesis_settings(
    max_examples=25,
    derandomize=True,  # the same examples on every run: CI stays reproducible
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_open311_answers_every_generated_request_in_the_georeport_shape(case, open311_world):
    base = "http://testserver/open311/v2"
    _check(case, case.call(base_url=base))
    case.path_parameters = {**(case.path_parameters or {}), "response_format": "json"}
    case.query = {**(case.query or {}), "jurisdiction_id": "GM0400", "api_key": open311_world}
    _check(case, case.call(base_url=base))
