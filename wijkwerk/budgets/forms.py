"""Money as people type it: amounts in euros in a form, whole cents for the services.

Every app's forms take amounts with `EuroField`, so "250", "99,50" and "€ 1.250,50" are
read the same way everywhere, and the same mistakes get the same explanation.
"""

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .models import FundKind
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


# --- staff forms of the fund pages ---------------------------------------------------------

PARTNER_ROWS = 4


class FundSetupForm(forms.Form):
    """A new fund with what the partners put in together and each partner's share."""

    name = forms.CharField(label=_("Name of the fund"), max_length=160)
    kind = forms.ChoiceField(label=_("Kind of fund"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = EuroField(
        label=_("Amount a year (euros)"),
        help_text=_("What the partners put in together, for example 555.000."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    is_public = forms.BooleanField(label=_("Show the fund publicly"), required=False, initial=True)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = FundKind.choices
        self.fields["year"].initial = date.today().year
        for i in range(1, PARTNER_ROWS + 1):
            self.fields[f"partner_{i}"] = forms.ModelChoiceField(
                label=_("Partner %(n)s") % {"n": i},
                queryset=organisations,
                required=i == 1,
                empty_label="—",
            )
            self.fields[f"share_{i}"] = forms.DecimalField(
                label=_("Share of partner %(n)s (per cent)") % {"n": i},
                min_value=Decimal("0.01"),
                max_value=Decimal(100),
                decimal_places=2,
                required=i == 1,
                localize=True,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        shares = []
        for i in range(1, PARTNER_ROWS + 1):
            partner, share = data.get(f"partner_{i}"), data.get(f"share_{i}")
            if partner is None and share is None:
                continue
            if partner is None:
                self.add_error(f"partner_{i}", _("Choose the partner of this share."))
            elif share is None:
                self.add_error(f"share_{i}", _("Enter the share of this partner."))
            else:
                shares.append((partner, int(share * 100)))
        total = sum(points for _partner, points in shares)
        if shares and not self.errors and total != 10_000:
            self.add_error(
                "share_1",
                _("The shares add up to %(total)s %%; together they must be exactly 100 %%.")
                % {"total": f"{total / 100:g}".replace(".", ",")},
            )
        data["shares"] = shares
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "kind": data["kind"],
            "year": data["year"],
            "amount_cents": data["amount"],
            "description": data["description"],
            "is_public": data["is_public"],
            "shares": data["shares"],
        }


class ContributionForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Partner"), queryset=None, empty_label=None)
    amount = EuroField(label=_("Amount received (euros)"))
    memo = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.prefix = "contribution"


class AllocationForm(forms.Form):
    area = forms.ModelChoiceField(label=_("Wijk or village"), queryset=None, empty_label=None)
    amount = EuroField(label=_("Amount to allocate (euros)"))
    memo = forms.CharField(label=_("Description"), max_length=300, required=False)

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
        self.prefix = "allocation"


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this booking corrected?"),
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The reason is shown with the correcting booking."),
    )
