"""The selection rules: greedy (with or without skipping, with an optional threshold) and the
Method of Equal Shares (MES), plain, with the Add1 completion, and with a greedy completion,
optionally compared with the greedy outcome.

The outcomes are the ones pabutools computes (the reference implementation the suite checks
against), ties included:

- **Ties** go to the project whose id comes first as a string ("10" before "9"), as in
  pabutools' default lexicographic tie-breaking.
- **greedy** orders projects by score (cost utility: votes, or points) or by score per unit of
  cost (cardinality utility), funds each one that still fits and skips the others; projects
  below the threshold are left out. **greedy-no-skip** stops at the first that does not fit.
- **mes** gives every voter an equal share of the budget (budget / number of voters, empty
  ballots included). In each step it buys the project whose supporters can pay for it at the
  lowest price per unit of utility ρ, each supporter paying ρ times their utility or all they
  have left. A project is dropped once its supporters together have less than its cost. The
  utility of an approved project is its cost (cost utility) or 1 (cardinality utility).
- **mes-add1** runs MES again with every share one currency unit higher, as long as the
  outcome stays within the budget, and keeps the last outcome within it (an exhaustive
  outcome does not stop it). **mes-add1-greedy** stops at the first exhaustive outcome and
  then completes the outcome greedily.
- **compare_greedy** replaces the MES outcome with the greedy outcome (cost utility, skipping)
  when more voters prefer it, a voter preferring the outcome that funds more of the projects
  they approved (a voter who sees no difference counts for both).

Scores: votes on approval and choose-1 ballots, points on cumulative ballots, and Borda
points on ordinal ones (see `_ranks`). MES needs approval (or choose-1) ballots. Under cost
utility a project that costs nothing is worth nothing, and MES never buys it; under
cardinality utility it is bought at once if anyone wants it (both as in pabutools).

Exactness: every choice is the one exact rational arithmetic makes. MES follows what voters
have left in floats, vectorised over groups of identical ballots, and keeps the exact price of
every purchase; a comparison that floats cannot settle with a wide margin is redone exactly
(see `_Shares`), and the price of a project bought is always computed exactly. Add1 skips
shares on which the outcome provably stays the same (see `_add1`).

Speed: a run first goes through a compiled float kernel (`kernel.py`) that takes the same
decisions wherever floats settle them with a (narrower, computed) margin and hands back to
the Python run as soon as one does not; afterwards every price of the run is recomputed
exactly and the run is kept only if its float prices were close enough for those margins to
hold (`_mes_compiled`). Add1 runs shares on two cores, starting the ones it will
probably need next before it asks for them (`_Runs`).
"""

from __future__ import annotations

import contextlib
import threading
from fractions import Fraction
from typing import Any

import gmpy2
import numpy as np
from django.utils.translation import gettext as _
from gmpy2 import mpq

from .add1 import _add1
from .base import TallyError, _exhaustive, _fraction, _Prepared, _Run, _spent
from .explain import _explained
from .model import Election
from .outcome import (
    BELOW_THRESHOLD,
    COMPLETION,
    DOES_NOT_FIT,
    FUNDED,
    NO_VOTES,
    RAN_OUT,
    RULES,
    STOPPED,
    UTILITIES,
    WORTHLESS,
    Outcome,
    ProjectResult,
    Purchase,
)
from .workers import _pool

MES_VOTE_TYPES = ("approval", "choose-1")


def tally(
    election: Election,
    *,
    rule: str,
    utility: str = "cost",
    compare_greedy: bool = False,
    min_score: int | None = None,
) -> Outcome:
    """Select the projects of `election` with `rule`; see the module docstring."""
    if rule not in RULES:
        raise TallyError(
            _("Unknown rule %(rule)s; choose one of %(rules)s.")
            % {"rule": rule, "rules": ", ".join(RULES)}
        )
    if utility not in UTILITIES:
        raise TallyError(
            _("Unknown utility %(utility)s; choose cost or cardinality.") % {"utility": utility}
        )
    if election.budget <= 0:
        raise TallyError(_("The budget must be more than zero."))
    prepared = _Prepared.of(election)
    if rule.startswith("greedy"):
        if compare_greedy:
            raise TallyError(_("The comparison with greedy only applies to MES rules."))
        return _greedy(prepared, rule=rule, utility=utility, min_score=min_score)
    if election.vote_type not in MES_VOTE_TYPES:
        raise TallyError(
            _(
                "The Method of Equal Shares needs approval ballots; this round has %(kind)s "
                "ballots. Choose a greedy rule."
            )
            % {"kind": election.vote_type}
        )
    if min_score is not None:
        raise TallyError(_("A minimum number of votes only applies to greedy rules."))
    outcome = _mes_rule(prepared, rule=rule, utility=utility)
    if compare_greedy:
        outcome = _compare(prepared, outcome)
    return outcome


