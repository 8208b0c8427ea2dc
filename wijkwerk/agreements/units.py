"""Values of an indicator in its unit: what a target or a reported value may be.

Every value is kept as a decimal with two places; the unit decides which values make sense:
a number or hours are whole and not negative, a percentage lies between 0 and 100, euros
have at most two decimals, yes/no is 1 or 0. A value that does not fit is refused with a
message that names the unit, never rounded into something else.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import Unit

_YES = {"yes", "ja", "true", "1", "y", "j"}
_NO = {"no", "nee", "false", "0", "n"}


def parse_value(unit: str, raw: Any) -> Decimal:
    """The value as a Decimal fit for `unit`, or a ValidationError saying what is wrong."""
    if unit not in Unit.values:
        raise ValidationError(_("Choose a unit for the indicator."))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise ValidationError(_("Give a value."))
    if unit == Unit.YES_NO:
        if isinstance(raw, bool):
            return Decimal(int(raw))
        text = str(raw).strip().lower()
        if text in _YES:
            return Decimal(1)
        if text in _NO:
            return Decimal(0)
        raise ValidationError(
            _("The unit is yes/no: give yes or no, not %(value)s.") % {"value": raw}
        )
    if isinstance(raw, bool):
        raise ValidationError(_("Give a number, not yes or no."))
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Give a number, for example 12 or 7.5.")) from None
    if not value.is_finite():
        raise ValidationError(_("Give a number, for example 12 or 7.5."))
    if value < 0:
        raise ValidationError(_("A value cannot be negative."))
    if value >= Decimal("1e12"):
        raise ValidationError(_("This number is too large."))
    if unit in (Unit.NUMBER, Unit.HOURS) and value != value.to_integral_value():
        raise ValidationError(
            _("The unit is %(unit)s: give a whole number.") % {"unit": Unit(unit).label}
        )
    if unit == Unit.PERCENT and value > 100:
        raise ValidationError(_("A percentage lies between 0 and 100."))
    if value != value.quantize(Decimal("0.01")):
        raise ValidationError(_("Give at most two decimals."))
    return value.quantize(Decimal("0.01"))


def format_value(unit: str, value: Decimal | None) -> str:
    """A value as people read it: "12", "7,5 %", "€ 1.250,00", "40 hours", "yes"."""
    if value is None:
        return "–"
    if unit == Unit.YES_NO:
        return _("yes") if value >= 1 else _("no")
    if unit == Unit.EURO:
        return "€\u00a0" + number_format(value, 2, force_grouping=True)
    whole = value == value.to_integral_value()
    text = number_format(value.quantize(Decimal(1)) if whole else value, force_grouping=True)
    if unit == Unit.PERCENT:
        return f"{text}\u00a0%"
    if unit == Unit.HOURS:
        return _("%(n)s hours") % {"n": text}
    return text


def target_met(
    unit: str, baseline: Decimal | None, target: Decimal, value: Decimal | None
) -> bool | None:
    """Was the target reached? A target below the baseline means "lower is better"."""
    if value is None:
        return None
    if baseline is not None and target < baseline:
        return value <= target
    return value >= target
