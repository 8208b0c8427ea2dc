"""Agenda API: input serializers check the shape, the services apply the rules."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.agenda.models import AgendaItem, AgendaItemUpdate, Status, Theme, Verdict
from wijkwerk.areas.api.fields import (
    area_codes_field,
    area_codes_read_field,
    buurt_code_field,
    municipality_code_field,
    wijk_code_field,
)
from wijkwerk.organisations.models import Organisation


def _theme_field(**kwargs: Any) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(),
        error_messages={"does_not_exist": _("There is no theme with id {pk_value}.")},
        **kwargs,
    )


class AgendaItemSerializer(serializers.ModelSerializer):
    """An item as anyone may see it: never who proposed it."""

    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    buurt = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    other_areas = area_codes_read_field()
    theme = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    theme_name = serializers.SerializerMethodField()
    owner_organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    owner_organisation_name = serializers.SerializerMethodField()
    waiting_days = serializers.SerializerMethodField()
    source_name = serializers.SerializerMethodField(
        help_text=_("The source as the wijk page shows it: the organisation that brought it in")
    )
    late = serializers.SerializerMethodField(
        help_text=_("Agreed but not done by its ready-by date")
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "area",
            "buurt",
            "other_areas",
            "year",
            "title",
            "reason",
            "approach",
            "due_date",
            "owner_organisation",
            "owner_organisation_name",
            "theme",
            "theme_name",
            "source",
            "source_name",
            "status",
            "verdict",
            "motivation",
            "conditions",
            "answer_by",
            "wijktoets",
            "answered_at",
            "created_at",
            "completed_at",
            "waiting_days",
            "answer_due",
            "late",
            "version",
        ]

    def get_theme_name(self, item: AgendaItem) -> str | None:
        return item.theme.name if item.theme_id else None

    def get_owner_organisation_name(self, item: AgendaItem) -> str | None:
        return str(item.owner_organisation) if item.owner_organisation_id else None

    def get_source_name(self, item: AgendaItem) -> str:
        return item.source_label

    def get_late(self, item: AgendaItem) -> bool:
        return item.is_late()

    def get_waiting_days(self, item: AgendaItem) -> int:
        """Days the idea waited (or has been waiting) for its answer."""
        return item.waiting_days()


class AgendaItemDetailSerializer(AgendaItemSerializer):
    """One item. The view decides, with `agenda.view_proposer`, whether to show the proposer."""

    proposed_by = serializers.SerializerMethodField(
        help_text=_(
            "E-mail address of the resident who proposed the item; null unless you may see "
            "personal data in this wijk or proposed it yourself"
        )
    )

    class Meta(AgendaItemSerializer.Meta):
        fields = [*AgendaItemSerializer.Meta.fields, "proposed_by"]

    def get_proposed_by(self, item: AgendaItem) -> str | None:
        if self.context.get("show_proposer") and item.proposed_by_id:
            return item.proposed_by.email
        return None


class AgendaItemFilterSerializer(serializers.Serializer):
    area = wijk_code_field(required=False)
    municipality = municipality_code_field(required=False)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    theme = _theme_field(required=False)


class ProposeInputSerializer(serializers.Serializer):
    area = wijk_code_field()
    title = serializers.CharField(max_length=200)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    theme = _theme_field(required=False, allow_null=True, default=None)
    buurt = buurt_code_field(required=False, allow_null=True, default=None)


class AgendaAreasInputSerializer(serializers.Serializer):
    """The other wijken or buurten of the municipality the item also concerns."""

    other_areas = area_codes_field(required=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AnswerInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    motivation = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    answer_by = serializers.DateField(required=False, allow_null=True, default=None)
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        error_messages={"does_not_exist": _("There is no organisation with id {pk_value}.")},
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    wijktoets = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Optional: the decision's expected effect on the wijk."),
    )
    version = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        help_text=_("The item's version as you read it; a stale one is refused (400)."),
    )


class ProgressInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    new_status = serializers.ChoiceField(
        choices=Status.choices, required=False, allow_blank=True, default=""
    )


class ProgressSerializer(serializers.ModelSerializer):
    """A progress note; the status before and after tell whether the status changed."""

    class Meta:
        model = AgendaItemUpdate
        fields = ["id", "created_at", "text", "status_before", "status_after"]
