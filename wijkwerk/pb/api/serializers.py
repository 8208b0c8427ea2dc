"""Serializers of the budget rounds API.

Money is a whole number of cents in fields named `*_cents`, as in the ledger API. The MES
explanations (what a project's supporters had left, what was missing, each voter's share)
are exact fractions of a euro in the tally; the API gives them as decimal strings in euros,
rounded to the cent. Who proposed a project is personal data: null unless you may see it.
"""

from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wijkwerk.areas.api.fields import IdOrCodeField, municipality_slug_field
from wijkwerk.areas.models import Area

from ..models import (
    BallotKind,
    Phase,
    Proposal,
    ProposalStatus,
    Round,
    TallyLine,
    TallyResult,
    TallyRule,
    Utility,
    Verification,
)
from ..services import ROUND_FIELDS
from ..tally import outcome

MAX_CENTS = 10**13  # as the ledger API: far above any budget, far below BigInteger overflow

REASON_CODES = (
    outcome.FUNDED,
    outcome.COMPLETION,
    outcome.DOES_NOT_FIT,
    outcome.STOPPED,
    outcome.BELOW_THRESHOLD,
    outcome.RAN_OUT,
    outcome.NO_VOTES,
    outcome.WORTHLESS,
)


def euros_text(value: str | Fraction | None) -> str | None:
    """An exact amount in euros ("p/q" text) as a decimal string rounded to the cent (half
    up): "1666.67". None when there is none."""
    if value is None or value == "":
        return None
    cents = Fraction(value) * 100
    whole = int(abs(cents) + Fraction(1, 2))  # half up, away from zero
    sign = "-" if cents < 0 and whole else ""
    return f"{sign}{whole // 100}.{whole % 100:02d}"


def _euros_field(description: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=17,
        decimal_places=2,
        allow_null=True,
        read_only=True,
        help_text=description,
    )


_ROUNDED = _("In euros, as a decimal string rounded to the cent (the tally counts exactly).")


# --- output --------------------------------------------------------------------------------


class PbRoundSerializer(serializers.ModelSerializer):
    """A budget round: public, with its phase, dates, ballot and counting rule."""

    municipality = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text=_("Slug of the municipality")
    )
    area = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text=_("Id of the wijk or village; null for a round in the whole municipality"),
    )
    area_name = serializers.CharField(
        source="area.name", read_only=True, allow_null=True, default=None
    )
    phase = serializers.SerializerMethodField()
    ballot_kind = serializers.ChoiceField(choices=BallotKind.choices, read_only=True)
    verification = serializers.ChoiceField(choices=Verification.choices, read_only=True)
    rule = serializers.ChoiceField(choices=TallyRule.choices, read_only=True)
    utility = serializers.ChoiceField(choices=Utility.choices, read_only=True)
    results_published = serializers.BooleanField(read_only=True)

    class Meta:
        model = Round
        fields = [
            "id",
            "municipality",
            "area_name",
            "phase",
            *ROUND_FIELDS,
            "results_published",
            "results_published_at",
        ]
        extra_kwargs = {
            "budget": {"help_text": _("Id of the budget account on the ledger")},
            "amount_cents": {
                "help_text": _(
                    "What the round divides; null: the whole balance of the budget at the tally"
                )
            },
        }

    @extend_schema_field(serializers.ChoiceField(choices=Phase.choices))
    def get_phase(self, pb_round: Round) -> str:
        return str(pb_round.phase())


class PbProposerSerializer(serializers.Serializer):
    name = serializers.CharField(source="full_name")
    email = serializers.EmailField()


class PbProposalSerializer(serializers.ModelSerializer):
    """A project proposed on a round, with the partners' public review."""

    # The views put the proposer of each proposal the user may see in the context
    # ("proposers": {proposal id: user}); anyone else gets null.

    status = serializers.ChoiceField(choices=ProposalStatus.choices, read_only=True)
    estimated_cost_cents = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Set by the review; null until then")
    )
    review_reason = serializers.CharField(
        read_only=True, help_text=_("Why it is not feasible (public); may be empty otherwise")
    )
    proposer = serializers.SerializerMethodField(
        help_text=_(
            "Who proposed it (personal data): null unless you may see the round's personal "
            "data or proposed it yourself"
        )
    )

    class Meta:
        model = Proposal
        fields = [
            "id",
            "round",
            "title",
            "summary",
            "location",
            "status",
            "estimated_cost_cents",
            "review_reason",
            "origin_kind",
            "origin_id",
            "proposer",
        ]

    @extend_schema_field(PbProposerSerializer(allow_null=True))
    def get_proposer(self, proposal: Proposal) -> dict[str, Any] | None:
        person = self.context.get("proposers", {}).get(proposal.pk)
        return PbProposerSerializer(person).data if person is not None else None


