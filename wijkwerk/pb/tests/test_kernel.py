"""The compiled MES kernel takes the decisions exact arithmetic takes: its runs (and the
outcomes, explanations and prices built on them) equal those of the Python run that settles
close calls exactly, and where floats cannot settle a call it hands over to that run."""

from __future__ import annotations

import os
import signal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wijkwerk.pb.management.commands.bench_pb import synthetic_round
from wijkwerk.pb.tally import Election, Project, Voter, base, compiled, tally
from wijkwerk.pb.tally.pabulib import load

from .pabulib_files import real_path

MES_RULES = [("mes", "cost"), ("mes", "cardinality"), ("mes-add1", "cost")]
MES_RULES += [("mes-add1-greedy", "cost"), ("mes-add1-greedy", "cardinality")]


def both_ways(election: Election, rule: str, utility: str, monkeypatch):
    """The outcome with the compiled kernel, how many of its runs it certified and how many
    it handed over, and the outcome of the exact Python runs alone."""
    calls = {"certified": 0, "handed over": 0}
    kernel_run = compiled._mes_compiled

    def counting(*args, **kwargs):
        run = kernel_run(*args, **kwargs)
        calls["certified" if run is not None else "handed over"] += 1
        return run

    with monkeypatch.context() as patch:
        patch.setattr(compiled, "_mes_compiled", counting)
        fast = tally(election, rule=rule, utility=utility)
    with monkeypatch.context() as patch:
        patch.setattr(compiled, "COMPILED", False)
        exact = tally(election, rule=rule, utility=utility)
    return fast, calls, exact


def assert_same(fast, exact):
    assert fast.selected == exact.selected
    assert fast.purchases == exact.purchases  # exact prices, in order
    assert fast.projects == exact.projects  # reasons, steps, what supporters had and missed
    assert fast.voter_budget == exact.voter_budget
    assert fast.spent == exact.spent


@pytest.mark.parametrize(("rule", "utility"), MES_RULES)
def test_a_large_synthetic_round_is_certified_by_the_kernel_alone(rule, utility, monkeypatch):
    election = synthetic_round(3_000, 40, seed=11)
    fast, calls, exact = both_ways(election, rule, utility, monkeypatch)
    assert_same(fast, exact)
    assert calls["certified"] >= 1
    assert calls["handed over"] == 0


def test_an_exact_tie_between_poor_supporters_goes_to_the_exact_run(monkeypatch):
    """Shares of 75. A (140) is bought first, at 140/3 from voters 0, 1 and 2. B and C (90
    each, supported by voters 0, 1 and 3) then cost the same: voters 0 and 1 pay their last
    85/3, voter 3 the rest. That price is not cost / votes, so the kernel cannot settle the
    tie and hands over; the exact run gives it to B, and C runs out with voter 3's 125/3."""
    election = Election(
        budget=Fraction(300),
        projects={p: Project(p, Fraction(c)) for p, c in [("A", 140), ("B", 90), ("C", 90)]},
        voters=[Voter(str(n), ("A", "B", "C")) for n in range(2)]
        + [Voter("2", ("A",)), Voter("3", ("B", "C"))],
    )
    fast, calls, exact = both_ways(election, "mes", "cost", monkeypatch)
    assert_same(fast, exact)
    assert calls["handed over"] == 1
    assert fast.selected == ["A", "B"]
    assert fast.projects["C"].supporters_had == Fraction(125, 3)


@pytest.mark.parametrize(("rule", "utility"), MES_RULES)
@pytest.mark.parametrize(
    "name", ["Netherlands_Assen_2025.pb", "Poland_Swiecie_2023.pb", "Switzerland_Zurich_SN.pb"]
)
def test_real_rounds_come_out_the_same_both_ways(name, rule, utility, monkeypatch):
    fast, calls, exact = both_ways(load(real_path(name)), rule, utility, monkeypatch)
    assert_same(fast, exact)
    assert calls["certified"] >= 1


