"""Forms of the wijk's initiative pages: starting and editing an initiative, the decision
(checklist, votes, award, rejection), spending, accounting, pledges and the
wijkraadpleging.

The forms only parse input; the services decide what is allowed. Their ValidationErrors are
put on these fields by `add_service_errors`, so field names follow the services' error keys
(`amount`, `reason`, `receipt`, ...). Amounts are typed in euros and leave as whole cents.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability, role_assignments_current
from wijkwerk.areas.forms import OtherAreasField
from wijkwerk.areas.models import Area
from wijkwerk.budgets.forms import EuroField
from wijkwerk.budgets.models import Account
from wijkwerk.budgets.money import format_euros
from wijkwerk.organisations.models import Organisation

from .models import Initiative, LadderStep, PledgeKind, Support, Vote
from .selectors import budget_choices


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InitiativeForm(forms.Form):
    """The plan of an initiative. On creation the lead initiator also gives their address
    (needed for the rule 'initiators from different addresses'; never published)."""

    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(label=_("What do you want to do?"), widget=_textarea(4))
    purpose = forms.CharField(label=_("Why, and who benefits in the wijk?"), widget=_textarea(3))
    plan = forms.CharField(
        label=_("How will you do it, and who helps?"), widget=_textarea(3), required=False
    )
    buurt = forms.ModelChoiceField(
        label=_("Buurt"), queryset=Area.objects.none(), required=False, empty_label=_("whole wijk")
    )
    other_areas = OtherAreasField()
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=_date())
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=_date())
    requested = EuroField(
        label=_("Amount you ask for (euros)"), help_text=_("For example 450 or 450,50.")
    )
    cost_breakdown = forms.CharField(
        label=_("Budget: what does it cost?"),
        widget=_textarea(4),
        required=False,
        help_text=_("One cost per line, e.g. 'tent hire € 150'."),
    )
    own_contribution = EuroField(
        label=_("Own contribution (euros)"),
        required=False,
        help_text=_("Money, or the value of materials and hours you bring in yourselves."),
    )
    own_contribution_note = forms.CharField(
        label=_("What is your own contribution?"), max_length=200, required=False
    )
    postcode = forms.CharField(
        label=_("Your postcode"),
        max_length=7,
        help_text=_("Only the contact official sees your address."),
    )
    house_number = forms.CharField(label=_("Your house number"), max_length=10)

    def __init__(self, *args: Any, area: Area, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buurt"].queryset = area.children.order_by("name")
        self.fields["other_areas"].limit_to(area, municipality_id=area.municipality_id)
        if editing:
            del self.fields["postcode"]
            del self.fields["house_number"]

    @staticmethod
    def initial_from(initiative: Initiative) -> dict[str, Any]:
        fields = ("title", "summary", "purpose", "plan", "buurt", "location", "starts_on")
        values = {name: getattr(initiative, name) for name in fields}
        values |= {
            "ends_on": initiative.ends_on,
            "requested": initiative.requested_cents,
            "cost_breakdown": initiative.cost_breakdown,
            "own_contribution": initiative.own_contribution_cents,
            "own_contribution_note": initiative.own_contribution_note,
            "other_areas": list(initiative.other_areas.all()),
        }
        return values

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["requested_cents"] = data.pop("requested")
        data["own_contribution_cents"] = data.pop("own_contribution") or 0
        data["other_areas"] = list(data["other_areas"])
        return data


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    email = forms.EmailField(label=_("E-mail"), required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    house_number = forms.CharField(label=_("House number"), max_length=10)
    step = forms.ChoiceField(
        label=_("Step on the participatieladder"),
        choices=LadderStep.choices,
        initial=LadderStep.INITIATIEFNEMER,
    )
    is_initiator = forms.BooleanField(
        label=_("Co-initiator (counts for the minimum number of initiators)"),
        required=False,
        initial=True,
    )


class ReasonForm(forms.Form):
    """A decision or correction that must say why (rejection, cancellation, withdrawal)."""

    reason = forms.CharField(label=_("Reason"), widget=_textarea(3), max_length=2000)

    def __init__(self, *args: Any, optional: bool = False, label: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["reason"].required = not optional
        if label is not None:
            self.fields["reason"].label = label


class ExpenseCancelForm(ReasonForm):
    """Cancel one of the initiative's booked expenses (a returned purchase, a mistake)."""

    field_order = ["target", "reason"]
    target = forms.TypedChoiceField(label=_("Expense"), coerce=int)

    def __init__(self, *args: Any, expenses: list, **kwargs: Any) -> None:
        super().__init__(*args, label=_("Why is it cancelled?"), **kwargs)
        self.fields["target"].choices = [
            (e.pk, f"{e.spent_on:%d-%m-%Y} – {e.description} ({format_euros(e.amount_cents)})")
            for e in expenses
        ]


