"""Staff must set up two-factor authentication (TOTP) before they can act."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .selectors import is_staff_member

# Paths a staff member without TOTP may still use: to set it up, log out, and read.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/media/")


class StaffMFAMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_set_up(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication before using staff functions.")},
                    status=403,
                )
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Set up an authenticator app first."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up(self, request) -> bool:
        if not settings.WIJKWERK_STAFF_MFA_REQUIRED or request.method in ("GET", "HEAD"):
            # Reading stays possible; every change (POST/PUT/PATCH/DELETE) needs TOTP.
            return False
        user = request.user
        if not user.is_authenticated or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        return (user.is_staff or is_staff_member(user)) and not is_mfa_enabled(user)
