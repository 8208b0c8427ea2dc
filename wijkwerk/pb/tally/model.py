"""The data a tally works on, independent of Django: an election as pabulib describes it.

A project has an id (a string, as in pabulib) and a cost; a voter has a ballot. Amounts are
`Fraction`s so that a budget or cost with decimals stays exact; the rules scale them to whole
numbers where they can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Literal

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
