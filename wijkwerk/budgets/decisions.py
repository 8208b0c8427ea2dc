"""Bookings that belong to a decision of an app above the ledger.

An award of an initiative, a convenant project or a budget round's winner is a decision
with a public page and totals; its reservation on the ledger is only half of it. Such a
booking carries a reference (kind + id) to what it is for. The ledger never imports the
apps above it, so each app registers here, once (in its `AppConfig.ready`), what its
references mean:

- `describe(reference_id)` names the decision in a refusal, so that the person who tries
  to reverse its booking in the ledger is sent to the decision's own correction (which
  books the correction and updates the decision, its page and its totals together);
- `verify()` compares every decision of that app with its bookings, for
  `selectors.ledger_verify` and `manage.py ledger_verify`.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Disagreement:
    """A decision whose amount or status does not match its bookings."""

    what: str  # "initiative 12", "convenant project 3", "budget round winner 7"
    detail: str


@dataclass(frozen=True)
class DecisionKind:
    reference_kinds: frozenset[str]
    describe: Callable[[int | None], str]
    verify: Callable[[], list[Disagreement]]


_KINDS: list[DecisionKind] = []


def register(
    *,
    reference_kinds: set[str] | frozenset[str],
    describe: Callable[[int | None], str],
    verify: Callable[[], list[Disagreement]],
) -> None:
    kinds = frozenset(reference_kinds)
    if any(k.reference_kinds == kinds for k in _KINDS):
        return  # ready() may run more than once in tests
    _KINDS.append(DecisionKind(kinds, describe, verify))


def decision_of(reference_kind: str, reference_id: int | None) -> str | None:
    """The decision a booking with this reference belongs to, in words; None if none."""
    for kind in _KINDS:
        if reference_kind in kind.reference_kinds:
            return kind.describe(reference_id)
    return None


def decisions_verify() -> list[Disagreement]:
    found: list[Disagreement] = []
    for kind in _KINDS:
        found += kind.verify()
    return found
