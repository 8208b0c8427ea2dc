from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.areas.api.fields import municipality_code_field
from wijkwerk.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text=_("For a department: its organisation")
    )
    # A plain string: drf-spectacular describes a blank-able URL as an ambiguous oneOf.
    website = serializers.CharField(read_only=True, help_text=_("URL, or empty"))

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "municipality",
            "parent",
            "website",
            "email",
            "phone",
        ]


class OrganisationFilterSerializer(serializers.Serializer):
    municipality = municipality_code_field(required=False)
