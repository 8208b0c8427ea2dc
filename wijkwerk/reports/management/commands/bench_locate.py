"""Benchmark placing points in buurten: `manage.py bench_locate [--points N] [--buurten M]`.

Builds M square buurt polygons on a grid (default 15,000, about the number of buurten in
the Netherlands), then assigns N random points (default 1,000,000) with one vectorised
STRtree query (`areas.locate.Locator.locate_many`). As a baseline in the same run it times
the same assignment by plain arithmetic on the grid (the fastest possible answer for this
synthetic layout) and checks that both agree. Prints seconds, points per second and the
ratio; the goal for 1,000,000 points on 15,000 polygons is under 10 seconds.
"""

import math
import time

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from wijkwerk.areas.locate import Locator

GOAL_SECONDS = 10.0


def _square(x: float, y: float, size: float) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


class Command(BaseCommand):
    help = "Time assigning random points to buurt polygons (STRtree) against grid arithmetic."

    def add_arguments(self, parser):
        parser.add_argument("--points", type=int, default=1_000_000)
        parser.add_argument("--buurten", type=int, default=15_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, points: int, buurten: int, seed: int, **options):
        if not 1 <= points <= 20_000_000 or not 1 <= buurten <= 200_000:
            raise CommandError("--points 1..20,000,000 and --buurten 1..200,000.")
        side = math.ceil(math.sqrt(buurten))
        size = 0.01  # about 700 m x 1.1 km in the Netherlands
        x0, y0 = 3.3, 50.75
        areas = []
        for i in range(buurten):
            row, col = divmod(i, side)
            areas.append((i + 1, "buurt", 0, _square(x0 + col * size, y0 + row * size, size)))
        started = time.perf_counter()
        locator = Locator(areas)
        build = time.perf_counter() - started

        rng = np.random.default_rng(seed)
        rows = math.ceil(buurten / side)
        # Stay off the exact borders so the arithmetic baseline is unambiguous.
        cols_i = rng.integers(0, side, points)
        rows_i = rng.integers(0, rows, points)
        lons = x0 + (cols_i + rng.uniform(0.01, 0.99, points)) * size
        lats = y0 + (rows_i + rng.uniform(0.01, 0.99, points)) * size

        started = time.perf_counter()
        found = locator.locate_many(lons, lats)
        tree_seconds = time.perf_counter() - started

        started = time.perf_counter()
        index = np.floor((lats - y0) / size).astype(np.int64) * side + np.floor(
            (lons - x0) / size
        ).astype(np.int64)
        expected = np.where(index < buurten, index + 1, 0)
        grid_seconds = time.perf_counter() - started

        mismatches = int(np.count_nonzero(found != expected))
        self.stdout.write(f"buurten: {buurten:,} (index built in {build:.2f} s)")
        self.stdout.write(
            f"STRtree: {points:,} points in {tree_seconds:.2f} s "
            f"({points / tree_seconds:,.0f} points/s)"
        )
        self.stdout.write(
            f"grid arithmetic baseline: {grid_seconds:.3f} s; ratio tree/baseline "
            f"{tree_seconds / max(grid_seconds, 1e-9):.0f}x"
        )
        self.stdout.write(f"points placed differently from the baseline: {mismatches}")
        verdict = "met" if tree_seconds < GOAL_SECONDS and not mismatches else "NOT met"
        self.stdout.write(f"goal (< {GOAL_SECONDS:.0f} s, no mismatches): {verdict}")
