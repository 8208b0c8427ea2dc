from rest_framework import serializers

from wijkwerk.areas.models import Area, Municipality


class MunicipalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name", "slug", "agenda_answered_by", "contact_email", "contact_phone"]


class AreaSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Area
        fields = ["code", "name", "slug", "kind", "municipality", "parent"]


class AreaDetailSerializer(AreaSerializer):
    geometry = serializers.JSONField(
        read_only=True, allow_null=True, help_text="GeoJSON Polygon or MultiPolygon (WGS84)"
    )

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "geometry"]
