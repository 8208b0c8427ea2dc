"""The explanation of an outcome: when each project's supporters ran out and what they had,
worked out from the run that made it (compiled, on the worker threads) or by an exact run."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import compiled
from .base import _Prepared, _Run
from .compiled import _U, _kernel_input, _margins, _Records
from .shares import _mes
from .workers import _pool


def _explained(prepared: _Prepared, share: Any, utility: str, run: _Run | None = None) -> _Run:
    """A run at `share` that notes, per project it did not buy, the step at which its
    supporters could no longer pay for it and what they had then. From `run` (the run at
    that share, if there is one) the compiled kernel works that out afterwards; else the
    run is redone step by step."""
    if compiled.COMPILED:
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
