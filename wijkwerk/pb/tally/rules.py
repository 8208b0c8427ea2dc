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
import math
import operator
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain
from typing import Any

import gmpy2
import numpy as np
from django.utils.translation import gettext as _
from gmpy2 import mpq

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

MES_VOTE_TYPES = ("approval", "choose-1")

# Whether MES runs try the compiled kernel first (tests switch it off to compare).
COMPILED = True

_workers: tuple[int, ThreadPoolExecutor] | None = None  # (process id, pool)
_workers_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """Two worker threads (one per core) for compiled runs, started once per process and
    kept: a tally does not pay for starting threads. A child process forked after they
    started has none of them, so it starts its own."""
    global _workers
    with _workers_lock:
        if _workers is None or _workers[0] != os.getpid():
            _workers = (os.getpid(), ThreadPoolExecutor(max_workers=2, thread_name_prefix="mes"))
        return _workers[1]


class TallyError(ValueError):
    """The election or the settings do not allow this tally; the message says why."""


def _fraction(value: Any) -> Fraction:
    value = mpq(value)
    return Fraction(int(value.numerator), int(value.denominator))


@dataclass
class _Prepared:
    """The election in index form: projects sorted by id (so a lower index wins a tie)."""

    ids: list[str]
    costs: list[Any]  # mpq
    budget: Any  # mpq
    voters: int
    scores: list[int]  # approvals, points on cumulative ballots, Borda points on ordinal ones
    groups: int  # distinct non-empty ballots
    group_weights: np.ndarray
    group_weights_f: np.ndarray
    supporters: list[np.ndarray] = field(default_factory=list)  # group indices per project
    votes: list[int] = field(default_factory=list)  # approvals per project
    votes_f: list[float] = field(default_factory=list)
    # Every (project, supporter group) pair, flat, by project: the supporter groups.
    entry_group: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    # Where each project's pairs start in entry_group (m + 1 bounds).
    bounds: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    # The ballots of the groups, flat and in no particular order within a ballot: group g's
    # projects are group_projects[group_starts[g] : group_starts[g] + group_lengths[g]].
    group_projects: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    group_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    group_lengths: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    cache: dict[str, Any] = field(default_factory=dict)  # derived once per tally

    # Only the Python version of MES (`_Shares`) reads these two; the compiled one does not,
    # so they are made when first asked for.
    @property
    def entry_project(self) -> np.ndarray:
        """The project of each pair of `entry_group`."""
        if "entry_project" not in self.cache:
            m = len(self.ids)
            self.cache["entry_project"] = np.repeat(
                np.arange(m, dtype=np.int64), np.diff(self.bounds)
            )
        return self.cache["entry_project"]

    @property
    def supporter_weights_f(self) -> list[np.ndarray]:
        """Per project, the weights of its supporter groups (floats)."""
        if "supporter_weights_f" not in self.cache:
            self.cache["supporter_weights_f"] = [self.group_weights_f[g] for g in self.supporters]
        return self.cache["supporter_weights_f"]

    @classmethod
    def of(cls, election: Election) -> _Prepared:
        """Index form in a few compiled passes over the ballots (`kernel.index_ballots`):
        identical ballots, in any order, become one group with a weight."""
        ids = sorted(election.projects)
        m = len(ids)
        voters = election.voters
        n = len(voters)
        numbered = getattr(voters, "numbered", None)  # by the pabulib reader
        if numbered is not None and numbered.ids == tuple(ids) and len(numbered.lengths) == n:
            lengths, flat = numbered.lengths, numbered.flat
        else:
            index = {pid: i for i, pid in enumerate(ids)}
            ballots = [v.vote for v in voters]
            lengths = np.fromiter(map(len, ballots), dtype=np.int64, count=n)
            flat = np.fromiter(
                map(index.__getitem__, chain.from_iterable(ballots)),
                dtype=np.int64,
                count=int(lengths.sum()),
            )
        scores = np.zeros(m, dtype=np.int64)
        if election.vote_type == "cumulative":
            points = np.fromiter(
                chain.from_iterable(v.points or () for v in voters), dtype=np.int64, count=len(flat)
            )
            scores = np.bincount(flat, weights=points, minlength=m).astype(np.int64)
        elif election.vote_type == "ordinal":
            place = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
            scores = np.bincount(flat, weights=_ranks(election) - place, minlength=m)
            scores = scores.astype(np.int64)
        from . import kernel  # numba loads on first use, not with Django

        group_projects = np.empty(len(flat), dtype=_index_type(m))
        entry_group = np.empty(len(flat), dtype=np.uint32)
        weights, group_starts, group_lengths, bounds, votes, total = kernel.index_ballots(
            flat, lengths, m, group_projects, entry_group
        )
        group_projects, entry_group = group_projects[:total], entry_group[:total]
        supporters = [entry_group[bounds[i] : bounds[i + 1]] for i in range(m)]
        votes = votes.tolist()
        if election.vote_type not in ("cumulative", "ordinal"):
            scores = np.asarray(votes, dtype=np.int64)
        weights_f = weights.astype(np.float64)
        return cls(
            ids=ids,
            costs=[mpq(election.projects[pid].cost) for pid in ids],
            budget=mpq(election.budget),
            voters=n,
            scores=[int(x) for x in scores],
            groups=len(weights),
            group_weights=weights,
            group_weights_f=weights_f,
            votes_f=[float(v) for v in votes],
            supporters=supporters,
            votes=votes,
            bounds=bounds,
            entry_group=entry_group,
            group_projects=group_projects,
            group_starts=group_starts,
            group_lengths=group_lengths,
        )


