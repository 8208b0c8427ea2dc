from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandingConfig(AppConfig):
    name = "wijkwerk.branding"
    label = "branding"
    verbose_name = _("Look and statements")
    default_auto_field = "django.db.models.BigAutoField"
