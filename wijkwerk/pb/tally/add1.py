"""The Add1 completion: raising every voter's share until the outcome no longer fits,
skipping shares on which it provably stays the same, with runs on two cores."""

from __future__ import annotations

from concurrent.futures import Future
from typing import Any

import numpy as np

from . import compiled
from .base import _exhaustive, _Prepared, _Run
from .compiled import _kernel_input
from .shares import _mes
from .workers import _pool


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
        if compiled.COMPILED:
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
