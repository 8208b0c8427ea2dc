"""Serializers of the self-assessment API. Notes and names travel only to the assessment's
team and staff; a comparison carries section averages and nothing else."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Assessment, Instrument, Point, PointKind, Score, Section, Status


class AssessmentScaleValueSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    label = serializers.CharField()


class AssessmentPointSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=PointKind.choices, read_only=True)

    class Meta:
        model = Point
        fields = ["id", "number", "kind", "text", "help_text"]


class AssessmentSectionSerializer(serializers.ModelSerializer):
    points = AssessmentPointSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["position", "key", "title", "description", "points"]


class AssessmentInstrumentSerializer(serializers.ModelSerializer):
    scale = serializers.SerializerMethodField()
    sections = AssessmentSectionSerializer(many=True, read_only=True)

    class Meta:
        model = Instrument
        fields = [
            "id",
            "key",
            "version",
            "title",
            "audience",
            "intro",
            "source",
            "scale",
            "sections",
        ]

    @extend_schema_field(AssessmentScaleValueSerializer(many=True))
    def get_scale(self, instrument: Instrument) -> list[dict]:
        return [{"value": v, "label": label} for v, label in instrument.scale]


class AssessmentSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the municipality")
    )
    area = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True,
        help_text=_("CBS code of the wijk or village; null for the whole municipality"),
    )  # fmt: skip
    instrument = serializers.IntegerField(source="instrument_id", read_only=True)
    instrument_key = serializers.CharField(source="instrument.key", read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    shared = serializers.SerializerMethodField()
    team = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id", "municipality", "area", "instrument", "instrument_key", "title", "status",
            "created_at", "completed_at", "shared", "team",
        ]  # fmt: skip

    def get_shared(self, assessment: Assessment) -> bool:
        return assessment.shared_at is not None

    def get_team(self, assessment: Assessment) -> list[str]:
        return [str(member.user) for member in assessment.team.all()]


class AssessmentScoreSerializer(serializers.ModelSerializer):
    point = serializers.IntegerField(source="point_id", read_only=True)
    number = serializers.IntegerField(source="point.number", read_only=True)
    updated_by = serializers.CharField(source="updated_by.__str__", read_only=True, allow_null=True)

    class Meta:
        model = Score
        fields = ["point", "number", "value", "note", "version", "updated_by", "updated_at"]


class AssessmentScoreInputSerializer(serializers.Serializer):
    # No range here: the service says what is wrong with a value, in the instrument's terms.
    point = serializers.IntegerField(help_text=_("Id of a point of the assessment's instrument"))
    value = serializers.IntegerField(
        allow_null=True, help_text=_("On the instrument's scale; null for no score")
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    version = serializers.IntegerField(
        min_value=0, help_text=_("The score's version as you read it; 0 when it had no score")
    )


class AssessmentScoresInputSerializer(serializers.Serializer):
    scores = AssessmentScoreInputSerializer(many=True, allow_empty=False)


class AssessmentProfileSectionSerializer(serializers.Serializer):
    key = serializers.CharField(source="section.key")
    title = serializers.CharField(source="section.title")
    points = serializers.SerializerMethodField()
    scored = serializers.IntegerField()
    mean = serializers.FloatField(
        allow_null=True, help_text=_("Average strength of the scored points")
    )
    spread = serializers.FloatField(
        allow_null=True, help_text=_("Standard deviation of their strengths")
    )

    def get_points(self, section) -> int:
        return len(section.points)


class AssessmentWeakPointSerializer(serializers.Serializer):
    point = serializers.IntegerField(source="point.pk")
    number = serializers.IntegerField(source="point.number")
    section = serializers.CharField(source="point.section.key")
    text = serializers.CharField(source="point.text")
    value = serializers.IntegerField()
    strength = serializers.IntegerField()


class AssessmentProfileSerializer(serializers.Serializer):
    scale_max = serializers.IntegerField()
    points = serializers.IntegerField()
    scored = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    sections = AssessmentProfileSectionSerializer(many=True)
    weakest = AssessmentWeakPointSerializer(many=True)


class AssessmentComparisonSectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    mean = serializers.FloatField(allow_null=True)


class AssessmentComparisonSerializer(serializers.Serializer):
    """One consenting municipality's latest shared profile: section averages only."""

    municipality = serializers.CharField(source="assessment.municipality.slug")
    municipality_name = serializers.CharField(source="assessment.municipality.name")
    area_name = serializers.CharField(source="assessment.area.name", allow_null=True, default=None)
    instrument_version = serializers.IntegerField(source="assessment.instrument.version")
    completed_at = serializers.DateTimeField(source="assessment.completed_at")
    sections = serializers.SerializerMethodField()

    @extend_schema_field(AssessmentComparisonSectionSerializer(many=True))
    def get_sections(self, column) -> list[dict]:
        titles = self.context["titles"]
        return [
            {"key": key, "title": titles.get(key, key), "mean": mean}
            for key, mean in column.means.items()
        ]


class AssessmentComparisonFilterSerializer(serializers.Serializer):
    instrument = serializers.SlugField(help_text=_("Key of the instrument, e.g. tien-opgaven"))