class ChecklistForm(forms.Form):
    """One yes/no and a note per point of the spelregels the deciding body ticks."""

    MET_CHOICES = (("yes", _("met")), ("no", _("not met")))

    def __init__(self, *args: Any, points: list[str], answers: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = points
        for index, point in enumerate(points):
            answer = answers.get(point)
            self.fields[f"met_{index}"] = forms.ChoiceField(
                label=point,
                choices=self.MET_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial=None if answer is None else ("yes" if answer.met else "no"),
            )
            self.fields[f"note_{index}"] = forms.CharField(
                label=_("Note on: %(point)s") % {"point": point},
                max_length=500,
                required=False,
                initial=answer.note if answer else "",
            )

    def answers(self) -> list[tuple[str, bool, str]]:
        """The points that were ticked, as (point, met, note)."""
        ticked = []
        for index, point in enumerate(self.points):
            met = self.cleaned_data.get(f"met_{index}")
            if met:
                ticked.append((point, met == "yes", self.cleaned_data.get(f"note_{index}", "")))
        return ticked

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not any(cleaned.get(f"met_{i}") for i in range(len(self.points))):
            raise forms.ValidationError(_("Tick at least one point as met or not met."))
        return cleaned


class VoteForm(forms.Form):
    vote = forms.ChoiceField(
        label=_("Your judgement"), choices=Vote.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class AwardForm(forms.Form):
    budget = forms.ModelChoiceField(label=_("Paid from"), queryset=Account.objects.none())
    amount = EuroField(
        label=_("Amount (euros)"),
        required=False,
        help_text=_("Leave empty to award the full requested amount."),
    )
    valid_until = forms.DateField(label=_("Voucher valid until"), required=False, widget=_date())
    reason = forms.CharField(
        label=_("Why is it awarded?"),
        widget=_textarea(3),
        max_length=2000,
        help_text=_("Published with the initiative."),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        budgets = budget_choices(initiative=initiative)
        self.fields["budget"].queryset = budgets
        self.fields["budget"].label_from_instance = lambda account: (
            f"{account.fund.name} – {account.name}"
        )
        if len(budgets) == 1:
            self.fields["budget"].initial = budgets[0].pk

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["amount_cents"] = data.pop("amount")
        return data


class ExpenseForm(forms.Form):
    description = forms.CharField(label=_("What was bought or paid"), max_length=200)
    amount = EuroField(label=_("Amount (euros)"))
    spent_on = forms.DateField(label=_("Date on the receipt"), widget=_date())
    receipt = forms.FileField(
        label=_("Receipt"),
        help_text=_("A PDF or a photo (JPEG, PNG or WebP)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/jpeg,image/png,image/webp"}),
    )

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["amount_cents"] = data.pop("amount")
        return data


class AccountForm(forms.Form):
    report = forms.CharField(
        label=_("What was done, and what did it bring the wijk?"), widget=_textarea(6)
    )
    participants_count = forms.IntegerField(
        label=_("How many people took part?"), min_value=0, max_value=1_000_000
    )


class CloseForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("The accounting"),
        choices=(("yes", _("is complete: close the initiative")), ("no", _("is not complete"))),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the initiators"),
        widget=_textarea(3),
        max_length=2000,
        required=False,
        help_text=_("Required when something is missing."),
    )


class PledgeForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Organisation.objects.none()
    )
    kind = forms.ChoiceField(label=_("What do you offer?"), choices=PledgeKind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = EuroField(label=_("Amount (euros, money only)"), required=False)
    hours = forms.IntegerField(label=_("Hours"), min_value=0, required=False)

    def __init__(self, *args: Any, user: Any, initiative: Initiative, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = {
            a.organisation_id
            for a in role_assignments_current(user=user)
            if a.organisation_id
            and has_capability(
                user, roles.PLEDGE, area=initiative.area, organisation_id=a.organisation_id
            )
        }
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        if len(ids) == 1:
            self.fields["organisation"].initial = next(iter(ids))

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["amount_cents"] = data.pop("amount") or 0
        data["hours"] = data["hours"] or 0
        return data


class OtherAreasForm(forms.Form):
    """Staff change which other wijken or buurten an initiative also concerns."""

    other_areas = OtherAreasField()
    reason = forms.CharField(
        label=_("Why this change"),
        max_length=500,
        required=False,
        help_text=_("Kept in the decision log with your role."),
    )

    def __init__(self, *args: Any, initiative: Initiative, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"other_areas": list(initiative.other_areas.all())})
        super().__init__(*args, **kwargs)
        self.fields["other_areas"].limit_to(
            initiative.area, municipality_id=initiative.area.municipality_id
        )


class OfficialForm(forms.Form):
    official = forms.ModelChoiceField(label=_("Contact official"), queryset=None)

    def __init__(self, *args: Any, officials: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["official"].queryset = officials


def _score(label: Any) -> forms.TypedChoiceField:
    """A score from 1 (weak) to 5 (strong), or none yet."""
    choices = [("", "—")] + [(str(n), str(n)) for n in range(1, 6)]
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, required=False, empty_value=None
    )


class ActieForm(forms.Form):
    """The ACTIE lens, each aspect from 1 (weak) to 5 (strong)."""

    animo = _score(_("Animo: do people want it?"))
    contact = _score(_("Contact: are the right people connected?"))
    toerusting = _score(_("Toerusting: do they have the skills and means?"))
    inbedding = _score(_("Inbedding: is it embedded in the wijk and its networks?"))
    empathie = _score(_("Empathie: do professionals support it with understanding?"))
    notes = forms.CharField(label=_("Notes"), widget=_textarea(3), required=False)


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    opens_on = forms.DateField(label=_("Opens on"), widget=_date())
    closes_on = forms.DateField(label=_("Closes on"), widget=_date())
    initiatives = forms.ModelMultipleChoiceField(
        label=_("Initiatives residents give their opinion on"),
        queryset=Initiative.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["initiatives"].queryset = candidates


class OpinionForm(forms.Form):
    support = forms.ChoiceField(
        label=_("Your opinion"), choices=Support.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)
