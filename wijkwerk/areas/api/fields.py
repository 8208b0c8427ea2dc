"""Serializer fields for CBS codes, so that every app's API names areas the same way."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
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


def municipality_slug_field(**kwargs: Any) -> serializers.SlugRelatedField:
    """A municipality given by its slug (den-helder), as in the site's addresses."""
    return serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Municipality.objects.all(),
        help_text=_("Slug of the municipality (e.g. den-helder)"),
        error_messages={"does_not_exist": _("There is no municipality with slug {value}.")},
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


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 1},
            {"type": "string", "pattern": "^[A-Za-z]{2}[0-9]{4,8}$"},
        ]
    }
)
class IdOrCodeField(serializers.RelatedField):
    """An area or municipality given by its id (12) or its CBS code (WK040001, GM0400).

    `not_found` is the whole error message for an unknown one, with `{value}` for the input.
    """

    default_error_messages = {"invalid": _("Give an id or a CBS code.")}

    def __init__(self, *, not_found: str, **kwargs: Any) -> None:
        kwargs.setdefault("error_messages", {})["does_not_exist"] = not_found
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Model:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("invalid")
        value = str(data).strip().upper()
        lookup = {"pk": int(value)} if value.isdigit() else {"code": value}
        try:
            return self.get_queryset().get(**lookup)
        except (ObjectDoesNotExist, ValueError, OverflowError):
            self.fail("does_not_exist", value=str(data).strip())

    def to_representation(self, value: Model) -> int:
        return value.pk


# Areas by id or CBS code, with the messages every app's API gives for an unknown one.


def wijk_ref_field(**kwargs: Any) -> IdOrCodeField:
    return IdOrCodeField(
        queryset=Area.objects.wijken(),
        not_found=_("There is no wijk or village with id or CBS code {value}."),
        help_text=_("Id or CBS code (e.g. WK040001) of the wijk or village"),
        **kwargs,
    )


def buurt_ref_field(**kwargs: Any) -> IdOrCodeField:
    return IdOrCodeField(
        queryset=Area.objects.buurten(),
        not_found=_("There is no buurt with id or CBS code {value}."),
        help_text=_("Id or CBS code (e.g. BU04000101) of a buurt in the wijk"),
        **kwargs,
    )


def municipality_ref_field(**kwargs: Any) -> IdOrCodeField:
    return IdOrCodeField(
        queryset=Municipality.objects.all(),
        not_found=_("There is no municipality with id or CBS code {value}."),
        help_text=_("Id or CBS code (e.g. GM0400) of the municipality"),
        **kwargs,
    )


def area_codes_field(**kwargs: Any) -> serializers.ManyRelatedField:
    """Other wijken or buurten a topic also concerns (topics across borders), as CBS codes.
    Which of them fit is for the topic's service to say."""
    kwargs.setdefault("required", False)
    return CbsCodeField(
        queryset=Area.objects.all(),
        many=True,
        not_found=_("There is no area with CBS code {value}."),
        help_text=_(
            "CBS codes of the other wijken or buurten of the same municipality this also "
            'concerns, e.g. ["WK077701"]'
        ),
        **kwargs,
    )


def area_codes_read_field() -> serializers.ManyRelatedField:
    return serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        read_only=True,
        help_text=_("CBS codes of the other wijken or buurten it also concerns"),
    )


def area_refs_field(**kwargs: Any) -> serializers.ManyRelatedField:
    """Other wijken or buurten a topic also concerns, each by id or CBS code."""
    kwargs.setdefault("required", False)
    return IdOrCodeField(
        queryset=Area.objects.all(),
        many=True,
        not_found=_("There is no area with id or CBS code {value}."),
        help_text=_("Ids or CBS codes of the other wijken or buurten of the municipality"),
        **kwargs,
    )
