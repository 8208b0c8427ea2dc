"""Money is counted in whole cents (integers) everywhere; euros appear only at the edges."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CENT = Decimal("0.01")


def euros_to_cents(value: Decimal | str | int) -> int:
    """Exact conversion; refuses fractions of a cent and negative amounts."""
    try:
        amount = Decimal(str(value).strip().replace(" ", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("Enter an amount in euros, for example 250 or 99.50."), code="invalid"
        ) from None
    if not amount.is_finite():
        raise ValidationError(_("Enter an amount in euros, for example 250 or 99.50."))
    if amount != amount.quantize(CENT):
        raise ValidationError(_("An amount has at most two decimals (whole cents)."))
    if amount < 0:
        raise ValidationError(_("An amount cannot be negative."))
    return int((amount * 100).to_integral_value(rounding=ROUND_HALF_UP))


def cents_to_euros(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def format_euros(cents: int | None) -> str:
    """ "€ 1.234,50" in Dutch, "€ 1,234.50" in English (follows the active language)."""
    if cents is None:
        return ""
    sign = "−" if cents < 0 else ""
    return f"{sign}€\u00a0{number_format(cents_to_euros(abs(cents)), 2, force_grouping=True)}"
