"""One run of the Method of Equal Shares in compiled floating point (numba), for `rules._mes`.

The kernel takes the choices of the Python run in `rules.py`, but only those that floats
settle with a margin: sums of money and prices must differ by more than `tol`, what one
voter has from a price by more than `tol_v`. When a comparison comes closer it gives up
(`UNCERTAIN`) and the caller runs the Python version, which settles it exactly. A near tie
between projects whose supporters all have more than the price is settled here too: their
prices per unit of utility are then exactly cost / (votes × utility), ranked beforehand in
exact arithmetic (`rich_rank`).

The margins are safe only if the float prices charged along the way stayed close to the
exact ones. The kernel cannot know that, so it keeps, per purchase (and per project that ran
out, in explained runs), a record from which the caller recomputes the exact amount, and the
caller keeps the run only when the floats were close enough (`rules._mes_compiled`).

`run_mes` releases the interpreter lock, so two runs (at two shares, for Add1) can go on two
cores. Compiled code is cached on disk beside this module (numba's `cache=True`); the first
call in a process loads it, or compiles it once (a few seconds) after an upgrade.
`rules.warm_up()` does that ahead of time.
"""

from __future__ import annotations

import numpy as np
from numba import njit

CERTAIN = 0
UNCERTAIN = 1
CANCELLED = 2


@njit(cache=True)
def _price(j, share, tol, cost, votes, state, values, weights, poor, below, near):
    """Float price per supporter of j, what its supporters have, whether all of them
    certainly have more than the price; the price is inf when they cannot pay (or only
    just: `have` tells). `below` is a price j certainly costs at least (what it cost in an
    earlier step, less the float margin: prices only rise as voters pay).

    Those who have less than the price pay all they have, the others the price; raising the
    price to cover what the poor cannot only makes more of them poor, and from any price at
    most the true one this climbs to it. Usually one pass over the supporters settles it:
    the pass that reads what they have also sorts them at the starting price. It also lists
    (`near`, in order) the supporters above the starting price but below twice it: while the
    price stays under that line only they can become poor, so later passes read only them.
    The loops choose instead of branching (the choices are unpredictable); every sum adds
    the same terms in the same order as a plain pass over all supporters would."""
    spent, sup_ptr, sup_group, gw = state[:4]
    start = sup_ptr[j]
    n = sup_ptr[j + 1] - start
    even = cost[j] / votes[j]  # the price when everyone can pay it
    price = max(even, below)
    line = 2.0 * price
    have = 0.0
    lowest = np.inf
    paid = 0.0
    rich = votes[j]
    count = 0
    supporters = sup_group[start : start + n]
    for k in range(n):
        g = supporters[k]
        v = share - spent[g]
        v = v if v > 0.0 else 0.0
        w = gw[g]
        values[k] = v
        weights[k] = w
        vw = v * w
        have += vw
        lowest = lowest if lowest < v else v
        is_poor = v < price
        poor[k] = is_poor
        paid += vw if is_poor else 0.0
        rich -= w if is_poor else 0.0
        near[count] = k
        count += 0 if (is_poor or v >= line) else 1
    if have < cost[j]:
        return np.inf, have, False
    if lowest >= even:
        return even, have, lowest > even + tol
    if rich <= 0.0:
        return np.inf, have, False
    least_near = np.inf
    for t in range(count):
        v = values[near[t]]
        least_near = least_near if least_near < v else v
    price = (cost[j] - paid) / rich
    # Supporters beyond the line have at least the line: they matter once the price is past it.
    while min(least_near, line) < price:
        if price < line:  # only the listed supporters can become poor
            scan = count
        else:  # past the line: every supporter not poor yet, and no line any more
            scan = 0
            for k in range(n):
                if not poor[k]:
                    near[scan] = k
                    scan += 1
            line = np.inf
        least_near = np.inf
        count = 0
        for t in range(scan):
            k = near[t]
            v = values[k]
            now = v < price
            poor[k] = now
            paid += v * weights[k] if now else 0.0
            rich -= weights[k] if now else 0.0
            least_near = least_near if least_near < v or now else v
            near[count] = k
            count += 0 if now else 1
        if rich <= 0.0:
            return np.inf, have, False
        price = (cost[j] - paid) / rich
    return price, have, False


@njit(cache=True)
def _have(j, share, state):
    """What the supporters of j have together (float)."""
    spent, sup_ptr, sup_group, gw = state[:4]
    have = 0.0
    for g in sup_group[sup_ptr[j] : sup_ptr[j + 1]]:
        have += max(share - spent[g], 0.0) * gw[g]
    return have


