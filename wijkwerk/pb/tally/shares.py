"""The exact Method of Equal Shares in Python: floats where they settle a choice with a wide
margin, exact rationals where they do not. Runs that the kernel hands over end here."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from gmpy2 import mpq

from . import compiled
from .base import _Margin, _Prepared, _Run


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
    if compiled.COMPILED:
        run = compiled._mes_compiled(
            prepared, share=share, utility=utility, explain=explain, stop=stop
        )
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
