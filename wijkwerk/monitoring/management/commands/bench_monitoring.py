"""Benchmark the municipality monitor on a national-scale dataset against a trivial view.

    python manage.py bench_monitoring --database-url postgres://…/wijkwerk_bench_monitoring
        [--scale 1.0] [--requests 300] [--concurrency 4] [--rounds 3] [--workers 2]

It prepares a separate database (SQLite under /tmp unless --database-url is given; a
database that already holds the benchmark data is reused as it is) with, at --scale 1, the
whole country: 342 municipalities, 3,400 wijken, 15,000 buurten, 2,000,000 meldingen and
200,000 wijkagenda items, plus agenda reviews, answered ideas, initiatives with vouchers and
participants, meetings and action points. Rows are written in bulk (COPY on PostgreSQL).
It then counts the queries of one municipality dashboard and one wijk dashboard, serves the
project with gunicorn on 127.0.0.1 and, in alternating rounds, sends keep-alive GETs to
/healthz and to a municipality's monitor (rotating over municipalities), and prints the
median rate of each and their ratio (goal >= 0.2).
Load goes to this machine only; runs and subprocesses are bounded; gunicorn is stopped.
"""

import datetime
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.core.benchmark import bench_env, gunicorn, load, rounds_text, run_manage

GOAL = 0.2
NATIONAL = {
    "municipalities": 342,
    "wijken": 3_400,
    "buurten": 15_000,
    "reports": 2_000_000,
    "agenda_items": 200_000,
}
MARKER = "GM9000"  # the first benchmark municipality; present means "already filled"
PATHS_SAMPLED = 8  # municipalities whose monitor is requested in turn


def sizes(scale: float) -> dict[str, int]:
    """The dataset at a scale (1.0 = the Netherlands); at least one of everything."""
    n = {k: max(1, round(v * scale)) for k, v in NATIONAL.items()}
    n["wijken"] = max(n["wijken"], n["municipalities"])
    n["buurten"] = max(n["buurten"], n["wijken"])
    return n


