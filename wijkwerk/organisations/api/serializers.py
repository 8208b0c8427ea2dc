from rest_framework import serializers

from wijkwerk.organisations.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    # A plain string: drf-spectacular describes a blank-able URL as an ambiguous oneOf.
    website = serializers.CharField(read_only=True, help_text="URL, or empty")

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
