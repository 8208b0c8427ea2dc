"""Forms of the municipality-wide initiative pages: spelregels, voucher redemption and
convenant projects.

Amounts are typed in euros and leave the form as whole cents. The forms only parse input;
the services decide what is allowed (their ValidationErrors are put on these fields by
`core.forms.form_applied`, so the field names follow the services' error keys).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets.forms import EuroField
from wijkwerk.budgets.models import Fund
from wijkwerk.organisations.models import Organisation

from .models import DecidingBody, Provider, RuleSet


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


# --- spelregels ----------------------------------------------------------------------------


class RuleSetForm(forms.Form):
    """A new version of the spelregels; prefilled from the current one."""

    max_amount = EuroField(
        label=_("Maximum per initiative (euros)"), help_text=_("For example 2500 or 2500,00.")
    )
    max_per_year = EuroField(
        label=_("Maximum per address per year (euros)"),
        required=False,
        help_text=_("Leave empty or 0 for no yearly maximum."),
    )
    min_initiators = forms.IntegerField(
        label=_("Minimum number of initiators from different addresses"), min_value=1
    )
    own_contribution_percent = forms.IntegerField(
        # xgettext:no-python-format
        label=_("Own contribution (% of the requested amount)"),
        min_value=0,
        max_value=100,
    )
    quick_max = EuroField(
        label=_("Small request: up to (euros)"),
        help_text=_("Requests up to this amount are decided quickly."),
    )
    quick_working_days = forms.IntegerField(
        label=_("Decision on a small request within (working days)"), min_value=1
    )
    decision_working_days = forms.IntegerField(
        label=_("Decision on other requests within (working days)"), min_value=1
    )
    deciding_body = forms.ChoiceField(
        label=_("Who decides"), choices=DecidingBody.choices, widget=forms.RadioSelect
    )
    excluded = forms.CharField(
        label=_("Not funded"),
        widget=_textarea(4),
        required=False,
        help_text=_("One item per line, e.g. commercial activities, alcohol, regular tasks."),
    )
    checklist = forms.CharField(
        label=_("Checklist for the deciding body"),
        widget=_textarea(5),
        required=False,
        help_text=_("One point per line; the deciding body ticks each before an award."),
    )
    note = forms.CharField(
        label=_("What changed"),
        max_length=300,
        help_text=_("Shown with the list of versions, e.g. 'higher maximum for villages'."),
    )

    @staticmethod
    def initial_from(ruleset: RuleSet | None) -> dict[str, Any]:
        """The current version's values (amounts in cents), or the model's defaults."""
        if ruleset is None:
            return {
                "min_initiators": 2,
                "own_contribution_percent": 0,
                "quick_max": 50_000,
                "quick_working_days": 3,
                "decision_working_days": 30,
            }
        return {
            "max_amount": ruleset.max_amount_cents,
            "max_per_year": ruleset.max_per_year_cents or None,
            "min_initiators": ruleset.min_initiators,
            "own_contribution_percent": ruleset.own_contribution_percent,
            "quick_max": ruleset.quick_max_cents,
            "quick_working_days": ruleset.quick_working_days,
            "decision_working_days": ruleset.decision_working_days,
            "deciding_body": ruleset.deciding_body,
            "excluded": ruleset.excluded,
            "checklist": ruleset.checklist,
        }

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "max_amount_cents": data["max_amount"],
            "max_per_year_cents": data["max_per_year"] or 0,
            "min_initiators": data["min_initiators"],
            "own_contribution_percent": data["own_contribution_percent"],
            "quick_max_cents": data["quick_max"],
            "quick_working_days": data["quick_working_days"],
            "decision_working_days": data["decision_working_days"],
            "deciding_body": data["deciding_body"],
            "excluded": data["excluded"],
            "checklist": data["checklist"],
            "note": data["note"],
        }


# --- vouchers ------------------------------------------------------------------------------


class RedeemForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Provider.objects.none(), empty_label=None
    )
    code = forms.CharField(
        label=_("Voucher code"),
        max_length=30,
        help_text=_("The code on the voucher, for example KX7P2M9QHA."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    amount = EuroField(label=_("Amount (euros)"), help_text=_("For example 25 or 19,95."))
    description = forms.CharField(label=_("What was bought"), max_length=200)

    def __init__(self, *args: Any, providers: list[Provider], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        field.queryset = Provider.objects.filter(pk__in=[p.pk for p in providers]).select_related(
            "organisation"
        )
        if len(providers) == 1:
            # One provider: nothing to choose; the view books on it.
            field.widget = forms.HiddenInput()
            field.initial = providers[0].pk
            field.required = False
        self.single_provider = providers[0] if len(providers) == 1 else None

    def clean_provider(self) -> Provider | None:
        return self.cleaned_data.get("provider") or self.single_provider


# --- convenant projects --------------------------------------------------------------------


class BudgetWhatIfForm(forms.Form):
    """On the ranking page: where would the line fall with another budget?"""

    budget = EuroField(label=_("What if the budget were (euros)"), required=False)


class ProjectCallForm(forms.Form):
    fund = forms.ModelChoiceField(label=_("Fund"), queryset=Fund.objects.none())
    title = forms.CharField(label=_("Title"), max_length=160)
    closes_on = forms.DateField(
        label=_("Submissions until"), widget=forms.DateInput(attrs={"type": "date"})
    )
    weight_participation = forms.IntegerField(
        label=_("Weight of resident participation"), min_value=0, initial=50
    )
    weight_impact = forms.IntegerField(label=_("Weight of impact"), min_value=0, initial=30)
    weight_reach = forms.IntegerField(label=_("Weight of reach"), min_value=0, initial=20)
    budget_cents = EuroField(
        label=_("Budget of the call (euros)"),
        required=False,
        help_text=_("At most this much is awarded in this call. Leave empty: what the fund holds."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = Fund.objects.filter(municipality=municipality)


class ProjectSubmitForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title of the project"), max_length=160)
    description = forms.CharField(label=_("Description"), widget=_textarea(6))
    resident_role = forms.CharField(
        label=_("How residents take part"),
        widget=_textarea(4),
        required=False,
        help_text=_("Resident participation weighs heavily in the ranking."),
    )
    requested = EuroField(label=_("Requested amount (euros)"))
    area = forms.ModelChoiceField(
        label=_("Wijk or village"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("the whole municipality"),
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        organisations: list[Organisation],
        user: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.user = user
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        )
        self.fields["area"].queryset = municipality.areas.wijken().order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        organisation, area = data.get("organisation"), data.get("area")
        # A partner whose role covers one wijk acts for that wijk only; say so on the form
        # instead of refusing the whole page (the service checks the same capability).
        if organisation is not None and not has_capability(
            self.user,
            roles.PLEDGE,
            area=area,
            municipality=self.municipality,
            organisation_id=organisation.pk,
        ):
            raise ValidationError(
                {"area": _("On behalf of this organisation you submit for your own wijk only.")}
            )
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "organisation": data["organisation"],
            "title": data["title"],
            "description": data["description"],
            "resident_role": data["resident_role"],
            "requested_cents": data["requested"],
            "area": data["area"],
        }


class ProjectScoreForm(forms.Form):
    participation = forms.IntegerField(
        label=_("Resident participation (0–5)"), min_value=0, max_value=5
    )
    impact = forms.IntegerField(label=_("Impact (0–5)"), min_value=0, max_value=5)
    reach = forms.IntegerField(label=_("Reach (0–5)"), min_value=0, max_value=5)


class ProjectDecideForm(forms.Form):
    award = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("yes", _("award")), ("no", _("reject"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Motivation"),
        widget=_textarea(4),
        help_text=_("Published with the decision; the partner reads it."),
    )


class AwardCorrectionForm(forms.Form):
    """Lower an award, or withdraw it with 0: the decision and its booking change together."""

    amount = EuroField(
        label=_("New amount of the award (euros)"),
        help_text=_("0 withdraws the award. The difference goes back to the budget."),
    )
    reason = forms.CharField(
        label=_("Why is the award corrected?"),
        widget=_textarea(3),
        help_text=_("Published with the decision."),
    )


class ProjectWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the project?"), widget=_textarea(3), required=False
    )