@njit(cache=True)
def _owes(r, g, state, rec_counts):
    """Group g pays all it has (record r): note how often it paid each earlier purchase."""
    grp_ptr, paid_list, paid_count = state[4:]
    w = state[3][g]
    for t in range(paid_count[g]):
        rec_counts[r, paid_list[grp_ptr[g] + t]] += w
    return w


@njit(cache=True)
def _record(r, j, share, tol_v, state, out):
    """Note, as record r, what it takes to compute exactly (in `rules._mes_compiled`) what
    the supporters of j have at this moment (`kind` 1): the weight of those certainly with
    something left (`low`, and how often they paid each earlier purchase) and the groups too
    close to zero to call. False when there are more of those than room."""
    spent, sup_ptr, sup_group = state[:3]
    rec, rec_counts, doubt_ptr, doubt_groups = out
    low = 0.0
    d = doubt_ptr[r]
    for g in sup_group[sup_ptr[j] : sup_ptr[j + 1]]:
        raw = share - spent[g]
        if raw < -tol_v:
            continue  # nothing left
        if raw <= tol_v:
            if d >= doubt_groups.shape[0]:
                return False
            doubt_groups[d] = g
            d += 1
        else:
            low += _owes(r, g, state, rec_counts)
    rec[r, 0] = j
    rec[r, 1] = 1
    rec[r, 2] = low
    rec[r, 3] = 0.0
    doubt_ptr[r + 1] = d
    return True


@njit(cache=True)
def _buy(r, k, j, price, share, tol_v, state, out):
    """The k-th purchase: j, at `price` per supporter. Charges the supporters and notes, as
    record r, what it takes to compute the price exactly (in `rules._mes_compiled`, `kind`
    0): the weight of the supporters certainly below the price with something left (`low`,
    and how often they paid each earlier purchase), the weight of those certainly above it
    (`high`), and the groups too close to call. False when there are more of those than
    room."""
    spent, sup_ptr, sup_group, gw, grp_ptr, paid_list, paid_count = state
    rec, rec_counts, doubt_ptr, doubt_groups = out
    low = 0.0
    high = 0.0
    d = doubt_ptr[r]
    for g in sup_group[sup_ptr[j] : sup_ptr[j + 1]]:
        raw = share - spent[g]
        if raw < -tol_v:
            pass  # nothing left: pays nothing
        elif raw <= tol_v or abs(raw - price) <= tol_v:
            if d >= doubt_groups.shape[0]:
                return False
            doubt_groups[d] = g
            d += 1
        elif raw < price:
            low += _owes(r, g, state, rec_counts)
        else:
            high += gw[g]
        spent[g] += price
        paid_list[grp_ptr[g] + paid_count[g]] = k
        paid_count[g] += 1
    rec[r, 0] = j
    rec[r, 1] = 0
    rec[r, 2] = low
    rec[r, 3] = high
    doubt_ptr[r + 1] = d
    return True


