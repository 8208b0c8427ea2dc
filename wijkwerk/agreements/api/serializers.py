"""Serializers of the agreements API. Parties, signatures, reports and disputes are named by
organisation only: who signed or reported in person is for the decision log on the page."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.agenda.models import AgendaItem, Goal, Theme
from wijkwerk.areas.api.fields import (
    CbsCodeField,
    area_codes_field,
    area_codes_read_field,
    municipality_slug_field,
)
from wijkwerk.areas.models import Area
from wijkwerk.budgets.models import Account
from wijkwerk.organisations.models import Organisation

from ..models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Dispute,
    Party,
    ProgressReport,
    ReportEvery,
    ReportingPeriod,
    Unit,
)


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^(" + "|".join(AgreementKind.values) + ")$",
        "description": "prestatieafspraak, bewonersbeheer or buurtbeheerbedrijf",
    }
)
class AgreementKindField(serializers.ChoiceField):
    """The kind of agreement, as a pattern: an enum would clash with other apps' enums named
    "kind" in the schema's component names."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=AgreementKind.choices, **kwargs)


@extend_schema_field(
    {
        "type": ["object", "null"],
        "description": "GeoJSON Point, Polygon or MultiPolygon (WGS84), or null",
    }
)
class GeoJsonField(serializers.JSONField):
    """The agreement's area on the map."""


class AgreementPartySerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.__str__", read_only=True)
    signed_at = serializers.SerializerMethodField(
        help_text=_("When the party signed the current version; null when it has not")
    )

    class Meta:
        model = Party
        fields = ["organisation", "organisation_name", "contribution", "money_cents", "hours",
                  "signed_at"]  # fmt: skip

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_signed_at(self, party: Party) -> Any:
        valid = [s for s in party.signatures.all() if s.voided_at is None]
        return serializers.DateTimeField().to_representation(valid[0].signed_at) if valid else None


class AgreementDisputeSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.__str__", read_only=True)

    class Meta:
        model = Dispute
        fields = ["id", "organisation", "organisation_name", "reason", "raised_at", "response",
                  "responded_at"]  # fmt: skip


class ProgressReportSerializer(serializers.ModelSerializer):
    period = serializers.PrimaryKeyRelatedField(read_only=True)
    value = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    evidence = serializers.SerializerMethodField(help_text=_("Address of the evidence file"))
    evidence_link = serializers.CharField(
        read_only=True, help_text=_("Web address of the evidence; empty when none")
    )
    disputes = AgreementDisputeSerializer(many=True, read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "period", "value", "narrative", "evidence", "evidence_link",
                  "money_spent_cents", "hours_spent", "reported_at", "disputes"]  # fmt: skip

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence(self, report: ProgressReport) -> str | None:
        return report.evidence.url if report.evidence else None


class ReportingPeriodSerializer(serializers.ModelSerializer):
    is_closed = serializers.BooleanField(read_only=True)
    report = serializers.SerializerMethodField()

    class Meta:
        model = ReportingPeriod
        fields = ["id", "starts_on", "ends_on", "due_on", "is_closed", "report"]

    @extend_schema_field(ProgressReportSerializer(allow_null=True))
    def get_report(self, period: ReportingPeriod) -> dict | None:
        report = getattr(period, "report", None) if hasattr(period, "report") else None
        return ProgressReportSerializer(report).data if report else None


class AgreementSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    area = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("CBS code; null for the whole municipality")
    )
    other_areas = area_codes_read_field()
    kind = AgreementKindField(read_only=True)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, read_only=True)
    unit = serializers.ChoiceField(choices=Unit.choices, read_only=True)
    report_every = serializers.ChoiceField(choices=ReportEvery.choices, read_only=True)
    owner_organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    theme = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    baseline = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    target = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    agenda_items = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    goals = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    geometry = GeoJsonField(read_only=True, allow_null=True)
    parties = AgreementPartySerializer(many=True, read_only=True)
    periods = ReportingPeriodSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id", "municipality", "area", "other_areas", "kind", "status", "version", "title",
            "reason",
            "approach", "starts_on", "ends_on", "owner_organisation", "theme", "indicator",
            "unit", "baseline", "target", "report_every", "geometry", "management_cents",
            "agenda_items", "goals", "parties", "periods", "evaluation", "in_force_at",
            "closed_at",
        ]  # fmt: skip


