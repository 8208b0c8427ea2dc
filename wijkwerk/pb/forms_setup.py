"""The form that sets up a budget round: its place and budget, its phases, who may vote,
the ballot and the rule that selects the winners.

The form only parses input; `services.round_create` and `round_update` decide what fits
(dates in order, an amount within what is free on the budget, a rule that suits the
ballot). Field names follow the services' error keys (`amount`, `max_cost`, the model's
names for the rest), so each refusal lands next to its field. Amounts are typed in euros.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets.forms import EuroField
from wijkwerk.budgets.models import Account, AccountKind
from wijkwerk.budgets.money import format_euros

from .models import BallotKind, Round, TallyRule, Utility, Verification
from .services import budget_free_cents

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The form's fields that are the round's own fields under another name.
RENAMED = {"amount": "amount_cents", "max_cost": "max_cost_cents"}
# Once voting has opened only these can change (services.CHANGEABLE_AFTER_OPENING).
AFTER_OPENING = ("description", "execution_from")


def _optional_int(label: Any, **kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, **kwargs)


class BudgetChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Account) -> str:
        return _("%(name)s – %(free)s free") % {
            "name": obj.name,
            "free": format_euros(budget_free_cents(budget=obj, editing=self.editing)),
        }


class RoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    description = forms.CharField(
        label=_("What the round is about"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    area = forms.ModelChoiceField(
        label=_("Wijk or village"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
        help_text=_("Who lives here may vote."),
    )
    budget = BudgetChoice(
        label=_("Budget on the ledger"),
        queryset=Account.objects.none(),
        help_text=_("The wijkbudget the round divides; it shows what is still free."),
    )
    amount = EuroField(
        label=_("Amount to divide (euros)"),
        required=False,
        help_text=_(
            "Leave empty to divide what is on the budget at the tally. An amount must fit in "
            "what is free: the balance less what other rounds on this budget count on."
        ),
    )
    proposals_from = forms.DateField(label=_("Proposals from"), widget=DATE)
    proposals_until = forms.DateField(label=_("Proposals until"), widget=DATE)
    review_until = forms.DateField(
        label=_("Review by partners until"),
        widget=DATE,
        help_text=_("After the proposals close; partners judge feasibility and cost."),
    )
    voting_from = forms.DateField(label=_("Voting from"), widget=DATE)
    voting_until = forms.DateField(label=_("Voting until"), widget=DATE)
    execution_from = forms.DateField(label=_("Execution from"), widget=DATE, required=False)
    min_age = forms.IntegerField(
        label=_("Minimum age of voters"), min_value=0, max_value=120, initial=16
    )
    verification = forms.ChoiceField(
        label=_("Voters prove who they are with"),
        choices=Verification.choices,
        initial=Verification.EMAIL,
        widget=forms.RadioSelect,
    )
    ballot_kind = forms.ChoiceField(
        label=_("Kind of ballot"),
        choices=BallotKind.choices,
        initial=BallotKind.APPROVAL,
        widget=forms.RadioSelect,
    )
    max_projects = _optional_int(
        _("At most this many projects (approval)"),
        help_text=_("Leave empty for no maximum."),
    )
    max_cost = EuroField(
        label=_("At most this total cost per ballot (approval, euros)"), required=False
    )
    points_total = _optional_int(_("Points to distribute (cumulative)"))
    max_points_per_project = _optional_int(_("At most this many points per project (cumulative)"))
    rule = forms.ChoiceField(
        label=_("Selection rule"), choices=TallyRule.choices, initial=TallyRule.GREEDY
    )
    utility = forms.ChoiceField(
        label=_("Utility (Method of Equal Shares)"),
        choices=Utility.choices,
        initial=Utility.COST,
        widget=forms.RadioSelect,
    )
    compare_greedy = forms.BooleanField(
        label=_("Compare with the greedy outcome"),
        required=False,
        help_text=_("Method of Equal Shares only: keep greedy if more voters prefer it."),
    )
    threshold_percent = forms.IntegerField(
        label=_("Minimum share of voters (%, greedy rules)"),
        required=False,
        min_value=0,
        max_value=100,
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        areas: list[Area],
        whole_municipality: bool,
        editing: Round | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        area_ids = [a.pk for a in areas]
        self.fields["area"].queryset = Area.objects.filter(pk__in=area_ids).order_by("name")
        if not whole_municipality:
            self.fields["area"].required = True
            self.fields["area"].empty_label = None
        budgets = Account.objects.filter(
            kind=AccountKind.BUDGET, fund__municipality=municipality, owner_kind=""
        )
        if not whole_municipality:
            budgets = budgets.filter(area__in=area_ids)
        budget = self.fields["budget"]
        budget.queryset = budgets.select_related("fund").order_by("-fund__year", "name")
        budget.editing = editing
        if editing is not None and editing.phase() not in ("upcoming", "proposals", "review"):
            for name in list(self.fields):
                if name not in AFTER_OPENING:
                    del self.fields[name]

    @property
    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """The fields in the groups the page shows them in."""
        groups = (
            (_("The round"), ("title", "description", "area", "budget", "amount")),
            (
                _("Phases"),
                (
                    "proposals_from",
                    "proposals_until",
                    "review_until",
                    "voting_from",
                    "voting_until",
                    "execution_from",
                ),
            ),
            (_("Who may vote"), ("min_age", "verification")),
            (
                _("Ballot"),
                (
                    "ballot_kind",
                    "max_projects",
                    "max_cost",
                    "points_total",
                    "max_points_per_project",
                ),
            ),
            (
                _("How the winners are chosen"),
                ("rule", "utility", "compare_greedy", "threshold_percent"),
            ),
        )
        return [
            (title, [self[name] for name in names if name in self.fields])
            for title, names in groups
            if any(name in self.fields for name in names)
        ]

    @staticmethod
    def initial_from(pb_round: Round) -> dict[str, Any]:
        initial = {
            name: getattr(pb_round, RENAMED.get(name, name))
            for name in RoundForm.base_fields
            if name not in ("area", "budget")
        }
        initial["area"] = pb_round.area_id
        initial["budget"] = pb_round.budget_id
        return initial

    def service_values(self) -> dict[str, Any]:
        """The cleaned data under the services' argument names."""
        values = {RENAMED.get(name, name): value for name, value in self.cleaned_data.items()}
        if "description" in values:
            values["description"] = values["description"] or ""
        return values

    def changed_values(self, pb_round: Round) -> dict[str, Any]:
        """Only what differs from the round, so an unchanged field is not 'changed'."""
        return {
            name: value
            for name, value in self.service_values().items()
            if getattr(pb_round, name) != value
        }
