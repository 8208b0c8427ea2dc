from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    name = "wijkwerk.initiatives"
    label = "initiatives"
    verbose_name = _("Resident initiatives")

    def ready(self) -> None:
        from .decisions import register_decisions

        register_decisions()
