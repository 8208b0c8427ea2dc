"""Agenda API: input serializers validate the shape, services apply the rules."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.agenda.models import AgendaItem, Status, Theme, Verdict
from wijkwerk.areas.models import Area
from wijkwerk.organisations.models import Organisation


class AgendaItemSerializer(serializers.ModelSerializer):
    """An item as the public sees it: never who proposed it."""

    area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    buurt = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    theme = serializers.CharField(
        source="theme.name", read_only=True, allow_null=True, default=None
    )
    owner_organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    owner_organisation_name = serializers.SerializerMethodField()
    waiting_days = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "area",
            "buurt",
            "year",
            "title",
            "reason",
            "approach",
            "due_date",
            "owner_organisation",
            "owner_organisation_name",
            "theme",
            "source",
            "status",
            "verdict",
            "motivation",
            "conditions",
            "answer_by",
            "answered_at",
            "created_at",
            "completed_at",
            "waiting_days",
        ]

    def get_owner_organisation_name(self, item: AgendaItem) -> str | None:
        return str(item.owner_organisation) if item.owner_organisation_id else None

    def get_waiting_days(self, item: AgendaItem) -> int:
        """Days the idea waited (or has been waiting) for its answer."""
        return item.waiting_days()


class AgendaItemStaffSerializer(AgendaItemSerializer):
    """For those who may see personal data: who proposed the item."""

    proposed_by = serializers.EmailField(
        source="proposed_by.email", read_only=True, allow_null=True
    )

    class Meta(AgendaItemSerializer.Meta):
        fields = [*AgendaItemSerializer.Meta.fields, "proposed_by"]


class ProposeInputSerializer(serializers.Serializer):
    area = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Area.objects.wijken(),
        help_text=_("CBS code of the wijk, e.g. WK040001"),
    )
    title = serializers.CharField(max_length=200)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    theme = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), required=False, allow_null=True
    )
    buurt = serializers.SlugRelatedField(
        slug_field="code", queryset=Area.objects.buurten(), required=False, allow_null=True
    )


class AnswerInputSerializer(serializers.Serializer):
    verdict = serializers.ChoiceField(choices=Verdict.choices)
    motivation = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    answer_by = serializers.DateField(required=False, allow_null=True, default=None)
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class ProgressInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    new_status = serializers.ChoiceField(
        choices=Status.choices, required=False, allow_blank=True, default=""
    )


class ProgressSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField()
    text = serializers.CharField()
    status_before = serializers.CharField()
    status_after = serializers.CharField()
