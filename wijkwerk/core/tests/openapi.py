"""Validate API responses against the project's own OpenAPI 3.1 schema."""

from functools import cache

import jsonschema
from django.test import Client


@cache
def _schema() -> dict:
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def assert_matches_schema(data, component: str, many: bool = False) -> None:
    """Raise if `data` does not fit `#/components/schemas/<component>`."""
    schema = _schema()
    ref = {"$ref": f"#/components/schemas/{component}"}
    target = {"type": "array", "items": ref} if many else ref
    validator = jsonschema.Draft202012Validator(
        {**target, "components": schema["components"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(data)
