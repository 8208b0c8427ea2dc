"""Benchmark: our tally against pabutools, on the largest real rounds and on a synthetic one.

    python manage.py bench_pb [--files A.pb B.pb] [--rules mes,mes-add1] [--timeout 3600]
                              [--voters 100000 --projects 150] [--skip-pabutools]

For each file and rule both tallies run in a fresh subprocess of their own (same machine, same
run), reading the file first and timing only the tally (our compiled kernel is loaded before
the timer, and the time that takes is printed apart). It prints both times, their ratio
(pabutools / ours, goal: 100 for mes and 1,000 for mes-add1), the peak memory of each process,
and whether the selections are equal. A pabutools run that hits the timeout gives a ratio of
at least timeout / ours. Then a synthetic round (default 100,000 voters, 150 projects) is
tallied with mes-add1 by us alone (goal: under 5 seconds).

The files come from ../shared/data/pabulib (see its README); without it only the synthetic
round runs.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DATA_DIR = Path(settings.BASE_DIR).parent / "shared" / "data" / "pabulib"
LARGEST = [
    "Netherlands_Amsterdam_252.pb",  # 8,520 voters, 85 projects: "Amsterdam-sized"
    "Hungary_Budapest_2024.pb",  # 28,943 voters, 175 projects
    "Poland_Warszawa_2026.pb",  # 61,668 voters, 83 projects
    "Poland_Lodz_2022.pb",  # 90,494 voters, 160 projects
]
SAT = {"cost": "Cost_Sat", "cardinality": "Cardinality_Sat"}


class Command(BaseCommand):
    help = "Time our tally against pabutools on the largest pabulib rounds, and a synthetic one."

    def add_arguments(self, parser):
        parser.add_argument("--files", nargs="*", default=None)
        parser.add_argument("--rules", default="mes,mes-add1")
        parser.add_argument("--utility", default="cost", choices=sorted(SAT))
        parser.add_argument("--timeout", type=int, default=3600, help="seconds per pabutools run")
        parser.add_argument("--voters", type=int, default=100_000)
        parser.add_argument("--projects", type=int, default=150)
        parser.add_argument("--skip-pabutools", action="store_true")
        # Internal: one measured tally in this process, printed as JSON.
        parser.add_argument("--worker", nargs=4, metavar=("WHO", "FILE", "RULE", "UTILITY"))

    def handle(self, *args, **opts):
        if opts["worker"]:
            self.stdout.write(json.dumps(_measure(*opts["worker"])))
            return
        rules = [r for r in opts["rules"].split(",") if r]
        files = opts["files"]
        if files is None:
            files = [name for name in LARGEST if (DATA_DIR / name).is_file()]
            if not files:
                self.stdout.write(f"No pabulib files at {DATA_DIR}; only the synthetic round.")
        for name in files:
            path = Path(name) if Path(name).is_file() else DATA_DIR / name
            if not path.is_file():
                raise CommandError(f"There is no file {name} (looked in {DATA_DIR}).")
            for rule in rules:
                self._compare(path, rule, opts)
        self._synthetic(opts)

    def _run(self, who: str, path: Path, rule: str, utility: str, timeout: int) -> dict | None:
        command = [
            sys.executable,
            str(Path(settings.BASE_DIR) / "manage.py"),
            "bench_pb",
            "--worker",
            who,
            str(path),
            rule,
            utility,
        ]
        try:
            done = subprocess.run(  # noqa: S603 - our own manage.py with our own arguments
                command, capture_output=True, text=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return None
        if done.returncode:
            raise CommandError(f"{who} failed on {path.name} ({rule}):\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def _compare(self, path: Path, rule: str, opts: dict) -> None:
        utility = opts["utility"]
        ours = self._run("wijkwerk", path, rule, utility, timeout=max(600, opts["timeout"]))
        assert ours is not None
        line = (
            f"{path.name:<40} {rule:<16} ours {ours['seconds']:8.3f} s {ours['peak_mb']:7.1f} MB"
            f" (kernel loaded in {ours['warm_up']:.2f} s)"
        )
        if opts["skip_pabutools"]:
            self.stdout.write(line)
            return
        theirs = self._run("pabutools", path, rule, utility, timeout=opts["timeout"])
        if theirs is None:
            ratio = opts["timeout"] / max(ours["seconds"], 1e-9)
            self.stdout.write(
                f"{line} | pabutools > {opts['timeout']} s (timeout) | ratio > {ratio:,.0f}"
            )
            return
        ratio = theirs["seconds"] / max(ours["seconds"], 1e-9)
        same = sorted(ours["selected"]) == sorted(theirs["selected"])
        self.stdout.write(
            f"{line} | pabutools {theirs['seconds']:9.2f} s {theirs['peak_mb']:7.1f} MB"
            f" | ratio {ratio:,.0f} | same selection: {'yes' if same else 'NO'}"
        )
        if not same:
            raise CommandError(f"The selections differ on {path.name} with {rule}.")

    def _synthetic(self, opts: dict) -> None:
        from wijkwerk.pb.tally.pabulib import save

        election = synthetic_round(opts["voters"], opts["projects"])
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "synthetic.pb"
            save(election, path)
            ours = self._run("wijkwerk", path, "mes-add1", "cost", timeout=3600)
        assert ours is not None
        verdict = "ok" if ours["seconds"] < 5 else "NOT MET"
        self.stdout.write(
            f"synthetic {opts['voters']:,} voters x {opts['projects']} projects, mes-add1: "
            f"{ours['seconds']:.2f} s, {ours['peak_mb']:.1f} MB, {len(ours['selected'])} selected "
            f"(goal < 5 s: {verdict})"
        )


def synthetic_round(voters: int, projects: int, seed: int = 2026):
    """A round shaped like real ones: popularity skewed, 1 to 5 approvals per voter, costs
    from 5,000 to 400,000, a budget of a quarter of all costs."""
    from fractions import Fraction

    import numpy as np

    from wijkwerk.pb.tally import Election, Project, Voter

    rng = np.random.default_rng(seed)
    costs = (rng.lognormal(mean=11.0, sigma=0.9, size=projects).clip(5_000, 400_000) // 100) * 100
    popularity = rng.pareto(1.5, size=projects) + 0.05
    popularity /= popularity.sum()
    ids = [f"P{i:03d}" for i in range(projects)]
    sizes = rng.integers(1, 6, size=voters)
    ballots = []
    for n, size in enumerate(sizes.tolist()):
        chosen = rng.choice(projects, size=size, replace=False, p=popularity)
        ballots.append(Voter(str(n), tuple(ids[i] for i in sorted(chosen.tolist()))))
    return Election(
        budget=Fraction(int(costs.sum()) // 4),
        projects={pid: Project(pid, Fraction(int(c))) for pid, c in zip(ids, costs, strict=True)},
        voters=ballots,
    )


def pabutools_chosen(instance, profile, rule: str, utility: str) -> list:
    """The projects pabutools selects with our `rule` (greedy, mes, mes-add1 or
    mes-add1-greedy) and `utility`; the tests compare our tally with it too."""
    from pabutools.election import Cardinality_Sat, Cost_Sat
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    sat = {"cost": Cost_Sat, "cardinality": Cardinality_Sat}[utility]
    if rule == "greedy":
        return greedy_utilitarian_welfare(instance, profile, sat_class=sat)
    if rule == "mes":
        return method_of_equal_shares(instance, profile, sat_class=sat)
    if rule == "mes-add1":
        return exhaustion_by_budget_increase(
            instance,
            profile,
            method_of_equal_shares,
            {"sat_class": sat},
            budget_step=profile.num_ballots(),
            exhaustive_stop=False,
        )
    return completion_by_rule_combination(
        instance,
        profile,
        [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": sat, "voter_budget_increment": 1}, {"sat_class": sat}],
    )


def _measure(who: str, file: str, rule: str, utility: str) -> dict:
    """Read the file, then time one tally; peak memory is the process's peak RSS."""
    warm_up = 0.0
    if who == "wijkwerk":
        from wijkwerk.pb.tally import tally
        from wijkwerk.pb.tally.pabulib import load
        from wijkwerk.pb.tally.rules import warm_up as load_kernel

        election = load(file)
        # The compiled kernel loads once per process (like pabutools' modules, imported
        # before its timer); the time it takes is printed apart.
        start = time.perf_counter()
        load_kernel()
        warm_up = time.perf_counter() - start
        start = time.perf_counter()
        selected = tally(election, rule=rule, utility=utility).selected
        seconds = time.perf_counter() - start
    else:
        from pabutools.election import parse_pabulib

        if rule not in ("mes", "mes-add1"):
            raise CommandError(f"The benchmark compares mes and mes-add1, not {rule}.")
        instance, profile = parse_pabulib(file)
        start = time.perf_counter()
        chosen = pabutools_chosen(instance, profile, rule, utility)
        seconds = time.perf_counter() - start
        selected = [p.name for p in chosen]
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "selected": selected, "warm_up": warm_up}
