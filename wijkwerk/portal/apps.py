from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Public pages composed from every app (top layer, like monitoring: nothing imports it)."""

    name = "wijkwerk.portal"
    label = "portal"
    verbose_name = _("Public pages")