class AgreementFilterSerializer(serializers.Serializer):
    municipality = municipality_slug_field()
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    status = serializers.ChoiceField(choices=AgreementStatus.choices, required=False)


class PartyInputSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    money_cents = serializers.IntegerField(min_value=0, default=0)
    hours = serializers.IntegerField(min_value=0, default=0)
    contribution = serializers.CharField(max_length=300, required=False, default="")


class AgreementInputSerializer(serializers.Serializer):
    """Every field the page's form has. Values are checked by the service; a target is given
    in its unit as a string or number ("12", "7.5", "yes")."""

    area = CbsCodeField(
        queryset=Area.objects.all(),
        not_found=_("There is no area with CBS code {value}."),
        help_text=_("CBS code of the wijk or buurt; leave out for the whole municipality"),
        required=False,
        allow_null=True,
    )
    other_areas = area_codes_field()
    kind = AgreementKindField(default=AgreementKind.PERFORMANCE)
    title = serializers.CharField(max_length=200, allow_blank=True, default="")
    reason = serializers.CharField(allow_blank=True, default="")
    approach = serializers.CharField(allow_blank=True, default="")
    starts_on = serializers.DateField(required=False, allow_null=True, default=None)
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    theme = serializers.PrimaryKeyRelatedField(
        queryset=Theme.objects.all(), required=False, allow_null=True, default=None
    )
    indicator = serializers.CharField(max_length=200, allow_blank=True, default="")
    unit = serializers.ChoiceField(choices=Unit.choices)
    baseline = serializers.CharField(max_length=20, required=False, allow_null=True, default=None)
    target = serializers.CharField(max_length=20, required=False, allow_null=True, default=None)
    report_every = serializers.ChoiceField(choices=ReportEvery.choices, default=ReportEvery.QUARTER)
    geometry = GeoJsonField(required=False, allow_null=True, default=None)
    budget = serializers.PrimaryKeyRelatedField(
        queryset=Account.objects.all(), required=False, allow_null=True, default=None,
        help_text=_("Ledger account (wijkbudget or a fund's pool) the management money comes from"),
    )  # fmt: skip
    management_cents = serializers.IntegerField(min_value=0, default=0)
    agenda_items = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), many=True, required=False, default=list
    )
    goals = serializers.PrimaryKeyRelatedField(
        queryset=Goal.objects.all(), many=True, required=False, default=list
    )
    parties = PartyInputSerializer(many=True)


class AgreementCreateSerializer(AgreementInputSerializer):
    municipality = municipality_slug_field()


class AgreementUpdateSerializer(AgreementInputSerializer):
    reason_for_change = serializers.CharField(max_length=300, required=False, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class EvaluationSerializer(serializers.Serializer):
    evaluation = serializers.CharField(allow_blank=True)


class SignInputSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text=_("The party you sign for")
    )
    remark = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)


class ReportInputSerializer(serializers.Serializer):
    period = serializers.PrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all())
    value = serializers.CharField(max_length=20, help_text=_("In the indicator's unit"))
    narrative = serializers.CharField(allow_blank=True)
    evidence = serializers.FileField(required=False, allow_null=True, default=None)
    evidence_link = serializers.URLField(required=False, allow_blank=True, default="")
    money_spent_cents = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                                 default=None)  # fmt: skip
    hours_spent = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                           default=None)  # fmt: skip


class DisputeInputSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), help_text=_("The party that disputes")
    )
    reason = serializers.CharField(allow_blank=True)


class DisputeResponseSerializer(serializers.Serializer):
    response = serializers.CharField(allow_blank=True)