class PbResultLineSerializer(serializers.ModelSerializer):
    """One project in the tally: selected or not, and why."""

    proposal = serializers.IntegerField(source="proposal_id")
    title = serializers.CharField(source="proposal.title")
    position = serializers.IntegerField(
        allow_null=True, help_text=_("Selected as number …, in the order the rule chose")
    )
    votes = serializers.IntegerField(help_text=_("Approvals, or points on cumulative ballots"))
    reason = serializers.CharField(
        help_text=_("Why: one of %(codes)s") % {"codes": ", ".join(REASON_CODES)}
    )
    step = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "The step in which it was selected, or in which its supporters (MES) could no "
            "longer pay for it"
        ),
    )
    supporters_had = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = TallyLine
        fields = [
            "proposal",
            "title",
            "selected",
            "position",
            "cost_cents",
            "votes",
            "reason",
            "step",
            "supporters_had",
            "missing",
        ]

    @extend_schema_field(
        _euros_field(_("MES, not selected: what its supporters had left together. ") + _ROUNDED)
    )
    def get_supporters_had(self, line: TallyLine) -> str | None:
        return euros_text(line.supporters_had)

    @extend_schema_field(
        _euros_field(_("Not selected: what was missing to pay for it. ") + _ROUNDED)
    )
    def get_missing(self, line: TallyLine) -> str | None:
        return euros_text(line.missing)


class PbComparedSerializer(serializers.Serializer):
    mes = serializers.IntegerField(help_text=_("Voters who preferred the MES outcome"))
    greedy = serializers.IntegerField(help_text=_("Voters who preferred the greedy outcome"))


class PbResultSerializer(serializers.ModelSerializer):
    """The tally of a round with its explanation per project."""

    # The view passes the lines in the context ("lines"), selected first, in order.

    rule = serializers.ChoiceField(choices=TallyRule.choices)
    utility = serializers.ChoiceField(choices=Utility.choices)
    published = serializers.BooleanField(source="round.results_published")
    published_at = serializers.DateTimeField(source="round.results_published_at", allow_null=True)
    voter_share = serializers.SerializerMethodField()
    compared = serializers.SerializerMethodField()
    kept = serializers.CharField(
        help_text=_("With the comparison: which outcome was kept, mes or greedy; else empty")
    )
    lines = serializers.SerializerMethodField()

    class Meta:
        model = TallyResult
        fields = [
            "round",
            "rule",
            "utility",
            "compare_greedy",
            "threshold_percent",
            "budget_cents",
            "spent_cents",
            "ballots_count",
            "voter_share",
            "compared",
            "kept",
            "tallied_at",
            "published",
            "published_at",
            "lines",
        ]
        extra_kwargs = {
            "budget_cents": {"help_text": _("What the round divided")},
            "spent_cents": {"help_text": _("The cost of the selected projects")},
        }

    @extend_schema_field(
        _euros_field(_("MES rules: each voter's equal share in the kept outcome. ") + _ROUNDED)
    )
    def get_voter_share(self, result: TallyResult) -> str | None:
        return euros_text(result.voter_budget)

    @extend_schema_field(PbComparedSerializer(allow_null=True))
    def get_compared(self, result: TallyResult) -> dict[str, int] | None:
        if not result.compared:
            return None
        return {
            "mes": int(result.compared.get("mes", 0)),
            "greedy": int(result.compared.get("greedy", 0)),
        }

    @extend_schema_field(PbResultLineSerializer(many=True))
    def get_lines(self, result: TallyResult) -> list[dict[str, Any]]:
        return PbResultLineSerializer(self.context["lines"], many=True).data


# --- input ---------------------------------------------------------------------------------


class PbRoundFilterSerializer(serializers.Serializer):
    municipality = municipality_slug_field(required=False)
    area = IdOrCodeField(
        queryset=Area.objects.all(),
        required=False,
        not_found=_("There is no area with id or CBS code {value}."),
        help_text=_(
            "Id or CBS code of a wijk, village or buurt: its wijk's rounds and those of the "
            "whole municipality"
        ),
    )


class PbProposalInputSerializer(serializers.Serializer):
    # Blank passes here so that the service explains what to write.
    title = serializers.CharField(max_length=160, allow_blank=True)
    summary = serializers.CharField(max_length=5000, allow_blank=True)
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PbReviewInputSerializer(serializers.Serializer):
    feasible = serializers.BooleanField()
    cost_cents = serializers.IntegerField(
        min_value=1,
        max_value=MAX_CENTS,
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The estimated cost; required when feasible"),
    )
    reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Published; required when not feasible"),
    )


class PbReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=1000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Why (kept in the audit log), e.g. why the votes are counted again"),
    )
