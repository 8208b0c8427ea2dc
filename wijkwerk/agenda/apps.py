from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "wijkwerk.agenda"
    label = "agenda"
    verbose_name = _("Wijkagenda and WOP")