def _density(prepared: _Prepared, i: int, utility: str) -> tuple[int, Any]:
    """Sort key part: zero-cost projects first, then by score (per unit of cost)."""
    if utility == "cardinality":
        if prepared.costs[i] == 0:
            return (0, 0)
        return (1, -mpq(prepared.scores[i]) / prepared.costs[i])
    return (1, -prepared.scores[i])


def _greedy(
    prepared: _Prepared,
    *,
    rule: str,
    utility: str,
    min_score: int | None = None,
    already: list[int] | None = None,
    reason: str = FUNDED,
) -> Outcome:
    results: dict[str, ProjectResult] = {}
    selected: list[int] = list(already or [])
    left = prepared.budget - sum((prepared.costs[i] for i in selected), mpq(0))
    order = sorted(
        (i for i in range(len(prepared.ids)) if i not in set(selected)),
        key=lambda i: (*_density(prepared, i, utility), i),
    )
    stopped = False
    for i in order:
        pid = prepared.ids[i]
        score = prepared.scores[i]
        if min_score is not None and score < min_score:
            results[pid] = ProjectResult(pid, False, score, BELOW_THRESHOLD)
        elif stopped:
            results[pid] = ProjectResult(pid, False, score, STOPPED)
        elif prepared.costs[i] <= left:
            selected.append(i)
            left -= prepared.costs[i]
            results[pid] = ProjectResult(pid, True, score, reason, step=len(selected))
        else:
            results[pid] = ProjectResult(
                pid, False, score, DOES_NOT_FIT, missing=_fraction(prepared.costs[i] - left)
            )
            stopped = rule == "greedy-no-skip"
    return Outcome(
        rule=rule,
        utility=utility,
        selected=[prepared.ids[i] for i in selected],
        projects=results,
        spent=_fraction(prepared.budget - left),
    )


def warm_up() -> None:
    """Load the compiled kernel (or compile it, once after an upgrade) and start the worker
    threads ahead of a tally."""
    from .model import Project, Voter

    # Each of two tasks waits until the other has started, so both threads are there (if
    # the workers are busy with another tally, they are there already).
    both = threading.Barrier(2)
    for started in [_pool().submit(both.wait, timeout=10), _pool().submit(both.wait, timeout=10)]:
        with contextlib.suppress(threading.BrokenBarrierError):
            started.result()

    tiny = Election(
        budget=Fraction(3),
        projects={p: Project(p, Fraction(2)) for p in "ab"},
        voters=[Voter("1", ("a",)), Voter("2", ("a", "b"))],
    )
    tally(tiny, rule="mes-add1")


def _mes_rule(prepared: _Prepared, *, rule: str, utility: str) -> Outcome:
    if prepared.voters == 0:
        share = mpq(0)
        return _mes_outcome(prepared, rule, utility, share, _Run([], [], mpq(0)))
    share = prepared.budget / prepared.voters
    if rule == "mes":
        return _mes_outcome(prepared, rule, utility, share, None)
    supported = [j for j in range(len(prepared.ids)) if prepared.votes[j] > 0]
    everything = sum((prepared.costs[j] for j in supported), mpq(0))
    if rule == "mes-add1" and everything <= prepared.budget:
        # Every outcome fits, so the last one, with shares so large that nobody runs out,
        # buys every project with votes; any share of at least the total cost does that.
        return _mes_outcome(prepared, rule, utility, share + gmpy2.ceil(everything), None)
    kept = _add1(prepared, share=share, utility=utility, stop_when_exhaustive=rule != "mes-add1")
    if kept is None:
        outcome = _mes_outcome(prepared, rule, utility, share, _Run([], [], mpq(0)))
        outcome.voter_budget = None
    else:
        outcome = _mes_outcome(
            prepared, rule, utility, kept[0], _explained(prepared, kept[0], utility, kept[1])
        )
    if rule == "mes-add1-greedy":
        chosen = [prepared.ids.index(pid) for pid in outcome.selected]
        if not _exhaustive(
            prepared, _Run(chosen, [], _spent(prepared, chosen)), supported_only=False
        ):
            completed = _greedy(
                prepared, rule=rule, utility=utility, already=chosen, reason=COMPLETION
            )
            for pid, result in completed.projects.items():
                if result.selected or outcome.projects[pid].reason != RAN_OUT:
                    outcome.projects[pid] = result
            outcome.selected = completed.selected
            outcome.spent = completed.spent
    return outcome