def _ranks(election: Election) -> int:
    """Ordinal ballots score like Borda counts: with room for n projects on a ballot
    (`max_length`, or the longest ballot), the first gets n points, the second n − 1, …
    That is how the Kraków rounds in pabulib count."""
    stated = election.meta.get("max_length", "").strip()
    if stated.isdigit():
        return int(stated)
    return max((len(v.vote) for v in election.voters), default=0)


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


# Greedy ------------------------------------------------------------------------------------


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


# The Method of Equal Shares -----------------------------------------------------------------


@dataclass(frozen=True)
class _Margin:
    """One step of a MES run, for `_add1`."""

    bought: float  # the most the project bought could have cost per unit of utility
    all_rich: bool  # whether all its supporters certainly had more than its price
    others: float  # the least any other project still in the race could have cost
    untied: float  # the same, leaving out exact ties (see `_mes`)


@dataclass
class _Run:
    selected: list[int]
    purchases: list[tuple[int, Any]]  # (project, price per supporter) in order
    spent: Any  # mpq
    # Explained runs only: per project not bought, (step, what its supporters had).
    ran_out: dict[int, tuple[int, Any]] = field(default_factory=dict)
    margins: list[_Margin] = field(default_factory=list)


class _Shares:
    """What every voter has left, for one run of MES.

    A voter (a group of identical ballots) who started with `share` and supported purchases
    with prices p1, p2, … has max(0, share − p1 − p2 − …) left: paying "the price or all
    you have" never takes a voter below zero, so the sum of prices says it all. The floats
    `spent_f` follow these sums; the exact prices are kept, and which purchases each group
    supported (`bought`), so that any sum can be recomputed exactly.

    Decisions are taken on floats only where the floats are certainly on the right side:
    every quantity compared is a sum of at most (number of voters) terms of at most
    `share` or a cost, so its float error is far below `tol` (1e-9 of all the money in
    play); a comparison closer than `tol` is redone exactly. Prices are always computed
    exactly for the project bought.
    """

    def __init__(self, prepared: _Prepared, share: Any, utility: str, *, track: bool = False):
        self.p = prepared
        self.share = share
        self.share_f = float(share)
        groups = prepared.groups
        self.spent_f = np.zeros(groups)
        self.bought = np.zeros((groups, 8), dtype=np.uint8)
        self.prices: list[Any] = []
        self.sat = prepared.costs if utility == "cost" else [mpq(1)] * len(prepared.ids)
        largest = max((float(c) for c in prepared.costs), default=0.0)
        self.tol = 1e-9 * (prepared.voters * self.share_f + largest + 1.0)
        # With `track`, what each project's supporters have, kept up to date per purchase.
        self.have: np.ndarray | None = self.have_all() if track else None

    def have_all(self) -> np.ndarray:
        """Float estimates of what the supporters of each project have together."""
        p = self.p
        left = np.maximum(self.share_f - self.spent_f, 0.0) * p.group_weights_f
        return np.bincount(p.entry_project, weights=left[p.entry_group], minlength=len(p.ids))

    def values_f(self, groups: np.ndarray) -> np.ndarray:
        return np.maximum(self.share_f - self.spent_f[groups], 0.0)

    def _exact_spent(self, groups: np.ndarray) -> list[Any]:
        """The exact sums of prices paid by these groups."""
        if not len(groups):
            return []
        rows = self.bought[groups, : len(self.prices)]
        patterns, inverse = np.unique(rows, axis=0, return_inverse=True)
        sums = [
            sum((self.prices[k] for k in np.flatnonzero(row).tolist()), mpq(0)) for row in patterns
        ]
        return [sums[i] for i in inverse.reshape(-1).tolist()]

    def exact_values(self, groups: np.ndarray) -> list[Any]:
        return [max(mpq(0), self.share - s) for s in self._exact_spent(groups)]

    def exact_total(self, groups: np.ndarray) -> Any:
        """Exactly what these groups have left together (weights counted)."""
        if not len(groups):
            return mpq(0)
        raw = self.share_f - self.spent_f[groups]
        positive = groups[raw > self.tol]
        doubt = groups[np.abs(raw) <= self.tol]
        weights = self.p.group_weights
        total = mpq(0)
        if len(positive):
            counts = np.dot(weights[positive], self.bought[positive, : len(self.prices)])
            total = self.share * int(weights[positive].sum()) - sum(
                (self.prices[k] * int(c) for k, c in enumerate(counts.tolist()) if c),
                mpq(0),
            )
        if len(doubt):
            for value, weight in zip(
                self.exact_values(doubt), weights[doubt].tolist(), strict=True
            ):
                total += value * weight
        return total

    def price_f(self, j: int) -> tuple[float, float, bool]:
        """Float estimates of the price per supporter of j and of what its supporters have,
        and whether every supporter certainly has more than that price."""
        groups = self.p.supporters[j]
        values = self.values_f(groups)
        weights = self.p.supporter_weights_f[j]
        have = float(np.dot(values, weights))
        cost = float(self.p.costs[j])
        if have < cost:
            return math.inf, have, False
        price = cost / self.p.votes_f[j]
        poor = values < price
        if not poor.any():
            return price, have, bool(values.min() > price + self.tol)
        while True:
            rich = float(weights.sum() - weights[poor].sum())
            if rich <= 0:
                return math.inf, have, False
            price = (cost - float(np.dot(values[poor], weights[poor]))) / rich
            now_poor = values < price
            if np.array_equal(now_poor, poor):
                return price, have, False
            poor = now_poor

    def price_exact(self, j: int, estimate: float) -> Any:
        """The exact price per supporter of j (who can afford it), near `estimate`."""
        groups = self.p.supporters[j]
        values = self.values_f(groups)
        weights = self.p.group_weights
        cost = self.p.costs[j]
        poor = groups[values < estimate - self.tol]
        rich = groups[values > estimate + self.tol]
        doubt = groups[np.abs(values - estimate) <= self.tol]
        paid = self.exact_total(poor)
        rich_w = int(weights[rich].sum()) + int(weights[doubt].sum())
        pairs = sorted(zip(self.exact_values(doubt), weights[doubt].tolist(), strict=True))
        price = None
        for value, weight in pairs:
            price = (cost - paid) / rich_w
            if price <= value:
                break
            paid += value * weight
            rich_w -= weight
        else:
            price = (cost - paid) / rich_w if rich_w else None
        if price is not None and abs(float(price) - estimate) <= self.tol / 2:
            return price
        return self._price_all_exact(j)  # pragma: no cover - only when floats misled us

    def _price_all_exact(self, j: int) -> Any:
        groups = self.p.supporters[j]
        pairs = sorted(
            zip(self.exact_values(groups), self.p.group_weights[groups].tolist(), strict=True)
        )
        cost = self.p.costs[j]
        rich_w = sum(w for _v, w in pairs)
        paid = mpq(0)
        for value, weight in pairs:
            price = (cost - paid) / rich_w
            if price <= value:
                return price
            paid += value * weight
            rich_w -= weight
        raise AssertionError("an affordable project always has a price")

    def can_afford(self, j: int, have_f: float, *, explain: bool) -> tuple[bool, Any | None]:
        """Can j's supporters pay for it? When they cannot and `explain` is set, with the
        exact amount they have."""
        cost = self.p.costs[j]
        margin = have_f - float(cost)
        if margin > self.tol:
            return True, None
        if margin < -self.tol and not explain:
            return False, None
        have = self.exact_total(self.p.supporters[j])
        return have >= cost, have

    def buy(self, j: int, price: Any) -> None:
        groups = self.p.supporters[j]
        column = len(self.prices)
        if column >= self.bought.shape[1]:
            grown = np.zeros((self.bought.shape[0], 2 * column), dtype=np.uint8)
            grown[:, :column] = self.bought
            self.bought = grown
        self.bought[groups, column] = 1
        self.prices.append(price)
        if self.have is None:
            self.spent_f[groups] += float(price)
            return
        before = self.values_f(groups)
        self.spent_f[groups] += float(price)
        change = (self.values_f(groups) - before) * self.p.group_weights_f[groups]
        # Every project on the ballots of these groups loses what they paid.
        lengths = self.p.group_lengths[groups]
        starts = np.repeat(self.p.group_starts[groups] - np.cumsum(lengths) + lengths, lengths)
        projects = self.p.group_projects[starts + np.arange(int(lengths.sum()))]
        self.have += np.bincount(
            projects, weights=np.repeat(change, lengths), minlength=len(self.p.ids)
        )