@njit(cache=True, nogil=True)
def run_mes(
    share,
    tol,
    tol_v,
    cost,
    sat,
    votes,
    rich_rank,
    remaining,
    sup_ptr,
    sup_group,
    grp_ptr,
    grp_proj,
    gw,
    explain,
    out_sel,
    out_price,
    out_margins,
    out_ran_step,
    paid_list,
    paid_count,
    rec,
    rec_counts,
    doubt_ptr,
    doubt_groups,
    stop,
):
    """One MES run at `share`; `remaining` marks the projects in the race (and is used up).

    Decisions closer than `tol` (sums of money, prices) or `tol_v` (what one voter has) are
    not taken: the run stops with UNCERTAIN. Writes the purchases in order (`out_sel`, float
    `out_price`), per purchase the margins `rules._add1` needs (`out_margins`: most the bought
    project could cost per unit of utility, all its supporters rich (1/0), least any other
    could cost, the same without exact ties), which purchases each group paid for
    (`paid_list`, chronological, laid out like `grp_proj`), and the records to compute every
    price exactly (`rec`). Explained runs also note, per project that ran out, the step
    (`out_ran_step`) and a record of what its supporters had. A run whose caller sets
    `stop[0]` ends at the next step with CANCELLED.

    Returns (status, number of purchases, number of records)."""
    m = cost.shape[0]
    groups = gw.shape[0]
    spent = np.zeros(groups)
    bound = np.full(m, np.inf)
    tol_rho = np.full(m, np.inf)
    all_rich = np.ones(m, dtype=np.bool_)
    widest = 0
    for j in range(m):
        if sat[j] > 0.0:
            tol_rho[j] = tol / sat[j]
        if remaining[j]:
            bound[j] = cost[j] / (votes[j] * sat[j])
        if sup_ptr[j + 1] - sup_ptr[j] > widest:
            widest = sup_ptr[j + 1] - sup_ptr[j]
    for g in range(groups):
        paid_count[g] = 0
    values = np.empty(widest)
    weights = np.empty(widest)
    poor = np.empty(widest, dtype=np.bool_)
    listed = np.empty(widest, dtype=np.uint32)
    state = (spent, sup_ptr, sup_group, gw, grp_ptr, paid_list, paid_count)
    out = (rec, rec_counts, doubt_ptr, doubt_groups)
    have = np.zeros(m)
    for j in range(m):
        out_ran_step[j] = -1
    if explain:
        for j in range(m):
            have[j] = _have(j, share, state)
    found_j = np.empty(m, dtype=np.int64)
    found_rho = np.empty(m)
    found_price = np.empty(m)
    bought = 0
    records = 0
    doubt_ptr[0] = 0
    wide = (m + 2) * tol  # the float error of `have`, kept up to date purchase by purchase
    while True:
        if stop[0]:  # the caller no longer needs this run
            return CANCELLED, bought, records
        if explain:
            # What supporters of each project still in the race have, after `bought`
            # purchases: a project they can no longer pay for is out.
            for j in range(m):
                if not remaining[j] or have[j] - cost[j] > wide:
                    continue
                fresh = _have(j, share, state)
                if fresh - cost[j] > tol:
                    continue
                if fresh - cost[j] >= -tol:
                    return UNCERTAIN, bought, records
                remaining[j] = False
                out_ran_step[j] = bought + 1
                if not _record(records, j, share, tol_v, state, out):
                    return UNCERTAIN, bought, records
                records += 1
        count = 0
        for j in range(m):
            if remaining[j]:
                count += 1
        if count == 0:
            break
        idx = np.empty(count, dtype=np.int64)
        keys = np.empty(count)
        count = 0
        for j in range(m):
            if remaining[j]:
                idx[count] = j
                keys[count] = bound[j]
                count += 1
        order = np.argsort(keys, kind="mergesort")  # stable: ties in order of j
        best_f = np.inf
        best_tol = 0.0
        nfound = 0
        for t in range(count):
            j = idx[order[t]]
            if bound[j] - tol_rho[j] > best_f + best_tol:
                break
            below = (bound[j] - tol_rho[j]) * sat[j]
            price, have_j, rich = _price(
                j, share, tol_v, cost, votes, state, values, weights, poor, below, listed
            )
            all_rich[j] = rich
            margin = have_j - cost[j]
            if margin < -tol:
                remaining[j] = False
                if explain:
                    out_ran_step[j] = bought + 1
                    if not _record(records, j, share, tol_v, state, out):
                        return UNCERTAIN, bought, records
                    records += 1
                continue
            if margin <= tol or price == np.inf:
                return UNCERTAIN, bought, records
            rho = price / sat[j]
            bound[j] = rho
            found_j[nfound] = j
            found_rho[nfound] = rho
            found_price[nfound] = price
            nfound += 1
            if rho < best_f:
                best_f = rho
                best_tol = tol_rho[j]
        if nfound == 0:
            break
        best = -1
        best_price = 0.0
        near = 0
        for t in range(nfound):
            j = found_j[t]
            if found_rho[t] - tol_rho[j] <= best_f + best_tol:
                near += 1
                if near > 1 and not (all_rich[j] and all_rich[best]):
                    return UNCERTAIN, bought, records
                if (
                    best < 0
                    or rich_rank[j] < rich_rank[best]
                    or (rich_rank[j] == rich_rank[best] and j < best)
                ):
                    best = j
                    best_price = found_price[t]
        if near > 1:
            best_price = cost[best] / votes[best]  # every supporter rich: exactly this
        others = np.inf
        untied = np.inf
        for j in range(m):
            if remaining[j] and j != best:
                low = bound[j] - tol_rho[j]
                if low < others:
                    others = low
                tied = j > best and all_rich[j] and rich_rank[j] == rich_rank[best]
                if (explain or not tied) and low < untied:
                    untied = low
        out_sel[bought] = best
        out_price[bought] = best_price
        out_margins[bought, 0] = best_price / sat[best] + tol_rho[best]
        out_margins[bought, 1] = 1.0 if all_rich[best] else 0.0
        out_margins[bought, 2] = others
        out_margins[bought, 3] = untied
        if explain:  # every project on the ballots of its supporters loses what they pay
            for g in sup_group[sup_ptr[best] : sup_ptr[best + 1]]:
                after = max(share - (spent[g] + best_price), 0.0)
                change = (after - max(share - spent[g], 0.0)) * gw[g]
                for q in range(grp_ptr[g], grp_ptr[g + 1]):
                    have[grp_proj[q]] += change
        if not _buy(records, bought, best, best_price, share, tol_v, state, out):
            return UNCERTAIN, bought, records
        records += 1
        bought += 1
        remaining[best] = False
    return CERTAIN, bought, records