class Command(BaseCommand):
    help = "Requests per second of a municipality's monitor vs a trivial view, at scale."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the whole country")
        parser.add_argument("--requests", type=int, default=300, help="per path")
        parser.add_argument("--concurrency", type=int, default=4)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--database-url", default="")
        parser.add_argument("--populate", action="store_true", help="(internal) fill this DB")
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="(tests) fill the current test database and measure with the test client",
        )

    def handle(self, *args, **opts):
        if not 0 < opts["scale"] <= 2:
            raise CommandError("--scale lies above 0 and at most 2.")
        if opts["populate"]:
            self._populate(sizes(opts["scale"]), report=True)
            return
        for name in ("requests", "concurrency", "rounds", "workers"):
            if opts[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        if opts["in_process"]:
            self._in_process(opts)
            return
        with tempfile.TemporaryDirectory(prefix="wijkwerk-bench-") as tmp:
            url = opts["database_url"] or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            env = bench_env(url, Path(tmp))
            n = sizes(opts["scale"])
            self.stdout.write(
                f"Preparing a database with {n['municipalities']:,} municipalities, "
                f"{n['wijken']:,} wijken, {n['buurten']:,} buurten, {n['reports']:,} meldingen "
                f"and {n['agenda_items']:,} agenda items …"
            )
            started = time.monotonic()
            run_manage(env, "migrate", "--noinput", "-v0")
            run_manage(env, "collectstatic", "--noinput", "-v0")
            out = run_manage(env, "bench_monitoring", "--populate", "--scale", str(opts["scale"]))
            facts = json.loads(out.strip().splitlines()[-1])
            self.stdout.write(f"prepared in {time.monotonic() - started:.0f} s")
            rates = self._measure(env, opts, facts["paths"])
        self._print(opts, facts, rates)

    def _in_process(self, opts: dict) -> None:
        """The whole benchmark without a server, in the (test) database in use."""
        from django.db import connection
        from django.test import Client

        name = str(connection.settings_dict["NAME"])
        if "test" not in name and "memory" not in name:
            raise CommandError("--in-process fills the database in use: only a test database.")
        self._populate(sizes(opts["scale"]))
        facts_ = facts()
        client = Client(HTTP_HOST="127.0.0.1")

        def rate(path: str, total: int) -> float:
            start = time.perf_counter()
            for _ in range(total):
                assert client.get(path).status_code == 200
            return total / (time.perf_counter() - start)

        per_round = max(1, opts["requests"] // opts["rounds"])
        rates: dict[str, list[float]] = {"trivial": [], "monitor": []}
        for _ in range(opts["rounds"]):
            rates["trivial"].append(rate("/healthz", per_round))
            rates["monitor"].append(rate(facts_["paths"][0], per_round))
        self._print({**opts, "workers": 0}, facts_, rates)

    def _print(self, opts: dict, facts: dict, rates: dict[str, list[float]]) -> None:
        trivial = statistics.median(rates["trivial"])
        monitor = statistics.median(rates["monitor"])
        ratio = monitor / trivial if trivial else 0.0
        stored = facts["stored"]
        self.stdout.write(
            f"stored: {stored['municipalities']:,} municipalities, {stored['wijken']:,} wijken, "
            f"{stored['buurten']:,} buurten, {stored['reports']:,} meldingen, "
            f"{stored['agenda_items']:,} agenda items ({facts['vendor']})"
        )
        self.stdout.write(
            f"queries per dashboard request: municipality {facts['queries_municipality']} "
            f"({facts['wijken_in_sample']} wijken), wijk {facts['queries_wijk']}"
        )
        self.stdout.write(
            f"municipality monitor computed without cache: {facts['cold_ms']:.0f} ms "
            f"(median over {len(facts['paths'])} municipalities; then cached for 5 minutes)"
        )
        self.stdout.write(
            f"{opts['requests']} requests per path, concurrency {opts['concurrency']}, "
            f"{opts['workers']} gunicorn workers, median of {opts['rounds']} rounds"
        )
        self.stdout.write(
            f"trivial view /healthz:        {trivial:8.1f} requests/s  "
            f"{rounds_text(rates['trivial'])}"
        )
        self.stdout.write(
            f"municipality monitor:         {monitor:8.1f} requests/s  "
            f"{rounds_text(rates['monitor'])}"
        )
        verdict = "ok" if ratio >= GOAL else "BELOW GOAL"
        self.stdout.write(
            f"ratio monitor/trivial:        {ratio:8.3f}  (goal >= {GOAL}: {verdict})"
        )

    def _measure(self, env: dict, opts: dict, paths: list[str]) -> dict[str, list[float]]:
        rates: dict[str, list[float]] = {"trivial": [], "monitor": []}
        per_round = max(1, opts["requests"] // opts["rounds"])
        per_path = max(1, per_round // len(paths))
        with gunicorn(env, opts["workers"]) as port:
            load(port, "/healthz", 10 * opts["workers"], 2)
            for path in paths:
                load(port, path, 2, 2)
            for _ in range(opts["rounds"]):
                rates["trivial"].append(load(port, "/healthz", per_round, opts["concurrency"]))
                # Each municipality gets an equal share; the rate is over all of them.
                start = time.perf_counter()
                done = 0
                for path in paths:
                    rate = load(port, path, per_path, opts["concurrency"])
                    done += per_path
                    del rate
                rates["monitor"].append(done / (time.perf_counter() - start))
        return rates

    # --- filling the database ---------------------------------------------------------------

    def _populate(self, n: dict[str, int], *, report: bool = False) -> None:
        from django.db import connection

        from wijkwerk.areas.models import Municipality

        if not Municipality.objects.filter(code=MARKER).exists():
            Filler(n, connection).fill()
        if report:
            self.stdout.write(json.dumps(facts()))


def facts() -> dict[str, Any]:
    """What the database holds, the monitor paths to request and their query counts."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wijkwerk.agenda.models import AgendaItem
    from wijkwerk.areas.models import Area, Municipality
    from wijkwerk.reports.models import Report

    municipalities = list(
        Municipality.objects.filter(code__gte=MARKER).order_by("code")[:PATHS_SAMPLED]
    )
    client = Client(HTTP_HOST="127.0.0.1")
    first = municipalities[0]
    wijk = Area.objects.wijken().filter(municipality=first).first()
    cache.clear()
    # Counted at once: the next request empties the query log the counts are read from.
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/gemeente/{first.slug}/monitor/").status_code == 200
    queries_municipality = len(captured)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/gemeente/{first.slug}/{wijk.slug}/monitor/").status_code == 200
    queries_wijk = len(captured)
    # The cost of computing a dashboard from scratch (what the cache saves).
    cold = []
    for m in municipalities:
        cache.clear()
        start = time.perf_counter()
        assert client.get(f"/gemeente/{m.slug}/monitor/").status_code == 200
        cold.append(1000 * (time.perf_counter() - start))
    return {
        "vendor": connection.vendor,
        "stored": {
            "municipalities": Municipality.objects.count(),
            "wijken": Area.objects.wijken().count(),
            "buurten": Area.objects.buurten().count(),
            "reports": Report.objects.count(),
            "agenda_items": AgendaItem.objects.count(),
        },
        "paths": [f"/gemeente/{m.slug}/monitor/" for m in municipalities],
        "queries_municipality": queries_municipality,
        "queries_wijk": queries_wijk,
        "wijken_in_sample": Area.objects.wijken().filter(municipality=first).count(),
        "cold_ms": statistics.median(cold),
    }


class Filler:
    """Writes the national dataset in bulk: COPY on PostgreSQL, executemany elsewhere."""

    def __init__(self, n: dict[str, int], connection) -> None:
        self.n = n
        self.connection = connection
        self.rng = random.Random(2026)
        from django.utils import timezone

        self.now = timezone.now().replace(microsecond=0)
        self.this_year = timezone.localdate().year

    # Rows are dicts of attribute names; missing fields get their defaults.
    def write(self, model, rows: Iterable[dict[str, Any]]) -> None:
        fields = [
            f
            for f in model._meta.concrete_fields
            if f.get_internal_type() not in ("BigAutoField", "AutoField")
        ]
        columns = [f.column for f in fields]
        defaults = {f.attname: f.get_default() for f in fields}
        # auto_now(_add) fields are filled on save(), which bulk writing skips.
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                defaults[f.attname] = self.now
        table = model._meta.db_table
        conn = self.connection

        def prepared(row: dict[str, Any]) -> list[Any]:
            values = {**defaults, **row}
            return [f.get_db_prep_save(values[f.attname], conn) for f in fields]

        with conn.cursor() as cursor:
            if conn.vendor == "postgresql":
                names = ", ".join(f'"{c}"' for c in columns)
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                with raw.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:  # noqa: S608
                    for row in rows:
                        copy.write_row(prepared(row))
            else:
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'  # noqa: S608
                batch: list[list[Any]] = []
                for row in rows:
                    batch.append(prepared(row))
                    if len(batch) >= 5_000:
                        cursor.executemany(sql, batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)

    def moment(self) -> datetime.datetime:
        """A moment in the last two years."""
        return self.now - datetime.timedelta(seconds=self.rng.randrange(2 * 365 * 86_400))

    def fill(self) -> None:
        from django.db import transaction

        with transaction.atomic():
            self._fill()

    def _fill(self) -> None:  # noqa: C901 - one straight line of bulk writes
        from wijkwerk.accounts.models import User
        from wijkwerk.agenda.models import AgendaItem, AgendaReview, AgendaReviewItem
        from wijkwerk.areas.models import Area, AreaKind, Municipality
        from wijkwerk.budgets.models import Account, Fund
        from wijkwerk.initiatives.models import Initiative, Participant, RuleSet, Voucher
        from wijkwerk.meetings.models import ActionPoint, Body, Meeting
        from wijkwerk.organisations.models import Organisation
        from wijkwerk.reports.models import Category, Report

        n, rng, now = self.n, self.rng, self.now
        nm = n["municipalities"]
        codes = [f"GM{9000 + i:04d}" for i in range(nm)]
        self.write(
            Municipality,
            ({"code": c, "name": f"Bench {c}", "slug": f"bench-{c.lower()}"} for c in codes),
        )
        m_ids = dict(Municipality.objects.filter(code__in=codes).values_list("code", "id"))
        # Wijken spread evenly (at most 99 per municipality: two code digits).
        wijk_rows = []
        for i in range(n["wijken"]):
            code = codes[i % nm]
            k = i // nm + 1
            wijk_rows.append(
                {
                    "municipality_id": m_ids[code],
                    "kind": AreaKind.WIJK,
                    "code": f"WK{code[2:]}{k:02d}",
                    "name": f"Wijk {k:02d}",
                    "slug": f"wijk-{k:02d}",
                }
            )
        self.write(Area, wijk_rows)
        wijken = list(Area.objects.wijken().filter(municipality_id__in=m_ids.values()))
        wijken_values = [(w.id, w.municipality_id, w.code) for w in wijken]
        buurt_rows = []
        for i in range(n["buurten"]):
            wid, mid, wcode = wijken_values[i % len(wijken_values)]
            k = i // len(wijken_values) + 1
            buurt_rows.append(
                {
                    "municipality_id": mid,
                    "kind": AreaKind.BUURT,
                    "code": f"BU{wcode[2:]}{k:02d}",
                    "name": f"Buurt {k:02d}",
                    "slug": f"{wcode.lower()}-buurt-{k:02d}",
                    "parent_id": wid,
                }
            )
        self.write(Area, buurt_rows)
        # One category and one organisation per municipality.
        self.write(
            Category,
            ({"municipality_id": mid, "code": "afval", "name": "Afval"} for mid in m_ids.values()),
        )
        categories = dict(Category.objects.values_list("municipality_id", "id"))
        self.write(
            Organisation,
            (
                {"municipality_id": mid, "name": "Gemeente", "kind": "gemeente"}
                for mid in m_ids.values()
            ),
        )
        orgs = dict(Organisation.objects.values_list("municipality_id", "id"))

        def reports():
            for _i in range(n["reports"]):
                wid, mid, _code = wijken_values[rng.randrange(len(wijken_values))]
                created = self.moment()
                deadline = created + datetime.timedelta(days=5)
                roll = rng.random()
                status = "handled" if roll < 0.8 else ("cancelled" if roll < 0.83 else "reported")
                handled = (
                    created + datetime.timedelta(hours=rng.randrange(1, 240))
                    if status == "handled"
                    else None
                )
                yield {
                    "municipality_id": mid,
                    "category_id": categories[mid],
                    "description": "Benchmarkmelding",
                    "lat": 52.0,
                    "lon": 5.0,
                    "wijk_id": wid,
                    "status": status,
                    "channel": "web",
                    "created_at": created,
                    "updated_at": created,
                    "deadline": deadline,
                    "handled_at": handled,
                }

        self.write(Report, reports())

        def items():
            for _i in range(n["agenda_items"]):
                wid, _mid, _code = wijken_values[rng.randrange(len(wijken_values))]
                created = self.moment()
                roll = rng.random()
                row: dict[str, Any] = {
                    "area_id": wid,
                    "year": created.year,
                    "title": "Benchmarkpunt",
                    "source": "resident",
                    "created_at": created,
                    "updated_at": created,
                }
                if roll < 0.1:
                    row["status"] = "proposed"
                    yield row
                    continue
                answered = created + datetime.timedelta(days=rng.randrange(0, 60))
                row.update(
                    answered_at=answered, due_date=(answered + datetime.timedelta(days=90)).date()
                )
                if roll < 0.2:
                    row.update(
                        status="waiting",
                        verdict="ooit",
                        conditions="Wacht op budget",
                        answer_by=(answered + datetime.timedelta(days=120)).date(),
                    )
                elif roll < 0.3:
                    row.update(status="rejected", verdict="nooit", motivation="Past niet")
                elif roll < 0.7:
                    done = answered + datetime.timedelta(days=rng.randrange(10, 150))
                    row.update(status="done", verdict="nu", completed_at=min(done, now))
                else:
                    row.update(status="planned", verdict="nu")
                yield row

        self.write(AgendaItem, items())
        # One review per wijk per year, early in the year, holding its agreed items.
        self.write(
            AgendaReview,
            (
                {
                    "area_id": wid,
                    "year": y,
                    "held_on": datetime.date(y, 2, 1),
                    "title": f"Vaststelling {y}",
                    "created_at": now,
                }
                for wid, _m, _c in wijken_values
                for y in (self.this_year - 1, self.this_year)
            ),
        )
        reviews = {
            (a, y): pk for pk, a, y in AgendaReview.objects.values_list("id", "area_id", "year")
        }
        # Read before writing: the connection cannot run a query while it copies.
        agreed = list(
            AgendaItem.objects.filter(status__in=["planned", "done"]).values_list(
                "id", "area_id", "year", "due_date", "title"
            )
        )
        self.write(
            AgendaReviewItem,
            (
                {
                    "review_id": reviews[a, y],
                    "item_id": pk,
                    "title": title,
                    "status": "planned",
                    "verdict": "nu",
                    "due_date": due,
                }
                for pk, a, y, due, title in agreed
                if (a, y) in reviews
            ),
        )
        # Initiatives: two per wijk, awarded with a voucher, with two participants each.
        self.write(
            User, [{"email": "bench-monitor@bench.invalid", "password": "!", "date_joined": now}]
        )
        user_id = User.objects.get(email="bench-monitor@bench.invalid").pk
        self.write(
            RuleSet,
            (
                {
                    "municipality_id": mid,
                    "version": 1,
                    "max_amount_cents": 500_000,
                    "created_at": now,
                }
                for mid in m_ids.values()
            ),
        )
        rulesets = dict(RuleSet.objects.values_list("municipality_id", "id"))
        self.write(
            Initiative,
            (
                {
                    "area_id": wid,
                    "title": "Buurtfeest",
                    "summary": "Feest",
                    "purpose": "Ontmoeten",
                    "requested_cents": 50_000,
                    "status": "awarded",
                    "created_by_id": user_id,
                    "ruleset_id": rulesets[mid],
                    "submitted_at": (s := self.moment()),
                    "decided_at": s + datetime.timedelta(days=rng.randrange(1, 40)),
                    "decision_due": (s + datetime.timedelta(days=30)).date(),
                    "created_at": s,
                    "updated_at": s,
                }
                for wid, mid, _c in wijken_values
                for _k in range(2)
            ),
        )
        initiatives = list(
            Initiative.objects.values_list("id", "area__municipality_id", "decided_at")
        )
        self.write(
            Participant,
            (
                {
                    "initiative_id": pk,
                    "name": "Bewoner",
                    "postcode": "1234AB",
                    "house_number": str(k),
                    "step": rng.choice(["initiatiefnemer", "participant", "opdrachtgever"]),
                }
                for pk, _m, _d in initiatives
                for k in range(2)
            ),
        )
        self.write(
            Fund,
            (
                {
                    "municipality_id": mid,
                    "name": "Wijkbudget",
                    "kind": "wijkbudget",
                    "year": self.this_year,
                    "created_at": now,
                }
                for mid in m_ids.values()
            ),
        )
        funds = dict(Fund.objects.values_list("municipality_id", "id"))
        self.write(
            Account,
            (
                {
                    "fund_id": funds[mid],
                    "kind": "hold",
                    "name": f"Voucher {pk}",
                    "owner_kind": "initiatives.voucher",
                    "owner_id": pk,
                    "created_at": now,
                }
                for pk, mid, _d in initiatives
            ),
        )
        holds = dict(Account.objects.filter(kind="hold").values_list("owner_id", "id"))
        self.write(
            Account,
            (
                {"fund_id": fid, "kind": "pool", "name": "Pool", "created_at": now}
                for fid in funds.values()
            ),
        )
        pools = dict(Account.objects.filter(kind="pool").values_list("fund_id", "id"))
        self.write(
            Voucher,
            (
                {
                    "initiative_id": pk,
                    "code": f"B{pk:010d}",
                    "amount_cents": 50_000,
                    "budget_id": pools[funds[mid]],
                    "hold_id": holds[pk],
                    "issued_at": decided,
                }
                for pk, mid, decided in initiatives
            ),
        )
        # A wijkplatform per wijk meeting five times a year, with two action points each.
        self.write(
            Body,
            (
                {
                    "area_id": wid,
                    "kind": "wijkplatform",
                    "name": "Wijkplatform",
                    "per_year": 5,
                    "start_time": datetime.time(19, 30),
                    "created_at": now,
                }
                for wid, _m, _c in wijken_values
            ),
        )
        bodies = list(Body.objects.values_list("id", "area__municipality_id"))

        def meetings():
            import uuid

            for bid, _mid in bodies:
                for y in (self.this_year - 1, self.this_year):
                    for month in (1, 3, 5, 9, 11):
                        start = datetime.datetime(y, month, 15, 19, 30, tzinfo=datetime.UTC)
                        yield {
                            "body_id": bid,
                            "starts_at": start,
                            "ends_at": start + datetime.timedelta(hours=2),
                            "status": "held" if start < now and rng.random() < 0.9 else "planned",
                            "uid": uuid.UUID(int=rng.getrandbits(128)),
                            "updated_at": now,
                        }

        self.write(Meeting, meetings())
        held = Meeting.objects.filter(status="held").values_list(
            "id", "body__area__municipality_id"
        )
        self.write(
            ActionPoint,
            (
                {
                    "meeting_id": pk,
                    "title": "Actie",
                    "owner_organisation_id": orgs[mid],
                    "created_at": now,
                }
                for pk, mid in held
                for _k in range(2)
            ),
        )