class _Cancelled(Exception):
    """A run of `_Runs` that was no longer needed stopped early."""


def _mes(
    prepared: _Prepared,
    *,
    share: Any,
    utility: str,
    explain: bool = False,
    stop: np.ndarray | None = None,
) -> _Run:
    """One run of MES with this share per voter. Each step notes, for `_add1`, the most the
    project bought could have cost per unit of utility (its price plus the float margin) and
    the least any other project still in the race could have cost. Setting `stop[0]` ends a
    compiled run early with `_Cancelled`."""
    if COMPILED:
        run = _mes_compiled(prepared, share=share, utility=utility, explain=explain, stop=stop)
        if run is not None:
            return run
    m = len(prepared.ids)
    costs = prepared.costs
    shares = _Shares(prepared, share, utility, track=explain)
    sat_f = [float(s) for s in shares.sat]
    tol_rho = [shares.tol / s if s else math.inf for s in sat_f]
    selected: list[int] = []
    purchases: list[tuple[int, Any]] = []
    spent = mpq(0)
    remaining: set[int] = set()
    for j in range(m):
        if prepared.votes[j] == 0:
            continue
        if costs[j] > 0:
            remaining.add(j)
        elif utility == "cardinality":
            # Free and wanted: bought at once. Under cost utility a free project is worth
            # nothing to anyone, so MES never buys it (as in pabutools).
            selected.append(j)
    # The last price per unit of utility found for each project: a lower bound for its next
    # price, since what voters have only shrinks.
    bound = {j: float(costs[j]) / (prepared.votes[j] * sat_f[j]) for j in remaining}
    # Whether that price was found with every supporter rich: then it is cost / (votes ×
    # utility), exactly, at this share and at any larger one.
    all_rich = dict.fromkeys(remaining, True)
    if explain:
        rich_rho = {}
    else:
        rich_rho = {j: costs[j] / (prepared.votes[j] * shares.sat[j]) for j in remaining}
    ran_out: dict[int, tuple[int, Any]] = {}
    margins: list[_Margin] = []
    costs_f = np.asarray([float(c) for c in costs])

    def drop_unaffordable(step: int) -> None:
        have_all = shares.have
        assert have_all is not None
        # Only projects whose supporters may have less than the cost need a closer look.
        close = np.flatnonzero(have_all - costs_f <= shares.tol).tolist()
        for j in sorted(remaining.intersection(close)):
            ok, have = shares.can_afford(j, float(have_all[j]), explain=explain)
            if not ok:
                ran_out[j] = (step, have)
                remaining.discard(j)

    if explain:
        drop_unaffordable(1)
    while remaining:
        best_f = math.inf
        best_tol = 0.0
        found: list[tuple[float, int, float]] = []
        for j in sorted(remaining, key=lambda j: (bound[j], j)):
            if bound[j] - tol_rho[j] > best_f + best_tol:
                break
            price_f, have_f, all_rich[j] = shares.price_f(j)
            ok, have = shares.can_afford(j, have_f, explain=explain)
            if not ok:
                remaining.discard(j)
                ran_out.setdefault(j, (len(purchases) + 1, have))
                continue
            if price_f == math.inf:  # affordable only just: the exact price settles it
                price_f = float(shares._price_all_exact(j))
            rho_f = price_f / sat_f[j]
            bound[j] = rho_f
            found.append((rho_f, j, price_f))
            if rho_f < best_f:
                best_f, best_tol = rho_f, tol_rho[j]
        if not found:
            break
        near = [(j, p) for rho_f, j, p in found if rho_f - tol_rho[j] <= best_f + best_tol]
        if len(near) == 1:
            best_j, estimate = near[0]
            price = shares.price_exact(best_j, estimate)
        else:
            exact = [(shares.price_exact(j, p) / shares.sat[j], j) for j, p in near]
            rho, best_j = min(exact)
            price = rho * shares.sat[best_j]
        others = [bound[j] - tol_rho[j] for j in remaining if j != best_j]
        if rich_rho:
            # Leaving out projects tied exactly with it, all supporters rich, later in the
            # order of ids: if it too had every supporter rich at a smaller share, they stay
            # tied from there on, and it keeps winning the tie.
            untied = [
                bound[j] - tol_rho[j]
                for j in remaining
                if j != best_j
                and not (j > best_j and all_rich[j] and rich_rho[j] == rich_rho[best_j])
            ]
        else:
            untied = others
        margins.append(
            _Margin(
                bought=float(price / shares.sat[best_j]) + tol_rho[best_j],
                all_rich=all_rich[best_j],
                others=min(others, default=math.inf),
                untied=min(untied, default=math.inf),
            )
        )
        shares.buy(best_j, price)
        remaining.discard(best_j)
        selected.append(best_j)
        purchases.append((best_j, price))
        spent += costs[best_j]
        if explain:
            drop_unaffordable(len(purchases) + 1)
    return _Run(
        selected=selected, purchases=purchases, spent=spent, ran_out=ran_out, margins=margins
    )