@njit(cache=True)
def _charge(k, order, prices, sup_ptr, sup_group, grp_ptr, spent, paid_list, paid_count):
    """Charge the supporters of the k-th purchase its float price, as `run_mes` did."""
    b = order[k]
    for g in sup_group[sup_ptr[b] : sup_ptr[b + 1]]:
        spent[g] += prices[k]
        paid_list[grp_ptr[g] + paid_count[g]] = k
        paid_count[g] += 1


@njit(cache=True)
def _sweep(share, order, prices, sup_ptr, sup_group, gw, spent, probe, js, found, until):
    """Replay the purchases of a run (`order` at float `prices`) from the start, charging
    each group as the run did (`spent`), and after t purchases work out what the supporters
    of `js[k]` have, for each k with `probe[k] == t` (into `found[k]`: the sum `_have`
    makes). Stops after `until` purchases."""
    spent[:] = 0.0
    sorted_k = np.argsort(probe, kind="mergesort")
    at = 0
    while at < sorted_k.shape[0] and probe[sorted_k[at]] < 0:
        at += 1
    for t in range(until + 1):
        if t > 0:
            b = order[t - 1]
            for g in sup_group[sup_ptr[b] : sup_ptr[b + 1]]:
                spent[g] += prices[t - 1]
        while at < sorted_k.shape[0] and probe[sorted_k[at]] == t:
            k = sorted_k[at]
            found[k] = _have(js[k], share, (spent, sup_ptr, sup_group, gw))
            at += 1


@njit(cache=True, nogil=True)
def explain_ran_out(
    share,
    tol,
    tol_v,
    cost,
    candidates,
    order,
    prices,
    sup_ptr,
    sup_group,
    grp_ptr,
    gw,
    out_step,
    paid_list,
    paid_count,
    rec,
    rec_counts,
    doubt_ptr,
    doubt_groups,
):
    """After a run that bought `order` at `prices` (floats of the exact prices): for every
    project in `candidates` (in the race, not bought), the step at which its supporters
    could no longer pay for it (`out_step`: 1 before the first purchase, t + 1 after the
    t-th) and a record of what they had then, as an explained run would have noted; and,
    as `run_mes` does, which purchases each group paid for (`paid_list`, `paid_count`).

    What supporters have only shrinks (in floats too: every term of the sum does, and a
    rounded sum of terms in a fixed order is monotone in each of them), so the step is
    found by bisection, all projects at once: each round replays the purchases once and
    sums, for every project, what its supporters have at the middle of what is left of its
    range. The step is certified by the sums just before and at it, with the margin `tol`.
    Returns (status, number of records)."""
    m = cost.shape[0]
    groups = gw.shape[0]
    n = order.shape[0]
    js = np.flatnonzero(candidates)
    size = js.shape[0]
    lo = np.full(size, -1, dtype=np.int64)  # they had the cost after lo purchases (or -1)
    hi = np.full(size, n, dtype=np.int64)  # and less after hi (to be certified)
    before = np.full(size, np.inf)  # what they had after lo purchases
    probe = np.empty(size, dtype=np.int64)
    found = np.empty(size)
    spent = np.empty(groups)
    while True:
        until = -1
        for k in range(size):
            probe[k] = (lo[k] + hi[k]) // 2 if hi[k] - lo[k] > 1 else -1
            until = max(until, probe[k])
        if until < 0:
            break
        _sweep(share, order, prices, sup_ptr, sup_group, gw, spent, probe, js, found, until)
        for k in range(size):
            if probe[k] < 0:
                continue
            if found[k] < cost[js[k]]:
                hi[k] = probe[k]
            else:
                lo[k] = probe[k]
                before[k] = found[k]
    # A last replay: at each step found, certify it with a fresh sum and note what the
    # supporters had (as `run_mes` notes it, from what each group had been charged then).
    state = (spent, sup_ptr, sup_group, gw, grp_ptr, paid_list, paid_count)
    out = (rec, rec_counts, doubt_ptr, doubt_groups)
    for j in range(m):
        out_step[j] = -1
    doubt_ptr[0] = 0
    records = 0
    spent[:] = 0.0
    paid_count[:] = 0
    sorted_k = np.argsort(hi, kind="mergesort")
    next_k = 0
    for t in range(n + 1):
        if t > 0:
            _charge(t - 1, order, prices, sup_ptr, sup_group, grp_ptr, spent, paid_list, paid_count)
        while next_k < size and hi[sorted_k[next_k]] == t:
            k = sorted_k[next_k]
            j = js[k]
            if _have(j, share, state) - cost[j] >= -tol or (t > 0 and before[k] - cost[j] <= tol):
                return UNCERTAIN, records
            if not _record(records, j, share, tol_v, state, out):
                return UNCERTAIN, records
            out_step[j] = t + 1
            records += 1
            next_k += 1
    return CERTAIN, records


