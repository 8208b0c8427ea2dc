from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from wijkwerk.accounts.models import RoleAssignment


class RoleAssignmentSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    name = serializers.CharField(source="user.full_name", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="code", read_only=True)
    area = serializers.SlugRelatedField(
        slug_field="code",
        read_only=True,
        allow_null=True,
        help_text=_("CBS code of the wijk, or null for a role in the whole municipality"),
    )

    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "email",
            "name",
            "role",
            "municipality",
            "area",
            "organisation",
            "starts_on",
            "ends_on",
            "is_public_contact",
            "public_email",
            "public_phone",
        ]