@dataclass
class _KernelInput:
    """What the kernel reads, per utility (see `kernel.run_mes`)."""

    cost: np.ndarray
    sat: np.ndarray
    votes: np.ndarray
    rich_rank: np.ndarray  # exact rank of cost / (votes × utility): equal ranks, equal values
    racing: np.ndarray  # projects in the race at the start: with votes and a cost
    free: list[int]  # bought at once (cardinality utility: free and wanted)
    sup_ptr: np.ndarray
    grp_ptr: np.ndarray

    @classmethod
    def of(cls, p: _Prepared, utility: str) -> _KernelInput:
        m = len(p.ids)
        sat = p.costs if utility == "cost" else [mpq(1)] * m
        racing = [j for j in range(m) if p.votes[j] > 0 and p.costs[j] > 0]
        rich = {j: p.costs[j] / (p.votes[j] * sat[j]) for j in racing}
        ranks = {value: k for k, value in enumerate(sorted(set(rich.values())))}
        rich_rank = np.zeros(m, dtype=np.int64)
        for j, value in rich.items():
            rich_rank[j] = ranks[value]
        mask = np.zeros(m, dtype=np.bool_)
        mask[racing] = True
        free = [j for j in range(m) if utility == "cardinality" and p.votes[j] and not p.costs[j]]
        return cls(
            cost=np.asarray([float(c) for c in p.costs]),
            sat=np.asarray([float(s) for s in sat]),
            votes=np.asarray(p.votes_f),
            rich_rank=rich_rank,
            racing=mask,
            free=free,
            sup_ptr=p.bounds,
            grp_ptr=np.append(p.group_starts, len(p.group_projects)).astype(np.int64),
        )


