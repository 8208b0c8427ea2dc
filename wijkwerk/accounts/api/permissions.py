"""DRF permissions for every app's API: the web's `rules` permissions and its TOTP demand."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from wijkwerk.accounts.selectors import needs_mfa_first


class HasRulesPermission(BasePermission):
    """Checks the permission the view names for its action in `rules_permissions`.

    The names are those of the web (`agenda.answer_item`, ...). Detail actions check the
    object; the others check without one. Actions not listed are open to anyone.
    """

    message = _("You do not have a role that allows this in this wijk.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        perm = _perm(view)
        if perm is None:
            return True
        if not request.user.is_authenticated:
            return False
        return getattr(view, "detail", False) or request.user.has_perm(perm)

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        perm = _perm(view)
        return perm is None or request.user.has_perm(perm, obj)


def _perm(view: APIView) -> str | None:
    return getattr(view, "rules_permissions", {}).get(getattr(view, "action", None))


class StaffMFARequired(BasePermission):
    """Staff must set up TOTP before they change anything, also when they use a token.

    StaffMFAMiddleware demands this of sessions, but it runs before DRF authenticates a
    token, so to the middleware a token request looks anonymous.
    """

    message = _("Set up two-factor authentication before using staff functions.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return not needs_mfa_first(request.user, request.method)
