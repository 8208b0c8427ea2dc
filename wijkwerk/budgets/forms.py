"""Money as people type it: amounts in euros in a form, whole cents for the services.

Every app's forms take amounts with `EuroField`, so "250", "99,50" and "€ 1.250,50" are
read the same way everywhere, and the same mistakes get the same explanation.
"""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .money import cents_to_euros, euros_to_cents

# Digits grouped by thousands: "1.250" and "1.250,50" the Dutch way, "1,250.50" the English
# way. "1.250" is read as € 1250 (nobody writes euros with three decimals). A lone comma is
# the Dutch decimal mark, so "1,250" is refused as three decimals rather than guessed at:
# a Dutch "99,505" typo must not become € 99.505.
_DUTCH_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_ENGLISH_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+\.\d{1,2}$")
_PLAIN = re.compile(r"^-?\d+(\.(?P<decimals>\d*))?$")


def parse_euros(text: str) -> int:
    """Cents from what a person types: "250", "99,50", "99.50", "€ 1.250,50"."""
    value = text.strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    if _DUTCH_GROUPED.match(value):
        value = value.replace(".", "").replace(",", ".")
    elif _ENGLISH_GROUPED.match(value):
        value = value.replace(",", "")
    elif value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    plain = _PLAIN.match(value)
    if plain is None:
        raise ValidationError(_("Enter an amount in euros, for example 250 or 99,50."))
    if len(plain.group("decimals") or "") > 2:
        # Checked on the text: Decimal("1.250") equals 1.25 and would slip through.
        raise ValidationError(_("An amount has at most two decimals (whole cents)."))
    return euros_to_cents(value)


class EuroField(forms.Field):
    """An amount in euros in, whole cents out. Initial values are given in cents."""

    widget = forms.TextInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off", "maxlength": 20})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return number_format(cents_to_euros(value), 2)
        return value

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values or not str(value).strip():
            return None
        if len(str(value)) > 20:
            raise ValidationError(_("Enter an amount in euros, for example 250 or 99,50."))
        return parse_euros(str(value))