# The unit roundoff of IEEE doubles: every float operation is exact up to this factor.
_U = 2.0**-53


def _kernel_input(prepared: _Prepared, utility: str) -> _KernelInput:
    key = f"kernel-{utility}"
    k = prepared.cache.get(key)
    if k is None:
        k = prepared.cache[key] = _KernelInput.of(prepared, utility)
    return k


def _margins(prepared: _Prepared, k: _KernelInput, share_f: float) -> tuple[float, float]:
    """The kernel's margins: `tol` on sums of money (at most `groups` terms, their absolute
    sum at most voters × share, plus a cost), `tol_v` on what one voter has. The m² leaves
    room, in small rounds, for the rounding of what a voter was charged over m purchases."""
    largest = float(k.cost.max(initial=0.0))
    terms = prepared.groups + len(prepared.ids) ** 2 + 2
    tol = 8 * terms * _U * (prepared.voters * share_f + largest + 1.0)
    return tol, tol / (4 * prepared.voters)


def _mes_compiled(
    prepared: _Prepared,
    *,
    share: Any,
    utility: str,
    explain: bool,
    stop: np.ndarray | None = None,
) -> _Run | None:
    """The run of `_mes` through the compiled kernel, certified; None when it cannot be.

    The kernel takes a decision only with a margin `tol` on sums of money and prices, and
    `tol_v` on what one voter has left. Those margins are safe when the float prices it
    charged voters are close to the exact ones, which cannot be known before the run: so
    every price (and, in explained runs, what the supporters of each project that ran out
    had) is recomputed exactly afterwards from the kernel's records, and the run counts only
    if the floats were within the bound. The error bounds are the standard ones for
    recursive summation: n terms, each rounded, err at most n·u times their absolute sum.
    """
    from . import kernel  # numba loads on first use, not with Django

    k = _kernel_input(prepared, utility)
    m = len(prepared.ids)
    share_f = float(share)
    tol, tol_v = _margins(prepared, k, share_f)
    sel = np.zeros(m, dtype=np.int64)
    price_f = np.zeros(m)
    margins = np.zeros((m, 4))
    ran_step = np.zeros(m, dtype=np.int64)
    # A record per purchase, and in explained runs one per project that ran out.
    records = _Records.of(prepared, records=(2 * m + 1) if explain else (m + 1), purchases=m)
    status, n, count = kernel.run_mes(
        share_f,
        tol,
        tol_v,
        k.cost,
        k.sat,
        k.votes,
        k.rich_rank,
        k.racing.copy(),
        k.sup_ptr,
        prepared.entry_group,
        k.grp_ptr,
        prepared.group_projects,
        prepared.group_weights_f,
        explain,
        sel,
        price_f,
        margins,
        ran_step,
        *records.arrays(),
        np.zeros(1, dtype=np.bool_) if stop is None else stop,
    )
    if status == kernel.CANCELLED or (stop is not None and stop[0]):
        raise _Cancelled
    if status != kernel.CERTAIN:
        return None
    exact = records.exact(prepared, share, count)
    if exact is None:  # pragma: no cover - floats certified otherwise
        return None
    prices, had = exact
    floats = price_f[:n].tolist()
    errors = [abs(float(p) - f) for p, f in zip(prices, floats, strict=True)]
    # How far what a voter has in floats can be from the exact amount.
    drift = sum(errors) + 2 * (n + 1) * _U * (sum(abs(f) for f in floats) + share_f)
    # (A price all supporters can pay in full, cost / votes, is below the share: its float
    # is off by less than u × share.)
    if drift + max(errors, default=0.0) + 4 * _U * share_f > tol_v:
        return None
    order = sel[:n].tolist()
    return _Run(
        selected=k.free + order,
        purchases=list(zip(order, prices, strict=True)),
        spent=sum((prepared.costs[j] for j in order), mpq(0)),
        ran_out={j: (int(ran_step[j]), have) for j, have in had.items()},
        margins=[
            _Margin(bought=b, all_rich=bool(rich), others=o, untied=u)
            for b, rich, o, u in margins[:n].tolist()
        ],
    )


