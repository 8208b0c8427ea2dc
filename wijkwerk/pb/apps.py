from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PbConfig(AppConfig):
    name = "wijkwerk.pb"
    label = "pb"
    verbose_name = _("Participatory budgeting")

    def ready(self) -> None:
        from .decisions import register_decisions

        register_decisions()
