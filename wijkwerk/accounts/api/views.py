from rest_framework import permissions, viewsets

from wijkwerk.accounts.selectors import role_assignment_list_visible

from .serializers import RoleAssignmentSerializer


class RoleAssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Who holds which role where; only for staff who may see personal data there."""

    serializer_class = RoleAssignmentSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return role_assignment_list_visible(user=self.request.user)
