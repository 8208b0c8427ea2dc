"""A MES run through the compiled float kernel (`kernel.py`), certified afterwards by exact
arithmetic: the run counts only when its float prices stayed within the margins it assumed.

`COMPILED` switches the kernel off (the tests compare both ways); the other modules read it,
and call `_mes_compiled`, through this module, so that one switch holds for all."""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from typing import Any

import numpy as np
from gmpy2 import mpq

from .base import _Cancelled, _index_type, _Margin, _Prepared, _Run

# Whether MES runs try the compiled kernel first (tests switch it off to compare).
COMPILED = True


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
