"""Serializers of the surveys API. Results carry the five-respondent floor: a hidden group
or figure has `respondents`/`answered` null and `hidden` set to why ("few": fewer than five
respondents; "protect": left out so that a smaller group cannot be worked out)."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.areas.api.fields import IdOrCodeField, municipality_slug_field, wijk_code_field
from wijkwerk.areas.models import Area

from ..models import Distribution, Option, Question, QuestionKind, Status, Survey
from ..results import FEW, PROTECT, Group
from ..services import MAX_CODES_PER_BATCH
from ..standard import TEMPLATES

HIDDEN = [
    ("", _("shown")),
    (FEW, _("fewer than 5 respondents")),
    (PROTECT, _("protects a smaller group")),
]


class SurveyOptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Option
        fields = ["id", "position", "label"]


class SurveyQuestionSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=QuestionKind.choices, read_only=True)
    options = SurveyOptionSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "id", "position", "key", "kind", "text", "help_text", "required", "scale_min",
            "scale_max", "scale_min_label", "scale_max_label", "options",
        ]  # fmt: skip


class SurveySerializer(serializers.ModelSerializer):
    """A survey with its questions: public once published."""

    municipality = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the municipality")
    )
    area = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("Id of the wijk or village; null for a survey in the whole municipality"),
    )
    area_name = serializers.CharField(
        source="area.name", read_only=True, allow_null=True, default=None
    )
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    distribution = serializers.ChoiceField(choices=Distribution.choices, read_only=True)
    answerable = serializers.SerializerMethodField()
    questions = SurveyQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = [
            "id", "municipality", "area", "area_name", "title", "intro", "opens_on",
            "closes_on", "status", "distribution", "series", "answerable", "questions",
        ]  # fmt: skip

    def get_answerable(self, survey: Survey) -> bool:
        return survey.is_answerable()


class SurveyBarSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("The answer, or the value on the scale"))
    count = serializers.IntegerField()
    percent = serializers.FloatField(help_text=_("Of the respondents who answered the question"))


class SurveyFigureSerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question.pk")
    key = serializers.CharField(source="question.key")
    hidden = serializers.ChoiceField(choices=HIDDEN)
    answered = serializers.IntegerField(allow_null=True)
    mean = serializers.FloatField(allow_null=True, help_text=_("Scale questions only"))
    bars = SurveyBarSerializer(many=True)
    texts = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Open answers: for the survey's staff only, otherwise empty"),
    )


class SurveyGroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=[("all", "all"), ("wijk", "wijk"), ("age", "age"), ("wijk_age", "wijk_age")]
    )
    label = serializers.CharField()
    wijk = serializers.SerializerMethodField()
    age_group = serializers.SerializerMethodField()
    respondents = serializers.IntegerField(allow_null=True)
    hidden = serializers.ChoiceField(choices=HIDDEN)
    figures = SurveyFigureSerializer(many=True)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_wijk(self, group: Group) -> int | None:
        if group.kind in ("wijk", "wijk_age") and isinstance(group.key[1], int):
            return group.key[1]
        return None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_age_group(self, group: Group) -> str | None:
        if group.kind == "age":
            return group.key[1]
        if group.kind == "wijk_age":
            return group.key[2]
        return None


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    respondents = serializers.IntegerField(
        allow_null=True, help_text=_("null: fewer than 5 respondents")
    )
    groups = serializers.SerializerMethodField()

    @extend_schema_field(SurveyGroupSerializer(many=True))
    def get_groups(self, results: Any) -> list[dict[str, Any]]:
        return SurveyGroupSerializer(results.groups(), many=True).data


# --- input ---------------------------------------------------------------------------------


class SurveyFilterSerializer(serializers.Serializer):
    municipality = municipality_slug_field(required=False)
    area = IdOrCodeField(
        queryset=Area.objects.all(),
        required=False,
        not_found=_("There is no area with id or CBS code {value}."),
        help_text=_(
            "Id or CBS code of a wijk, village or buurt: its wijk's surveys and those of the "
            "whole municipality"
        ),
    )


class SurveyCreateInputSerializer(serializers.Serializer):
    municipality = municipality_slug_field()
    area = wijk_code_field(required=False, allow_null=True, default=None)
    template = serializers.ChoiceField(
        choices=[(key, key) for key in TEMPLATES],
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Copy the questions of a shipped template; empty for no questions"),
    )
    # Blank passes here so that the service explains what to write.
    title = serializers.CharField(max_length=160, required=False, allow_blank=True, default="")
    intro = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    distribution = serializers.ChoiceField(
        choices=Distribution.choices, required=False, default=Distribution.WIJK
    )


class SurveyCodesInputSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=MAX_CODES_PER_BATCH)
    area = wijk_code_field(required=False, allow_null=True, default=None)


class SurveyCodesSerializer(serializers.Serializer):
    codes = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("The codes in clear: shown this once, only their fingerprints are kept"),
    )
