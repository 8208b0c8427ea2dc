from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.areas.models import Area, AreaKind, Municipality

from .fields import municipality_code_field


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name", "slug", "agenda_answered_by", "contact_email", "contact_phone"]


class AreaSerializer(serializers.ModelSerializer):
    """A wijk, dorp or buurt without its boundary, to keep lists light."""

    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("CBS code of the wijk or village a buurt lies in"),
    )

    class Meta:
        model = Area
        fields = ["code", "name", "slug", "kind", "municipality", "parent"]


class AreaDetailSerializer(AreaSerializer):
    """An area with its boundary."""

    geometry = serializers.JSONField(
        read_only=True,
        allow_null=True,
        help_text=_("GeoJSON Polygon or MultiPolygon (WGS84), or null when not known"),
    )

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "geometry"]


class AreaFilterSerializer(serializers.Serializer):
    municipality = municipality_code_field(required=False)
    kind = serializers.ChoiceField(choices=AreaKind.choices, required=False)
    geometry = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("With geometry=1 every area carries its GeoJSON boundary, as in AreaDetail"),
    )