@st.composite
def rounds(draw):
    """Rounds of up to 60 voters with amounts that are not whole numbers and many ties."""
    count = draw(st.integers(1, 8))
    ids = [f"p{i}" for i in range(count)]
    costs = {
        pid: Fraction(draw(st.integers(0, 400)), draw(st.sampled_from([1, 3, 7]))) for pid in ids
    }
    kinds = draw(st.lists(st.sets(st.sampled_from(ids)), min_size=1, max_size=6))
    weights = draw(st.lists(st.integers(1, 12), min_size=len(kinds), max_size=len(kinds)))
    voters = [
        Voter(f"{k}-{n}", tuple(sorted(kind)))
        for k, (kind, weight) in enumerate(zip(kinds, weights, strict=True))
        for n in range(weight)
    ]
    budget = Fraction(draw(st.integers(1, 1_500)), draw(st.sampled_from([1, 2, 9])))
    return Election(
        budget=budget,
        projects={pid: Project(pid, cost) for pid, cost in costs.items()},
        voters=voters,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(election=rounds(), rule_utility=st.sampled_from(MES_RULES))
def test_random_rounds_come_out_the_same_both_ways(election, rule_utility):
    rule, utility = rule_utility
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, _calls, exact = both_ways(election, rule, utility, monkeypatch)
    assert_same(fast, exact)


@st.composite
def ballots(draw):
    """Ballots over up to 150 projects (so rows of bits span several words), some empty,
    many equal in another order, some naming a project twice."""
    count = draw(st.integers(1, 150))
    ids = [f"p{i:03d}" for i in range(count)]
    kinds = draw(st.lists(st.lists(st.sampled_from(ids), max_size=8), min_size=1, max_size=12))
    voters = []
    for k, kind in enumerate(kinds):
        for n in range(draw(st.integers(1, 5))):
            order = draw(st.permutations(kind))
            voters.append(Voter(f"{k}-{n}", tuple(order)))
    return Election(
        budget=Fraction(100),
        projects={pid: Project(pid, Fraction(10)) for pid in ids},
        voters=voters,
    )


@settings(max_examples=100, deadline=None)
@given(election=ballots())
def test_equal_ballots_become_one_group_whose_weight_counts_them(election):
    prepared = base._Prepared.of(election)
    index = {pid: i for i, pid in enumerate(prepared.ids)}
    expected: dict[frozenset, int] = {}
    for voter in election.voters:
        if voter.vote:
            key = frozenset(index[p] for p in voter.vote)
            expected[key] = expected.get(key, 0) + 1
    groups = {}
    for g in range(prepared.groups):
        start, length = prepared.group_starts[g], prepared.group_lengths[g]
        projects = prepared.group_projects[start : start + length].tolist()
        assert len(projects) == len(set(projects))  # a project named twice counts once
        groups[frozenset(projects)] = int(prepared.group_weights[g])
    assert groups == expected
    for j in range(len(prepared.ids)):
        supporters = prepared.supporters[j].tolist()
        assert supporters == sorted(supporters)
        assert set(supporters) == {
            g
            for g in range(prepared.groups)
            if j
            in prepared.group_projects[
                prepared.group_starts[g] : prepared.group_starts[g] + prepared.group_lengths[g]
            ]
        }
        assert prepared.votes[j] == sum(w for key, w in expected.items() if j in key)


def test_a_process_forked_after_a_tally_tallies_too():
    """Worker threads do not survive a fork (a server that loads the app and then forks its
    workers): the child starts its own rather than waiting for threads that are not there."""
    election = synthetic_round(500, 12, seed=3)
    expected = tally(election, rule="mes-add1").selected
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through its exit status
        signal.alarm(60)  # a child waiting for absent threads is killed, not left hanging
        try:
            ok = tally(election, rule="mes-add1").selected == expected
        except BaseException:
            ok = False
        os._exit(0 if ok else 1)
    _pid, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
