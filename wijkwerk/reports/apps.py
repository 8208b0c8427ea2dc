from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "wijkwerk.reports"
    label = "reports"
    verbose_name = _("Meldingen openbare ruimte")

    def ready(self) -> None:
        from wijkwerk.core.handoffs import register_melding_creator

        from .handoffs import melding_from_handoff

        register_melding_creator(melding_from_handoff)