_MIX = np.uint64(0x9E3779B97F4A7C15)  # an odd constant that spreads bits over the word


@njit(cache=True)
def index_ballots(flat, lengths, m, group_projects, entry_group):
    """The distinct non-empty ballots (groups, in the order they first appear) of ballots
    that name projects 0 … m − 1 (ballot v is `flat[start : start + lengths[v]]`; a project
    named twice counts once): how many voters cast each (`weights`), their projects by group
    (into `group_projects`, from `group_starts`, `group_lengths` long), and the same pairs by
    project and then group (into `entry_group`, project p's from `bounds[p]` to
    `bounds[p + 1]`), with the approvals per project (`votes`: supporters' weights summed)
    and how many pairs there are. The caller makes the two arrays of pairs (as long as
    `flat`: there are no more pairs than entries), in types that fit, so that no more
    memory is taken than these need.

    Each ballot becomes a row of bits (one per project); equal rows are found with a hash
    table, so this is one pass over the ballots and two over the distinct ones."""
    n = lengths.shape[0]
    words = max(1, (m + 63) // 64)
    size = 16
    while size < 2 * n:
        size *= 2
    slots = np.full(size, -1, dtype=np.int32)  # the group in each slot of the hash table
    rows = np.zeros((n, words), dtype=np.uint64)
    first = np.empty(n, dtype=np.int32)  # where the first ballot of each group starts in flat
    weights = np.zeros(n, dtype=np.int64)
    group_lengths = np.zeros(n, dtype=np.int32)
    repeats = np.zeros(n, dtype=np.bool_)  # its first ballot names a project twice
    bits = np.zeros(words, dtype=np.uint64)
    groups = 0
    at = 0
    for v in range(n):
        length = lengths[v]
        if length == 0:
            continue
        for w in range(words):
            bits[w] = 0
        distinct = 0
        for e in range(at, at + length):
            p = flat[e]
            bit = np.uint64(1) << np.uint64(p % 64)
            if not bits[p // 64] & bit:
                distinct += 1
            bits[p // 64] |= bit
        h = np.uint64(0)
        for w in range(words):
            h = (h ^ bits[w]) * _MIX
        slot = np.int64((h ^ (h >> np.uint64(31))) & np.uint64(size - 1))
        while True:
            g = slots[slot]
            if g < 0:
                g = groups
                groups += 1
                slots[slot] = g
                for w in range(words):
                    rows[g, w] = bits[w]
                first[g] = at
                group_lengths[g] = distinct
                repeats[g] = distinct != length
                break
            same = True
            for w in range(words):
                if rows[g, w] != bits[w]:
                    same = False
                    break
            if same:
                break
            slot = (slot + 1) & (size - 1)
        weights[g] += 1
        at += length
    group_starts = np.empty(groups, dtype=np.int64)
    total = 0
    for g in range(groups):
        group_starts[g] = total
        total += group_lengths[g]
    counts = np.zeros(m + 1, dtype=np.int64)
    votes = np.zeros(m, dtype=np.int64)
    for g in range(groups):
        if repeats[g]:  # from the bits, in order of the projects
            t = group_starts[g]
            for p in range(m):
                if rows[g, p // 64] & (np.uint64(1) << np.uint64(p % 64)):
                    group_projects[t] = p
                    t += 1
        else:
            for t in range(group_lengths[g]):
                group_projects[group_starts[g] + t] = flat[first[g] + t]
        for t in range(group_starts[g], group_starts[g] + group_lengths[g]):
            p = group_projects[t]
            counts[p + 1] += 1
            votes[p] += weights[g]
    bounds = np.cumsum(counts)
    cursor = bounds[:m].copy()
    for g in range(groups):  # groups in order, so each project's supporters are sorted
        for t in range(group_starts[g], group_starts[g] + group_lengths[g]):
            p = group_projects[t]
            entry_group[cursor[p]] = g
            cursor[p] += 1
    return weights[:groups], group_starts, group_lengths[:groups], bounds, votes, total
