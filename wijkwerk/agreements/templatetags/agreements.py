"""Template helpers of the agreement pages: values in their unit, euros, log labels."""

from django import template
from django.utils.translation import gettext_lazy as _

from wijkwerk.budgets.money import format_euros

from ..units import format_value

register = template.Library()

ACTION_LABELS = {
    "agreements.create": _("drawn up"),
    "agreements.change": _("changed"),
    "agreements.submit": _("sent out to be signed"),
    "agreements.withdraw": _("taken back to draft"),
    "agreements.sign": _("signed"),
    "agreements.in_force": _("in force: every party signed"),
    "agreements.period_close": _("period closed"),
    "agreements.payment": _("management money paid"),
    "agreements.report": _("progress reported"),
    "agreements.dispute": _("report disputed"),
    "agreements.dispute_response": _("dispute answered"),
    "agreements.remind": _("reminder sent for an overdue report"),
    "agreements.close": _("closed and evaluated"),
}


@register.simple_tag
def value(agreement, number) -> str:
    return format_value(agreement.unit, number)


@register.simple_tag
def euros(cents) -> str:
    return format_euros(cents or 0)


@register.filter
def euros_filter(cents) -> str:
    return format_euros(cents or 0)


@register.simple_tag
def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
