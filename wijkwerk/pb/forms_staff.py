"""Forms of a budget round's staff pages: reviewing a proposal, adding one from an
initiative or wijkagenda item, code letters, paper ballots, the tally and publication.

The forms only parse input; the services decide what is allowed. Field names follow the
services' error keys (`cost`, `reason`, `origin`, `count`, `code`), so `add_service_errors`
puts each refusal next to its field. Amounts are typed in euros (the Dutch way) and leave
as whole cents.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.budgets.forms import EuroField
from wijkwerk.budgets.money import format_euros

from .models import BallotKind, Proposal, ProposalStatus, Round
from .services import MAX_LETTERS_PER_BATCH, ORIGIN_KINDS


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ReviewForm(forms.Form):
    """A partner's judgement of one proposal: feasible at a cost, or not with a reason."""

    FEASIBLE = "feasible"
    NOT_FEASIBLE = "not_feasible"

    verdict = forms.ChoiceField(
        label=_("Judgement"),
        choices=(
            (FEASIBLE, _("feasible: it goes on the ballot")),
            (NOT_FEASIBLE, _("not feasible")),
        ),
        widget=forms.RadioSelect,
    )
    cost = EuroField(
        label=_("Estimated cost (euros)"),
        required=False,
        help_text=_("When feasible. For example 12.500 or 12.500,50."),
    )
    reason = forms.CharField(
        label=_("Reason (public)"),
        widget=_textarea(3),
        max_length=2000,
        required=False,
        help_text=_("Required when not feasible; shown to everyone."),
    )

    @staticmethod
    def initial_from(proposal: Proposal) -> dict[str, Any]:
        if proposal.status == ProposalStatus.FEASIBLE:
            return {
                "verdict": ReviewForm.FEASIBLE,
                "cost": proposal.estimated_cost_cents,
                "reason": proposal.review_reason,
            }
        if proposal.status == ProposalStatus.NOT_FEASIBLE:
            return {"verdict": ReviewForm.NOT_FEASIBLE, "reason": proposal.review_reason}
        return {}

    def service_arguments(self) -> dict[str, Any]:
        feasible = self.cleaned_data["verdict"] == self.FEASIBLE
        return {
            "feasible": feasible,
            "cost_cents": self.cleaned_data["cost"] if feasible else None,
            "reason": self.cleaned_data["reason"],
        }


class OriginProposalForm(forms.Form):
    """Put an existing initiative or wijkagenda item on the round as a proposal."""

    origin_kind = forms.ChoiceField(
        label=_("Comes from"), choices=list(ORIGIN_KINDS.items()), widget=forms.RadioSelect
    )
    origin = forms.CharField(
        label=_("Number of the initiative or wijkagenda item"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    title = forms.CharField(label=_("Title on the ballot"), max_length=160)
    summary = forms.CharField(label=_("What is the project?"), widget=_textarea(4))
    location = forms.CharField(label=_("Where"), max_length=200, required=False)

    def service_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["origin_id"] = data.pop("origin")
        return data


class LetterCodesForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of code letters"),
        help_text=_("One code per eligible resident; at most %(max)d at a time.")
        % {"max": MAX_LETTERS_PER_BATCH},
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_LETTERS_PER_BATCH}),
    )


class PaperBallotForm(forms.Form):
    """A paper ballot as it came in: the letter code printed on it and what was ticked (or
    the points given, on a cumulative ballot)."""

    code = forms.CharField(
        label=_("Code on the ballot"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("For example ABCD-EFGH-JKLM."),
    )

    def __init__(
        self,
        *args: Any,
        round: Round,  # noqa: A002
        proposals: list[Proposal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.cumulative = round.ballot_kind == BallotKind.CUMULATIVE
        self.proposals = proposals
        if self.cumulative:
            for proposal in proposals:
                self.fields[f"points_{proposal.pk}"] = forms.IntegerField(
                    label=_("Points for %(title)s (%(cost)s)")
                    % {
                        "title": proposal.title,
                        "cost": format_euros(proposal.estimated_cost_cents),
                    },
                    min_value=0,
                    max_value=10_000,
                    required=False,
                )
        else:
            self.fields["choices"] = forms.TypedMultipleChoiceField(
                label=_("Projects ticked on the ballot"),
                choices=[
                    (p.pk, f"{p.title} ({format_euros(p.estimated_cost_cents)})") for p in proposals
                ],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    def choices(self) -> dict[int, int] | list[int]:
        if not self.cumulative:
            return list(self.cleaned_data.get("choices") or [])
        points = {p.pk: self.cleaned_data.get(f"points_{p.pk}") or 0 for p in self.proposals}
        return {pk: value for pk, value in points.items() if value}


class TallyForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are the votes counted now?"),
        widget=_textarea(3),
        max_length=2000,
        help_text=_("For example: the vote has closed and the last paper ballots are entered."),
    )


class PublishForm(forms.Form):
    reason = forms.CharField(
        label=_("Note for the audit log"), widget=_textarea(2), max_length=2000, required=False
    )
