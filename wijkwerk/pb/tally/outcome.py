"""What a tally returns: the selection, and why, per project and per voter."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

RULES: tuple[str, ...] = ("greedy", "greedy-no-skip", "mes", "mes-add1", "mes-add1-greedy")
UTILITIES: tuple[str, ...] = ("cost", "cardinality")

# Why a project was or was not selected.
FUNDED = "funded"  # selected by the rule itself
COMPLETION = "greedy-completion"  # selected by the greedy step after MES
DOES_NOT_FIT = "does-not-fit"  # greedy: not enough budget left when its turn came
STOPPED = "stopped"  # greedy-no-skip: an earlier project did not fit, and the count stopped
BELOW_THRESHOLD = "below-threshold"  # fewer votes than the round's minimum
RAN_OUT = "supporters-ran-out"  # MES: its supporters together could no longer pay for it
NO_VOTES = "no-votes"  # MES: nobody voted for it
WORTHLESS = "free"  # MES with cost utility: it costs nothing, so it is worth nothing

# Each reason in words, for pages and the command line.
REASONS = {
    FUNDED: _("selected"),
    COMPLETION: _("selected in the greedy completion"),
    DOES_NOT_FIT: _("not selected: did not fit in what was left of the budget"),
    STOPPED: _("not selected: counting stopped at an earlier project that did not fit"),
    BELOW_THRESHOLD: _("not selected: fewer votes than the minimum"),
    RAN_OUT: _("not selected: its supporters could no longer pay for it"),
    NO_VOTES: _("not selected: nobody voted for it"),
    WORTHLESS: _("not selected: it costs nothing, so by cost it is worth nothing"),
}


@dataclass
class ProjectResult:
    id: str
    selected: bool
    votes: int  # approvals, or points on cumulative ballots
    reason: str  # one of the codes above
    # The step (1-based) in which it was selected, or in which MES found that its supporters
    # could no longer pay for it.
    step: int | None = None
    # MES, not selected: what its supporters had left together at that step, and what was
    # missing to pay for it. Greedy, did not fit: what the budget lacked when its turn came.
    supporters_had: Fraction | None = None
    missing: Fraction | None = None


@dataclass(frozen=True)
class Purchase:
    """One MES step: a project bought, and the most each supporter paid for it."""

    project: str
    price: Fraction  # per supporter; a supporter with less left paid all they had left


@dataclass
class VoterShare:
    """What one voter's equal share paid for (project id → amount), and what was left."""

    share: Fraction
    paid: dict[str, Fraction] = field(default_factory=dict)
    left: Fraction = Fraction(0)


@dataclass
class Outcome:
    rule: str
    utility: str
    selected: list[str]  # project ids, in the order the rule selected them
    projects: dict[str, ProjectResult]
    spent: Fraction = Fraction(0)
    # MES rules: each voter's share in the outcome that was kept (raised by Add1), and the
    # purchases in order, from which `voter_share` explains any one ballot.
    voter_budget: Fraction | None = None
    purchases: list[Purchase] = field(default_factory=list)
    # With the comparison step: how many voters preferred each outcome ("mes", "greedy"),
    # and which one was kept.
    compared: dict[str, int] | None = None
    kept: str = ""

    def voter_share(self, vote: tuple[str, ...] | list[str] | frozenset[str]) -> VoterShare:
        """How the share of a voter with this (approval) ballot was spent."""
        if self.voter_budget is None:
            raise ValueError("Only the Method of Equal Shares gives voters a share.")
        approved = set(vote)
        left = self.voter_budget
        paid: dict[str, Fraction] = {}
        for purchase in self.purchases:
            if purchase.project in approved and left > 0:
                amount = min(left, purchase.price)
                paid[purchase.project] = amount
                left -= amount
        return VoterShare(share=self.voter_budget, paid=paid, left=left)
