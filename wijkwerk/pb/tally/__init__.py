"""Tallying a participatory budgeting round, independent of Django.

`tally(election, rule=…, utility=…)` returns an `Outcome`; see `rules.py` for the rules.
"""

from .model import VOTE_TYPES, Election, Project, Voter
from .outcome import RULES, UTILITIES, Outcome, ProjectResult, VoterShare
from .rules import TallyError, tally

__all__ = [
    "RULES",
    "UTILITIES",
    "VOTE_TYPES",
    "Election",
    "Outcome",
    "Project",
    "TallyError",
    "ProjectResult",
    "Voter",
    "VoterShare",
    "tally",
]
