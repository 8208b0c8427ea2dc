"""Serializer fields for CBS codes, so that every app's API names areas the same way."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.areas.models import Area, Municipality


class CbsCodeField(serializers.SlugRelatedField):
    """A municipality or area given by its CBS code (GM0400, WK040001); case does not matter.

    `not_found` is the whole error message for an unknown code, with `{value}` for the code.
    """

    def __init__(self, *, not_found: str, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})["does_not_exist"] = not_found
        super().__init__(slug_field="code", **kwargs)

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(str(data).strip().upper())


def municipality_code_field(**kwargs: Any) -> CbsCodeField:
    return CbsCodeField(
        queryset=Municipality.objects.all(),
        not_found=_("There is no municipality with CBS code {value}."),
        help_text=_("CBS code of the municipality, e.g. GM0400"),
        **kwargs,
    )


def wijk_code_field(**kwargs: Any) -> CbsCodeField:
    return CbsCodeField(
        queryset=Area.objects.wijken(),
        not_found=_("There is no wijk or village with CBS code {value}."),
        help_text=_("CBS code of the wijk or village, e.g. WK040001"),
        **kwargs,
    )


def buurt_code_field(**kwargs: Any) -> CbsCodeField:
    return CbsCodeField(
        queryset=Area.objects.buurten(),
        not_found=_("There is no buurt with CBS code {value}."),
        help_text=_("CBS code of the buurt, e.g. BU04000101"),
        **kwargs,
    )
