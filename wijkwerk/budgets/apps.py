from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "wijkwerk.budgets"
    label = "budgets"
    verbose_name = _("Funds and wijkbudgets")