def _index_type(m: int) -> type:
    """The integer type for project and purchase numbers below m: unsigned, which spares
    the compiled code the check for negative indices on every use."""
    return np.uint16 if m < 2**16 else np.uint32


@dataclass
class _Records:
    """Where the kernel leaves what it takes to compute amounts exactly: which purchases each
    group paid for (`paid_list`, `paid_count`) and per record (a price, or what a project's
    supporters had) the weights and counts of `kernel._buy` and `kernel._record`."""

    paid_list: np.ndarray
    paid_count: np.ndarray
    rec: np.ndarray
    rec_counts: np.ndarray
    doubt_ptr: np.ndarray
    doubt_groups: np.ndarray

    @classmethod
    def of(cls, prepared: _Prepared, *, records: int, purchases: int) -> _Records:
        """Room for `records` records of a run of at most `purchases` purchases, in the
        smallest types that hold them (a tally allocates these per run)."""
        groups = prepared.groups
        m = len(prepared.ids)
        return cls(
            # Per group, up to one entry per project on its ballot: a purchase number.
            paid_list=np.empty(len(prepared.group_projects), dtype=_index_type(m)),
            paid_count=np.zeros(groups, dtype=np.int32),
            rec=np.zeros((records, 4)),
            rec_counts=np.zeros((records, max(purchases, 1))),
            doubt_ptr=np.zeros(records + 1, dtype=np.int64),
            doubt_groups=np.empty(groups + 1024, dtype=np.int32),
        )

    def arrays(self) -> tuple[np.ndarray, ...]:
        return (
            self.paid_list,
            self.paid_count,
            self.rec,
            self.rec_counts,
            self.doubt_ptr,
            self.doubt_groups,
        )

    def exact(
        self,
        prepared: _Prepared,
        share: Any,
        count: int,
        prices: list[Any] | None = None,
        steps: dict[int, int] | None = None,
    ) -> tuple[list[Any], dict[int, Any]] | None:
        """The exact amounts behind the first `count` records, in order: the price of each
        purchase (`kind` 0), and what the supporters of a project had when they ran out
        (`kind` 1, after `steps[j]` purchases, or after those recorded so far). With
        `prices` the purchases are known already and every record is of the second kind.
        None when an amount contradicts the floats (which the margins rule out).

        The prices are kept as whole numbers over one common denominator, so that what a
        set of voters paid is a sum of integer products (no fraction reduced per term)."""
        return _exact_amounts(prepared, share, self, count, prices, steps)


