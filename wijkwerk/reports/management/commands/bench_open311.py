"""Benchmark Open311 intake against a trivial view of the same production server.

    python manage.py bench_open311 --database-url postgres://…/wijkwerk_bench [--reports 1000000]

It prepares a separate database (SQLite under /tmp unless --database-url is given; a
database that already holds the benchmark municipality is reused as it is, with more reports
added up to --reports), with one municipality, its category tree and --reports stored
reports. It serves the project with gunicorn on 127.0.0.1 and, in alternating rounds, sends
keep-alive GETs to /healthz and Open311 `POST /open311/v2/requests.json` with a valid
api_key (each one a real report: validation, placement, routing, deadline, history and,
once per slot of deadlines, the scheduled deadline sweep). It prints the median rate of each
and their ratio (goal >= 0.3).
Load goes to this machine only; runs and subprocesses are bounded; gunicorn is stopped.
"""

import json
import random
import statistics
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.core.benchmark import bench_env, gunicorn, load, rounds_text, run_manage

GOAL = 0.3
CODE = "GM9998"
LAT, LON = 52.95, 4.76  # the benchmark municipality has no boundary: any point is inside


class Command(BaseCommand):
    help = "Requests per second of Open311 POST requests.json vs a trivial view."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=1_000_000, help="stored reports")
        parser.add_argument("--requests", type=int, default=1_500, help="per path")
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--database-url", default="")
        parser.add_argument("--populate", action="store_true", help="(internal) fill this DB")

    def handle(self, *args, **opts):
        if opts["populate"]:
            self._populate(opts["reports"])
            return
        for name in ("requests", "concurrency", "rounds", "workers"):
            if opts[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if not 0 <= opts["reports"] <= 20_000_000:
            raise CommandError("--reports lies between 0 and 20,000,000.")
        with tempfile.TemporaryDirectory(prefix="wijkwerk-bench-") as tmp:
            url = opts["database_url"] or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            # The rate limit protects against floods from one address; the benchmark is one.
            env = bench_env(url, Path(tmp), WIJKWERK_OPEN311_RATE_LIMIT="100000000")
            self.stdout.write(f"Preparing a database with {opts['reports']:,} reports …")
            run_manage(env, "migrate", "--noinput", "-v0")
            run_manage(env, "collectstatic", "--noinput", "-v0")
            out = run_manage(env, "bench_open311", "--populate", "--reports", str(opts["reports"]))
            facts = json.loads(out.strip().splitlines()[-1])
            rates = self._measure(env, opts, facts)
        trivial = statistics.median(rates["trivial"])
        intake = statistics.median(rates["post"])
        ratio = intake / trivial if trivial else 0.0
        self.stdout.write(
            f"stored reports: {facts['stored']:,}; {opts['requests']} requests per path, "
            f"concurrency {opts['concurrency']}, {opts['workers']} gunicorn workers, "
            f"median of {opts['rounds']} rounds"
        )
        self.stdout.write(
            f"trivial view /healthz:           {trivial:8.1f} requests/s  "
            f"{rounds_text(rates['trivial'])}"
        )
        self.stdout.write(
            f"POST /open311/v2/requests.json:  {intake:8.1f} requests/s  "
            f"{rounds_text(rates['post'])}"
        )
        verdict = "ok" if ratio >= GOAL else "BELOW GOAL"
        self.stdout.write(
            f"ratio intake/trivial:            {ratio:8.3f}  (goal >= {GOAL}: {verdict})"
        )

    def _measure(self, env: dict, opts: dict, facts: dict) -> dict[str, list[float]]:
        rng = random.Random(7)
        path = "/open311/v2/requests.json"

        def body(n: int) -> bytes:
            return urlencode(
                {
                    "jurisdiction_id": CODE,
                    "api_key": facts["api_key"],
                    "service_code": rng.choice(facts["codes"]),
                    "lat": f"{LAT + rng.uniform(-0.02, 0.02):.6f}",
                    "long": f"{LON + rng.uniform(-0.02, 0.02):.6f}",
                    "description": f"Benchmarkmelding {n}",
                }
            ).encode()

        rates: dict[str, list[float]] = {"trivial": [], "post": []}
        per_round = opts["requests"] // opts["rounds"] or 1
        with gunicorn(env, opts["workers"]) as port:
            load(port, "/healthz", 20 * opts["workers"], 2)
            load(port, path, 10 * opts["workers"], 2, method="POST", body=body)
            for _ in range(opts["rounds"]):
                rates["trivial"].append(load(port, "/healthz", per_round, opts["concurrency"]))
                rates["post"].append(
                    load(port, path, per_round, opts["concurrency"], method="POST", body=body)
                )
        return rates

    def _populate(self, n_reports: int) -> None:
        """Fill the current database up to `n_reports` reports; print facts as JSON."""
        import datetime

        from django.contrib.auth.hashers import make_password
        from django.db import transaction
        from django.utils import timezone
        from rest_framework.authtoken.models import Token

        from wijkwerk.accounts.models import User
        from wijkwerk.areas.models import Area, AreaKind, Municipality
        from wijkwerk.reports.defaults import DEFAULT_TREE
        from wijkwerk.reports.models import Category, Channel, Report, Status

        with transaction.atomic():
            municipality, created = Municipality.objects.get_or_create(
                code=CODE, defaults={"name": "Meldstad", "slug": "meldstad"}
            )
            if created:
                wijk = Area.objects.create(
                    municipality=municipality,
                    kind=AreaKind.WIJK,
                    code=f"WK{CODE[2:]}01",
                    name="Centrum",
                    slug="centrum",
                )
                for code, name, children in DEFAULT_TREE:
                    parent = Category.objects.create(
                        municipality=municipality, code=code, name=name
                    )
                    Category.objects.bulk_create(
                        Category(
                            municipality=municipality,
                            parent=parent,
                            code=f"{code}-{sub}",
                            name=sub_name,
                            handling_days=days,
                            day_type=day_type,
                        )
                        for sub, sub_name, days, day_type, _description in children
                    )
                user = User.objects.create(
                    email="open311-bench@bench.invalid", password=make_password(None)
                )
                Token.objects.create(user=user)
            wijk = Area.objects.get(code=f"WK{CODE[2:]}01")
            user = User.objects.get(email="open311-bench@bench.invalid")
        leaves = list(Category.objects.filter(municipality=municipality, parent__isnull=False))
        have = Report.objects.filter(municipality=municipality).count()
        rng = random.Random(2026)
        now = timezone.now()
        statuses = [Status.HANDLED] * 7 + [Status.REPORTED, Status.IN_PROGRESS, Status.ON_HOLD]
        batch: list[Report] = []
        for i in range(have, n_reports):
            # (created_at is set to now on insert; deadlines and handling spread over a year)
            created_at = now - datetime.timedelta(minutes=i % 525_600)
            status = rng.choice(statuses)
            batch.append(
                Report(
                    municipality=municipality,
                    category=leaves[i % len(leaves)],
                    description="Opgeslagen melding",
                    lat=LAT + rng.uniform(-0.03, 0.03),
                    lon=LON + rng.uniform(-0.03, 0.03),
                    wijk=wijk,
                    status=status,
                    channel=Channel.API,
                    deadline=created_at + datetime.timedelta(days=3),
                    handled_at=created_at + datetime.timedelta(days=2)
                    if status == Status.HANDLED
                    else None,
                )
            )
            if len(batch) == 5_000:
                Report.objects.bulk_create(batch)
                batch = []
        Report.objects.bulk_create(batch)
        facts = {
            "stored": Report.objects.filter(municipality=municipality).count(),
            "api_key": Token.objects.get(user=user).key,
            "codes": [c.code for c in leaves],
        }
        self.stdout.write(json.dumps(facts))