def _mes_outcome(
    prepared: _Prepared,
    rule: str,
    utility: str,
    share: Any,
    run: _Run | None,
) -> Outcome:
    """The outcome of `run`; without one, of a run at `share` that notes in each step which
    projects' supporters ran out."""
    if run is None:
        run = _explained(prepared, share, utility)
    results: dict[str, ProjectResult] = {}
    step_of = {j: k + 1 for k, (j, _price) in enumerate(run.purchases)}
    for j, pid in enumerate(prepared.ids):
        votes = prepared.scores[j]
        if j in run.selected:
            results[pid] = ProjectResult(pid, True, votes, FUNDED, step=step_of.get(j))
        elif prepared.votes[j] == 0:
            results[pid] = ProjectResult(pid, False, votes, NO_VOTES)
        elif prepared.costs[j] == 0:
            results[pid] = ProjectResult(pid, False, votes, WORTHLESS)
        elif j in run.ran_out:
            step, had = run.ran_out[j]
            results[pid] = ProjectResult(
                pid,
                False,
                votes,
                RAN_OUT,
                step=step,
                supporters_had=_fraction(had),
                missing=_fraction(prepared.costs[j] - had),
            )
        else:
            results[pid] = ProjectResult(pid, False, votes, RAN_OUT)
    return Outcome(
        rule=rule,
        utility=utility,
        selected=[prepared.ids[j] for j in run.selected],
        projects=results,
        spent=_fraction(run.spent),
        voter_budget=_fraction(share),
        purchases=[Purchase(prepared.ids[j], _fraction(price)) for j, price in run.purchases],
    )


def _compare(prepared: _Prepared, outcome: Outcome) -> Outcome:
    """Keep the MES outcome unless more voters prefer the greedy one (cost utility)."""
    greedy = _greedy(prepared, rule="greedy", utility="cost")
    if set(greedy.selected) == set(outcome.selected):
        outcome.compared = {"mes": prepared.voters, "greedy": prepared.voters}
        outcome.kept = "mes"
        return outcome
    index = {pid: i for i, pid in enumerate(prepared.ids)}
    m = len(prepared.ids)
    in_mes = np.zeros(m, dtype=np.int64)
    in_mes[[index[p] for p in outcome.selected]] = 1
    in_greedy = np.zeros(m, dtype=np.int64)
    in_greedy[[index[p] for p in greedy.selected]] = 1
    # Per distinct ballot: how many of its projects each outcome funds.
    owner = np.repeat(np.arange(prepared.groups), prepared.group_lengths)
    funded_mes = np.bincount(
        owner, weights=in_mes[prepared.group_projects], minlength=prepared.groups
    )
    funded_greedy = np.bincount(
        owner, weights=in_greedy[prepared.group_projects], minlength=prepared.groups
    )
    weights = prepared.group_weights
    empty = prepared.voters - int(weights.sum())  # they see no difference
    support = {
        "mes": empty + int(weights[funded_mes >= funded_greedy].sum()),
        "greedy": empty + int(weights[funded_greedy >= funded_mes].sum()),
    }
    if support["greedy"] > support["mes"]:
        greedy.rule = outcome.rule
        greedy.compared = support
        greedy.kept = "greedy"
        return greedy
    outcome.compared = support
    outcome.kept = "mes"
    return outcome
