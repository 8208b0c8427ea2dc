"""What every selection rule works on: the election prepared once per tally (costs, votes and
ballot groups as arrays), and the record of one MES run."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain
from typing import Any

import numpy as np
from gmpy2 import mpq

from .model import Election


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


class _Cancelled(Exception):
    """A run of `_Runs` that was no longer needed stopped early."""


def _index_type(m: int) -> type:
    """The integer type for project and purchase numbers below m: unsigned, which spares
    the compiled code the check for negative indices on every use."""
    return np.uint16 if m < 2**16 else np.uint32


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


def _spent(prepared: _Prepared, chosen: list[int]) -> Any:
    return sum((prepared.costs[j] for j in chosen), mpq(0))
