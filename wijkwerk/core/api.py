"""API plumbing every app shares: one error shape, in the user's language."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

# The refusals every write documents in the schema (a view adds its own 404).
FIELD_ERRORS = OpenApiResponse(description="Field errors, in Dutch: {field: [messages]}")
NOT_ALLOWED = OpenApiResponse(description="Not logged in, no role that allows this, or no TOTP yet")


def exception_handler(exc, context):
    """DRF's handler, plus Django's ValidationError from services as a 400 with field errors."""
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": [str(m) for m in exc.messages]}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)


@contextmanager
def api_field_names(renames: dict[str, str]) -> Iterator[None]:
    """Report a service's field errors under the names the API uses for those fields."""
    try:
        yield
    except DjangoValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise DjangoValidationError(
            {renames.get(field, field): errors for field, errors in error.error_dict.items()}
        ) from error


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict[str, Any]:
    """The input serializer's validated data, or a 400 with its field errors."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
