"""Forms of the public round page: proposing a project, and the ballot."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkwerk.budgets.money import format_euros

from .models import BallotKind, Proposal, Round, Verification


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    summary = forms.CharField(
        label=_("What is the project?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should happen, for whom, and what it roughly costs."),
    )
    location = forms.CharField(
        label=_("Where"), max_length=200, required=False, help_text=_("A street, square or park.")
    )


class BallotForm(forms.Form):
    """The ballot of a round: tick projects, or give points, plus the voter's code."""

    def __init__(self, *args, round: Round, proposals: list[Proposal], **kwargs):  # noqa: A002
        super().__init__(*args, **kwargs)
        self.round = round
        self.proposals = proposals
        labels = {
            p.pk: f"{p.title} ({format_euros(p.estimated_cost_cents or 0)})" for p in proposals
        }
        if round.ballot_kind == BallotKind.CUMULATIVE:
            for p in proposals:
                self.fields[f"points_{p.pk}"] = forms.IntegerField(
                    label=labels[p.pk],
                    min_value=0,
                    max_value=round.max_points_per_project or round.points_total,
                    required=False,
                )
        else:
            self.fields["projects"] = forms.TypedMultipleChoiceField(
                label=_("Projects you support"),
                choices=[(p.pk, labels[p.pk]) for p in proposals],
                coerce=int,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        if round.verification == Verification.LETTER:
            self.fields["letter_code"] = forms.CharField(
                label=_("Code from your letter"),
                max_length=40,
                help_text=_("For example ABCD-EFGH-JKLM."),
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            )
        else:
            self.fields["email_code"] = forms.CharField(
                label=_("Code from the e-mail"),
                max_length=12,
                help_text=_("The six digits we sent you."),
                widget=forms.TextInput(
                    attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
                ),
            )

    def choices(self) -> dict[int, int] | list[int]:
        """What the voter chose, in the shape `services.ballot_cast` takes."""
        if self.round.ballot_kind == BallotKind.CUMULATIVE:
            return {
                p.pk: self.cleaned_data[f"points_{p.pk}"]
                for p in self.proposals
                if self.cleaned_data.get(f"points_{p.pk}")
            }
        return list(self.cleaned_data.get("projects") or [])


class LetterShareForm(forms.Form):
    letter_code = forms.CharField(
        label=_("Code from your letter"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
