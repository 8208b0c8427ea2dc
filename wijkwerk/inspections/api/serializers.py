"""Serializers of the wijkschouw API. Participants' names are personal data: the field
`participants` is null for everybody but the schouw's staff."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.areas.api.fields import municipality_slug_field, wijk_code_field
from wijkwerk.organisations.models import Organisation

from ..levels import Level, ObjectType
from ..models import Became, Finding, Inspection, Participant, ParticipantRole, Score, Status, Stop


class InspectionStopSerializer(serializers.ModelSerializer):
    object_type = serializers.ChoiceField(choices=[("", "—"), *ObjectType.choices], read_only=True)

    class Meta:
        model = Stop
        fields = ["id", "position", "name", "lat", "lon", "object_type"]


class InspectionParticipantSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    role = serializers.ChoiceField(choices=ParticipantRole.choices, read_only=True)
    has_account = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["name", "role", "has_account"]

    def get_has_account(self, participant: Participant) -> bool:
        return participant.user_id is not None


class InspectionSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the municipality")
    )
    area = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("CBS code of the wijk or village")
    )
    area_name = serializers.CharField(source="area.name", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    stops = InspectionStopSerializer(many=True, read_only=True)
    participant_count = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()

    class Meta:
        model = Inspection
        fields = [
            "id", "municipality", "area", "area_name", "title", "starts_at", "meeting_point",
            "status", "photo_required", "location_required", "stops", "participant_count",
            "participants",
        ]  # fmt: skip

    def get_participant_count(self, inspection: Inspection) -> int:
        return len(inspection.participants.all())

    @extend_schema_field(InspectionParticipantSerializer(many=True, allow_null=True))
    def get_participants(self, inspection: Inspection) -> list[dict[str, Any]] | None:
        user = self.context["request"].user
        if not user.has_perm("inspections.view_participants", inspection):
            return None
        return InspectionParticipantSerializer(inspection.participants.all(), many=True).data


class InspectionFilterSerializer(serializers.Serializer):
    municipality = municipality_slug_field(required=False)
    area = wijk_code_field(required=False)


class InspectionScoreSerializer(serializers.ModelSerializer):
    stop = serializers.IntegerField(source="stop_id", read_only=True)
    object_type = serializers.ChoiceField(choices=ObjectType.choices, read_only=True)
    level = serializers.ChoiceField(choices=Level.choices, read_only=True)
    agreed_level = serializers.ChoiceField(choices=Level.choices, read_only=True)
    below_agreed = serializers.BooleanField(read_only=True)

    class Meta:
        model = Score
        fields = ["id", "stop", "object_type", "level", "agreed_level", "below_agreed", "note"]


class InspectionScoreInputSerializer(serializers.Serializer):
    # Free text here, so that the service explains what is wrong with a level or kind.
    stop = serializers.IntegerField(help_text=_("Id of a stop of this schouw"))
    object_type = serializers.CharField(max_length=20, help_text=_("Kind of object"))
    level = serializers.CharField(max_length=4, help_text=_("A+, A, B, C or D"))
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    lat = serializers.FloatField(required=False, allow_null=True, default=None)
    lon = serializers.FloatField(required=False, allow_null=True, default=None)


class InspectionFindingSerializer(serializers.ModelSerializer):
    stop = serializers.IntegerField(source="score.stop_id", read_only=True)
    object_type = serializers.ChoiceField(
        source="score.object_type", choices=ObjectType.choices, read_only=True
    )
    level = serializers.ChoiceField(source="score.level", choices=Level.choices, read_only=True)
    agreed_level = serializers.ChoiceField(
        source="score.agreed_level", choices=Level.choices, read_only=True
    )
    has_photo = serializers.SerializerMethodField()
    became_kind = serializers.ChoiceField(
        choices=[("", _("not handed on yet")), *Became.choices], read_only=True
    )
    became_id = serializers.CharField(read_only=True)

    class Meta:
        model = Finding
        fields = [
            "id", "stop", "object_type", "level", "agreed_level", "description", "lat", "lon",
            "has_photo", "became_kind", "became_id", "converted_at",
        ]  # fmt: skip

    def get_has_photo(self, finding: Finding) -> bool:
        return bool(finding.photo)


class InspectionConvertInputSerializer(serializers.Serializer):
    to = serializers.CharField(max_length=30, help_text=_("reports.report or agenda.agendaitem"))
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("For a wijkagenda item: id of the probleemeigenaar"),
    )
