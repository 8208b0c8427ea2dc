"""Who holds which role where. Roles are personal data: see `role_assignment_list_visible`."""

from django.db.models import QuerySet
from rest_framework import permissions, viewsets

from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.selectors import role_assignment_list_visible

from .serializers import RoleAssignmentSerializer


class RoleAssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Who holds which role where, only where the user may see personal data.

    Anonymous visitors are refused; anyone else sees the roles in their own scope, which for
    a resident is none: an empty list, and 404 for a single role.
    """

    serializer_class = RoleAssignmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self) -> QuerySet[RoleAssignment]:
        return role_assignment_list_visible(user=self.request.user)
