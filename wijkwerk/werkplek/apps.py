from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkplekConfig(AppConfig):
    name = "wijkwerk.werkplek"
    label = "werkplek"
    verbose_name = _("Werkplek")