def _exact_amounts(
    prepared: _Prepared,
    share: Any,
    records: _Records,
    count: int,
    prices: list[Any] | None,
    steps: dict[int, int] | None,
) -> tuple[list[Any], dict[int, Any]] | None:
    prices = list(prices or [])
    scaled: list[int] = []
    denominator = 1

    def add(price: Any) -> None:
        nonlocal denominator, scaled
        below = int(price.denominator)
        if denominator % below:
            factor = below // math.gcd(denominator, below)
            denominator *= factor
            scaled = [x * factor for x in scaled]
        scaled.append(int(price.numerator) * (denominator // below))

    for price in prices:
        add(price)
    weights = prepared.group_weights
    grp_ptr = prepared.group_starts

    def exact_value(g: int, before: int) -> Any:
        start = int(grp_ptr[g])
        paid = records.paid_list[start : start + int(records.paid_count[g])].tolist()
        return max(mpq(0), share - sum((prices[t] for t in paid if t < before), mpq(0)))

    had: dict[int, Any] = {}
    # Read out of numpy once: the records, counts (whole numbers) and groups in doubt.
    rows = records.rec[:count].tolist()
    counts = records.rec_counts[:count].astype(np.int64).tolist()
    doubt_ptr = records.doubt_ptr[: count + 1].tolist()
    doubt_groups = records.doubt_groups[: doubt_ptr[-1]].tolist()
    for r in range(count):
        j, kind, low, high = map(int, rows[r])
        before = steps[j] if steps is not None else len(prices)
        owed = sum(map(operator.mul, counts[r][:before], scaled[:before]))
        paid = share * low - mpq(owed, denominator)
        doubts = doubt_groups[doubt_ptr[r] : doubt_ptr[r + 1]]
        pairs = sorted((exact_value(g, before), int(weights[g])) for g in doubts)
        cost = prepared.costs[j]
        if kind == 1:  # what the supporters of j had when they could no longer pay for it
            have = paid + sum((v * w for v, w in pairs), mpq(0))
            if have >= cost:
                return None
            had[j] = have
            continue
        rich_w = high + sum(w for _v, w in pairs)
        price = None
        for value, weight in pairs:
            price = (cost - paid) / rich_w
            if price <= value:
                break
            paid += value * weight
            rich_w -= weight
        else:
            price = (cost - paid) / rich_w if rich_w else None
        if price is None:
            return None
        prices.append(price)
        add(price)
    return prices, had


def _explained(prepared: _Prepared, share: Any, utility: str, run: _Run | None = None) -> _Run:
    """A run at `share` that notes, per project it did not buy, the step at which its
    supporters could no longer pay for it and what they had then. From `run` (the run at
    that share, if there is one) the compiled kernel works that out afterwards; else the
    run is redone step by step."""
    if COMPILED:
        if run is None:
            run = _mes(prepared, share=share, utility=utility)
        explained = _explain_compiled(prepared, share, utility, run)
        if explained is not None:
            return explained
    return _mes(prepared, share=share, utility=utility, explain=True)


def _explain_compiled(prepared: _Prepared, share: Any, utility: str, run: _Run) -> _Run | None:
    from . import kernel

    k = _kernel_input(prepared, utility)
    m = len(prepared.ids)
    order = [j for j, _price in run.purchases]
    prices = [price for _j, price in run.purchases]
    floats = [float(p) for p in prices]
    share_f = float(share)
    tol, tol_v = _margins(prepared, k, share_f)
    # What a voter has in floats is off by the rounding of a sum of at most n prices.
    if 2 * (len(order) + 1) * _U * (sum(floats) + share_f) + 4 * _U * share_f > tol_v:
        return None  # pragma: no cover - prices of any real size
    candidates = k.racing.copy()
    candidates[order] = False
    # Each project is explained on its own, so two halves go on two cores.
    halves = [np.zeros(m, dtype=np.bool_), np.zeros(m, dtype=np.bool_)]
    for half, part in zip(halves, np.array_split(np.flatnonzero(candidates), 2), strict=True):
        half[part] = True

    def explain(half: np.ndarray) -> dict[int, tuple[int, Any]] | None:
        """Steps and exact amounts of the projects in `half` (None: not certified)."""
        steps = np.zeros(m, dtype=np.int64)
        records = _Records.of(prepared, records=m + 1, purchases=len(order))
        status, count = kernel.explain_ran_out(
            share_f,
            tol,
            tol_v,
            k.cost,
            half,
            np.asarray(order, dtype=np.int64),
            np.asarray(floats),
            k.sup_ptr,
            prepared.entry_group,
            k.grp_ptr,
            prepared.group_weights_f,
            steps,
            *records.arrays(),
        )
        if status != kernel.CERTAIN:
            return None
        before = {j: int(steps[j]) - 1 for j in np.flatnonzero(steps > 0).tolist()}
        exact = records.exact(prepared, share, count, prices=prices, steps=before)
        if exact is None:  # pragma: no cover - floats certified otherwise
            return None
        return {j: (before[j] + 1, have) for j, have in exact[1].items()}

    # On the worker threads, whose memory the runs have used already.
    done = [future.result() for future in [_pool().submit(explain, half) for half in halves]]
    if None in done:
        return None
    ran_out = {**done[0], **done[1]}
    return _Run(
        selected=run.selected,
        purchases=run.purchases,
        spent=run.spent,
        ran_out=ran_out,
        margins=run.margins,
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


def _exhaustive(prepared: _Prepared, run: _Run, *, supported_only: bool) -> bool:
    """Would no project that is left (with votes, if `supported_only`) still fit?"""
    chosen = set(run.selected)
    left = prepared.budget - run.spent
    return not any(
        j not in chosen
        and prepared.costs[j] <= left
        and (prepared.votes[j] > 0 or not supported_only)
        and (prepared.costs[j] > 0 or not supported_only)
        for j in range(len(prepared.ids))
    )


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


def _add1(
    prepared: _Prepared, *, share: Any, utility: str, stop_when_exhaustive: bool
) -> tuple[Any, _Run] | None:
    """Raise every voter's share by one unit at a time, as long as the outcome fits the
    budget (or, with `stop_when_exhaustive`, until it is exhaustive); the last share within
    the budget with its run.

    Shares with the same outcome need not all be run. While MES buys the same projects in
    the same order, a larger share can only lower every price and raise what every voter
    has left (by induction over the steps: more money per supporter never needs a higher
    price, and a lower price leaves more). So if runs at shares a < b buy the same projects
    in the same order, and in every step the least any other project could cost at b is
    above the most the project bought costs at a, then at every share between, in every
    step, that project is still the cheapest (the others cost at least what they cost at b,
    it costs at most what it cost at a) and a project that could not be paid for at b
    cannot be at any smaller share. The search gallops 1, 2, 4, … units ahead while that
    holds and bisects back where it stops holding.
    """

    def same(low: _Run, high: _Run) -> bool:
        return low.selected == high.selected and all(
            b.others > a.bought or (a.all_rich and b.untied > a.bought)
            for a, b in zip(low.margins, high.margins, strict=True)
        )

    kept: tuple[Any, _Run] | None = None
    with _Runs(prepared, utility) as runs:
        if not stop_when_exhaustive:
            # At the starting share the voters have the budget between them, so that
            # outcome fits: the search may as well start one unit up (and needs the run at
            # the start only if that one does not fit).
            current = runs.get(share + 1, share + 2, share + 3)
            if current.spent > prepared.budget:
                return share, runs.get(share)
            share += 1
        else:
            current = runs.get(share, share + 1)
        while True:
            if current.spent > prepared.budget:
                return kept
            if stop_when_exhaustive and _exhaustive(prepared, current, supported_only=True):
                return share, current
            # Gallop: 1, 2, 4, … units ahead while the outcome provably stays the same.
            good, ahead = 0, 1
            while True:
                # Next: twice as far if the outcome stays the same; else, one unit ahead,
                # the runs one and two units further.
                extra = (share + 3,) if ahead == 1 else ()
                probe = runs.get(share + ahead, share + 2 * ahead, *extra)
                if not same(current, probe):
                    break
                good, ahead = ahead, 2 * ahead
            bad = ahead
            while bad - good > 1:
                middle = (good + bad) // 2
                middle_run = runs.get(share + middle)
                if same(current, middle_run):
                    good = middle
                else:
                    bad, probe = middle, middle_run
            kept = (share + good, runs.done[share + good])  # every share tried is kept
            share, current = share + bad, probe


class _Runs:
    """MES runs of `_add1` by share. With the compiled kernel (which lets go of the
    interpreter) they run on the two worker threads of `_pool`, and whoever asks for a run
    also names the runs it will probably ask for next: those start as soon as a worker is
    free, so neither core waits for the other between runs. Runs that turn out not to be
    needed are dropped when the search ends (one already going stops at its next step)."""

    def __init__(self, prepared: _Prepared, utility: str):
        self.prepared = prepared
        self.utility = utility
        self.done: dict[Any, _Run] = {}
        self.pending: dict[Any, tuple[Future, np.ndarray]] = {}
        self.pool = None
        if COMPILED:
            self.pool = _pool()
            _kernel_input(prepared, utility)  # once, before the workers need it

    def __enter__(self) -> _Runs:
        return self

    def __exit__(self, *exc: object) -> None:
        for future, stop in self.pending.values():
            stop[0] = True
            future.cancel()

    def _run(self, share: Any, stop: np.ndarray | None = None) -> _Run:
        return _mes(self.prepared, share=share, utility=self.utility, stop=stop)

    def get(self, share: Any, *ahead: Any) -> _Run:
        """The run at `share`; the runs at `ahead` are started too."""
        if self.pool is None:
            if share not in self.done:
                self.done[share] = self._run(share)
            return self.done[share]
        for wanted in (share, *ahead):
            if wanted not in self.done and wanted not in self.pending:
                stop = np.zeros(1, dtype=np.bool_)
                self.pending[wanted] = (self.pool.submit(self._run, wanted, stop), stop)
        if share not in self.done:
            self.done[share] = self.pending.pop(share)[0].result()
        return self.done[share]


def _spent(prepared: _Prepared, chosen: list[int]) -> Any:
    return sum((prepared.costs[j] for j in chosen), mpq(0))


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


# The comparison step -----------------------------------------------------------------------


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
