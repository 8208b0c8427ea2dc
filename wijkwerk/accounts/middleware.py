"""Staff must set up two-factor authentication (TOTP) before they can act."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .selectors import needs_mfa_first

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
        # Setting TOTP up, logging out and static files stay open; the rule itself lives in
        # needs_mfa_first, which the API's StaffMFARequired applies too.
        return not request.path.startswith(_ALLOWED_PREFIXES) and needs_mfa_first(
            request.user, request.method
        )
