"""The data a tally works on, independent of Django: an election as pabulib describes it.

A project has an id (a string, as in pabulib) and a cost; a voter has a ballot. Amounts are
`Fraction`s so that a budget or cost with decimals stays exact; the rules scale them to whole
numbers where they can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal, NamedTuple

import numpy as np

VoteType = Literal["approval", "cumulative", "ordinal", "choose-1"]
VOTE_TYPES: tuple[str, ...] = ("approval", "cumulative", "ordinal", "choose-1")


@dataclass(frozen=True)
class Project:
    id: str
    cost: Fraction
    name: str = ""
    # Columns of the PROJECTS section besides project_id and cost, as text ("votes",
    # "score", "selected", "category", …), kept for export and for the official outcome.
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Voter:
    id: str
    # The projects on the ballot, in the ballot's order (for ordinal ballots: best first).
    vote: tuple[str, ...]
    # Cumulative ballots: the points given to each project in `vote`, same order.
    points: tuple[int, ...] | None = None
    # Columns of the VOTES section besides voter_id, vote and points (age, sex, …).
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


class Numbered(NamedTuple):
    """Ballots as project numbers: positions in the sorted project ids, all ballots one after
    the other (`flat`), with the length of each (`lengths`)."""

    ids: tuple[str, ...]
    flat: np.ndarray
    lengths: np.ndarray


class Voters(list):
    """The voters as the pabulib reader made them, with their ballots also as project numbers
    (`numbered`), the form a tally starts from: the reader has each project at hand while it
    checks a ballot, as pabutools' reader does when it makes its ballots of Project objects.
    Any change to the list drops the numbers (a tally then works them out again)."""

    __slots__ = ("numbered",)

    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self.numbered: Numbered | None = None


def _dropping_numbers(name: str):
    plain = getattr(list, name)

    def method(self, *args, **kwargs):
        self.numbered = None
        return plain(self, *args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "__setitem__", "__delitem__", "__iadd__", "__imul__", "append", "extend", "insert", "pop",
    "remove", "clear", "sort", "reverse",
):  # fmt: skip
    setattr(Voters, _name, _dropping_numbers(_name))


@dataclass
class Election:
    budget: Fraction
    projects: dict[str, Project]
    voters: list[Voter]
    vote_type: VoteType = "approval"
    # The META section as text, in file order (description, country, unit, rule, …).
    meta: dict[str, str] = field(default_factory=dict)

    def official_selection(self) -> list[str] | None:
        """The projects the file marks as selected (`selected` ≥ 1), or None without the column."""
        if not self.projects or any("selected" not in p.extra for p in self.projects.values()):
            return None
        return [
            p.id for p in self.projects.values() if p.extra["selected"].strip() not in ("", "0")
        ]
