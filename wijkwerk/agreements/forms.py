"""Forms of the agreement pages. They only parse input; the rules live in services.py."""

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem, Goal, Theme
from wijkwerk.areas.forms import OtherAreasField
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets.models import Account, AccountKind
from wijkwerk.budgets.money import euros_to_cents
from wijkwerk.organisations.models import Organisation

from .models import AgreementKind, ReportEvery, Unit
from .services import PartyInput

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _euros(value: str, field: str) -> int:
    if not value:
        return 0
    try:
        return euros_to_cents(value)
    except forms.ValidationError as error:
        raise forms.ValidationError({field: error.messages}) from None


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AgreementKind.choices)
    title = forms.CharField(label=_("What is agreed (wat)"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("Why (waarom)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    approach = forms.CharField(
        label=_("How (hoe)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    area = forms.ModelChoiceField(
        label=_("Wijk or buurt"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    other_areas = OtherAreasField()
    starts_on = forms.DateField(label=_("From (wanneer)"), widget=DATE, required=False)
    ends_on = forms.DateField(label=_("Until"), widget=DATE, required=False)
    owner_organisation = forms.ModelChoiceField(
        label=_("By whom: the owner"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The organisation that delivers and reports."),
    )
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.none(), required=False)
    indicator = forms.CharField(label=_("Indicator"), max_length=200, required=False)
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    baseline = forms.CharField(label=_("Baseline"), max_length=20, required=False)
    target = forms.CharField(
        label=_("Target"),
        max_length=20,
        required=False,
        help_text=_("In the unit: a number, a percentage, euros, hours, or yes/no."),
    )
    report_every = forms.TypedChoiceField(
        label=_("Reporting frequency"),
        choices=ReportEvery.choices,
        coerce=int,
        initial=ReportEvery.QUARTER,
    )
    agenda_items = forms.ModelMultipleChoiceField(
        label=_("Wijkagenda items it serves"),
        queryset=AgendaItem.objects.none(),
        required=False,
    )
    goals = forms.ModelMultipleChoiceField(
        label=_("WOP goals it serves"), queryset=Goal.objects.none(), required=False
    )
    geometry = forms.CharField(
        label=_("Area on the map (GeoJSON)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("A Point or Polygon in longitude/latitude; for a beheerovereenkomst."),
    )
    budget = forms.ModelChoiceField(
        label=_("Management money paid from"), queryset=Account.objects.none(), required=False
    )
    management = forms.CharField(label=_("Management money (euros)"), max_length=20, required=False)
    reason_for_change = forms.CharField(label=_("Why it changes"), max_length=300, required=False)

    def __init__(self, *args: Any, municipality: Municipality, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)
        self.fields["other_areas"].limit_to(None, municipality_id=municipality.pk)
        organisations = Organisation.objects.filter(municipality=municipality).select_related(
            "parent"
        )
        self.organisations = list(organisations.filter(parent__isnull=True))
        self.fields["owner_organisation"].queryset = organisations
        self.fields["theme"].queryset = Theme.objects.filter(municipality=municipality)
        self.fields["agenda_items"].queryset = AgendaItem.objects.filter(
            area__municipality=municipality
        ).order_by("-year", "title")
        self.fields["goals"].queryset = Goal.objects.filter(
            plan__area__municipality=municipality
        ).select_related("plan")
        self.fields["budget"].queryset = Account.objects.filter(
            fund__municipality=municipality,
            kind__in=[AccountKind.BUDGET, AccountKind.POOL],
            owner_kind="",
        ).select_related("fund")
        if not editing:
            del self.fields["reason_for_change"]
        for org in self.organisations:
            self.fields[f"party_{org.pk}"] = forms.BooleanField(
                label=_("%(org)s is a party") % {"org": org}, required=False
            )
            self.fields[f"money_{org.pk}"] = forms.CharField(
                label=_("Money committed by %(org)s (euros)") % {"org": org},
                max_length=20,
                required=False,
            )
            self.fields[f"hours_{org.pk}"] = forms.IntegerField(
                label=_("Hours committed by %(org)s") % {"org": org}, min_value=0, required=False
            )

    def party_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"party_{o.pk}"], self[f"money_{o.pk}"], self[f"hours_{o.pk}"])
            for o in self.organisations
        ]

    def main_fields(self) -> list[Any]:
        return [f for f in self if not f.name.startswith(("party_", "money_", "hours_"))]

    def clean_geometry(self) -> dict | None:
        text = self.cleaned_data["geometry"].strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("This is not valid GeoJSON.")) from None

    def service_values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        parties = []
        for org in self.organisations:
            if data.pop(f"party_{org.pk}", False):
                parties.append(
                    PartyInput(
                        organisation=org,
                        money_cents=_euros(data.get(f"money_{org.pk}") or "", f"money_{org.pk}"),
                        hours=data.get(f"hours_{org.pk}") or 0,
                    )
                )
            data.pop(f"money_{org.pk}", None)
            data.pop(f"hours_{org.pk}", None)
        data["parties"] = parties
        data["management_cents"] = _euros(data.pop("management") or "", "management")
        data["agenda_items"] = list(data["agenda_items"])
        data["goals"] = list(data["goals"])
        data["other_areas"] = list(data["other_areas"])
        return data


class SignForm(forms.Form):
    party = forms.ModelChoiceField(label=_("Sign on behalf of"), queryset=None, empty_label=None)
    remark = forms.CharField(label=_("Remark"), max_length=500, required=False)

    def __init__(self, *args: Any, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties
        self.fields["party"].label_from_instance = lambda party: str(party.organisation)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    evaluation = forms.CharField(
        label=_("Evaluation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What was promised and what was delivered; it is published."),
    )


class PaymentForm(forms.Form):
    amount = forms.CharField(label=_("Amount (euros)"), max_length=20)
    memo = forms.CharField(label=_("For"), max_length=300, required=False)

    def clean_amount(self) -> int:
        return _euros(self.cleaned_data["amount"], "amount")


class ReportForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Period"), queryset=None, empty_label=None)
    value = forms.CharField(label=_("Value of the indicator"), max_length=20, required=False)
    narrative = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.FileField(label=_("Evidence (PDF or photo)"), required=False)
    evidence_link = forms.CharField(label=_("Or a link to evidence"), required=False)
    money_spent = forms.CharField(label=_("Money spent (euros)"), max_length=20, required=False)
    hours_spent = forms.IntegerField(label=_("Hours spent"), min_value=0, required=False)

    def __init__(self, *args: Any, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods

    def clean_money_spent(self) -> int | None:
        value = self.cleaned_data["money_spent"]
        return _euros(value, "money_spent") if value else None


class DisputeForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, empty_label=None)
    reason = forms.CharField(
        label=_("Why you do not agree"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args: Any, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Response of the owner"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PartnerForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"), queryset=None, required=False, empty_label=_("All partners")
    )

    def __init__(self, *args: Any, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = organisations
