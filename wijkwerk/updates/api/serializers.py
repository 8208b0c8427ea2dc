"""Serializers of the news API: public entries only, with the headline in the request's
language and absolute links."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.areas.api.fields import municipality_code_field, wijk_code_field

from ..headlines import detail, headline
from ..models import Kind, NewsEntry


class NewsFilterSerializer(serializers.Serializer):
    area = wijk_code_field(required=False)
    municipality = municipality_code_field(required=False)
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)

    def validate(self, data: dict) -> dict:
        if not data.get("area") and not data.get("municipality"):
            raise serializers.ValidationError(
                {"area": [_("Give a wijk (area) or a municipality, by its CBS code.")]}
            )
        return data


class NewsEntrySerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("CBS code of the municipality")
    )
    area = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        help_text=_("CBS code of the wijk; null for news of the whole municipality"),
    )
    kind = serializers.ChoiceField(choices=Kind.choices, read_only=True)
    headline = serializers.SerializerMethodField(help_text=_("The entry in one sentence"))
    detail = serializers.SerializerMethodField(help_text=_("A line of facts, or empty"))
    url = serializers.SerializerMethodField(help_text=_("The page the entry is about"))

    class Meta:
        model = NewsEntry
        fields = [
            "id", "municipality", "area", "kind", "headline", "title", "summary", "detail",
            "url", "occurred_at", "updated_at", "source_kind", "source_id",
        ]  # fmt: skip

    def get_headline(self, entry: NewsEntry) -> str:
        return headline(entry)

    def get_detail(self, entry: NewsEntry) -> str:
        return detail(entry)

    def get_url(self, entry: NewsEntry) -> str:
        return self.context["request"].build_absolute_uri(entry.url)
