"""The Django admin (/beheer/) is for the superuser only: a functioneel beheerder or any
other staff member does their work on the werkplek's pages. A logged-in person who is not
a superuser gets the site's own Dutch 403 page, not the admin's login form."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class SuperuserAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Wijkwerk management")
    site_title = gettext_lazy("Wijkwerk")

    def has_permission(self, request) -> bool:
        user = request.user
        return user.is_active and user.is_superuser

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied(
                _(
                    "The management pages (/beheer/) are for the superuser only. "
                    "Everything you do in Wijkwerk has its own page on your werkplek."
                )
            )
        return super().login(request, extra_context)


class WijkwerkAdminConfig(AdminConfig):
    default_site = "wijkwerk.accounts.admin_site.SuperuserAdminSite"
