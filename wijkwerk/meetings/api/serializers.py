"""Serializers of the meetings API. Members' names are shown for public bodies and to those
who may see the body anyway; minutes are public for public bodies, like the page."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.api.fields import wijk_code_field
from wijkwerk.organisations.models import Organisation

from ..models import (
    ActionPoint,
    AgendaPoint,
    Body,
    BodyKind,
    InfoMeetingRequest,
    Meeting,
    MeetingStatus,
    Membership,
    OpenSession,
    PointStatus,
)


class MeetingMemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    organisation = serializers.SerializerMethodField(
        help_text=_("The organisation the member sits for; null for a resident")
    )

    class Meta:
        model = Membership
        fields = ["name", "organisation", "mandate", "is_chair"]

    def get_name(self, membership: Membership) -> str:
        return str(membership.user)

    def get_organisation(self, membership: Membership) -> str | None:
        return str(membership.organisation) if membership.organisation_id else None


class MeetingBodySerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("CBS code of the wijk or village")
    )
    kind = serializers.ChoiceField(choices=BodyKind.choices, read_only=True)
    members = serializers.SerializerMethodField(
        help_text=_("Null for everybody but the body's members and staff")
    )

    class Meta:
        model = Body
        fields = [
            "id", "area", "kind", "name", "is_public", "per_year", "every_years", "first_year",
            "start_time", "duration_minutes", "location", "municipality_wide", "mandate",
            "members",
        ]  # fmt: skip

    @extend_schema_field(MeetingMemberSerializer(many=True, allow_null=True))
    def get_members(self, body: Body) -> list[dict] | None:
        if not self.context["request"].user.has_perm("meetings.view_members", body):
            return None
        return MeetingMemberSerializer(body.members.all(), many=True).data


class MeetingPointSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=PointStatus.choices, read_only=True)
    agenda_item = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = AgendaPoint
        fields = ["id", "title", "description", "status", "decline_reason", "agenda_item"]


class ActionPointSerializer(serializers.ModelSerializer):
    owner_organisation = serializers.PrimaryKeyRelatedField(read_only=True)
    agenda_item = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("The wijkagenda item it became or updated")
    )

    class Meta:
        model = ActionPoint
        fields = ["id", "title", "description", "owner_organisation", "due_date", "agenda_item"]


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.PrimaryKeyRelatedField(read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    area = serializers.CharField(source="body.area.code", read_only=True)
    status = serializers.ChoiceField(choices=MeetingStatus.choices, read_only=True)
    uid = serializers.CharField(read_only=True)
    points = serializers.SerializerMethodField()
    actions = ActionPointSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id", "uid", "sequence", "body", "body_name", "area", "starts_at", "ends_at",
            "location", "status", "cancel_reason", "minutes", "decisions", "points", "actions",
        ]  # fmt: skip

    @extend_schema_field(MeetingPointSerializer(many=True))
    def get_points(self, meeting: Meeting) -> list[dict]:
        accepted = [p for p in meeting.points.all() if p.status == PointStatus.ACCEPTED]
        return MeetingPointSerializer(accepted, many=True).data


class MeetingFilterSerializer(serializers.Serializer):
    area = wijk_code_field()
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class ActionPointConvertSerializer(serializers.Serializer):
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), allow_null=True, required=False, default=None,
        help_text=_("Id of the wijkagenda item this action updates; empty for a new item"),
    )  # fmt: skip


class ActionPointInputSerializer(ActionPointConvertSerializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False, default=None,
        help_text=_("Id of the probleemeigenaar (required by the service)"),
    )  # fmt: skip
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    to_agenda = serializers.BooleanField(
        required=False, default=True, help_text=_("Put it on the wijkagenda at once")
    )


class AreaFilterSerializer(serializers.Serializer):
    area = wijk_code_field()


class OpenSessionSerializer(serializers.ModelSerializer):
    area = serializers.CharField(
        source="meeting.body.area.code", read_only=True, help_text=_("CBS code of the wijk")
    )
    kind = serializers.CharField(
        source="meeting.body.kind", read_only=True, help_text=_("werkatelier or snelkooksessie")
    )
    starts_at = serializers.DateTimeField(source="meeting.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="meeting.ends_at", read_only=True)
    location = serializers.CharField(source="meeting.location", read_only=True)
    status = serializers.CharField(
        source="meeting.status", read_only=True, help_text=_("planned, held or cancelled")
    )
    places_taken = serializers.IntegerField(source="taken", read_only=True)

    class Meta:
        model = OpenSession
        fields = [
            "id", "area", "kind", "topic", "description", "meeting", "starts_at", "ends_at",
            "location", "status", "capacity", "places_taken", "signup_deadline",
        ]  # fmt: skip


class InfoMeetingRequestSerializer(serializers.ModelSerializer):
    """A request as the public page shows it: without who asked."""

    area = serializers.CharField(source="area.code", read_only=True)
    status = serializers.CharField(read_only=True, help_text=_("pending, granted or refused"))

    class Meta:
        model = InfoMeetingRequest
        fields = [
            "id", "area", "topic", "explanation", "status", "answer", "meeting", "created_at",
            "decided_at",
        ]  # fmt: skip
