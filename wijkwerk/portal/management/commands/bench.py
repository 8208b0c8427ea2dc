"""Benchmark the public wijk page against a trivial view of the same production server.

    python manage.py bench [--wijken 50] [--items 20000] [--requests 2000] [--concurrency 8]

It builds a separate database (SQLite under /tmp unless --database-url is given; a database
that already holds the benchmark municipality is reused as it is) with one municipality of
`--wijken` wijken, their contacts and `--items` agenda items, serves it with gunicorn on
127.0.0.1, and sends a bounded number of keep-alive requests to /healthz and to the page of
one wijk, alternating in `--rounds` rounds so that a noisy moment hits both alike. It prints
the median rate of each, their ratio (goal: at least 0.25) and the wijk page's number of SQL
queries, uncached and cached. Load goes to this machine only; every loop and every
subprocess is bounded in count and time, and gunicorn is stopped at the end.
"""

import datetime
import json
import random
import statistics
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.core.benchmark import bench_env, gunicorn, load, rounds_text, run_manage

WIJK_SLUG = "wijk-01"
MUNICIPALITY_SLUG = "benchstad"
GOAL = 0.25


class Command(BaseCommand):
    help = "Requests per second of the wijk page vs a trivial view, served by gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--wijken", type=int, default=50, help="1–99 (default 50)")
        parser.add_argument("--items", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=2_000, help="per path")
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--database-url", default="")
        parser.add_argument("--populate", action="store_true", help="(internal) fill this DB")

    def handle(self, *args, **opts):
        if opts["populate"]:
            self._populate(opts["wijken"], opts["items"])
            return
        for name in ("wijken", "items", "requests", "concurrency", "rounds", "workers"):
            if opts[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        if opts["wijken"] > 99:
            raise CommandError("--wijken: a CBS wijk code has room for at most 99 wijken.")
        if opts["requests"] < opts["rounds"]:
            raise CommandError("--requests must be at least --rounds.")
        with tempfile.TemporaryDirectory(prefix="wijkwerk-bench-") as tmp:
            url = opts["database_url"] or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            env = bench_env(url, Path(tmp))
            self.stdout.write(
                f"Preparing a database of {opts['wijken']} wijken and {opts['items']} items …"
            )
            run_manage(env, "migrate", "--noinput", "-v0")
            run_manage(env, "collectstatic", "--noinput", "-v0")
            populate = ["bench", "--populate", "--wijken", str(opts["wijken"])]
            out = run_manage(env, *populate, "--items", str(opts["items"]))
            facts = json.loads(out.strip().splitlines()[-1])
            if facts["reused"]:
                self.stdout.write("(the database already held the benchmark data: reused)")
            rates = self._measure(env, opts)
        trivial = statistics.median(rates["/healthz"])
        page = statistics.median(rates["wijk"])
        ratio = page / trivial if trivial else 0.0
        self.stdout.write(
            f"wijk page: /gemeente/{MUNICIPALITY_SLUG}/{WIJK_SLUG}/, {facts['wijk_items']} items "
            f"in the wijk, {facts['shown']} in the year shown; {opts['requests']} requests per "
            f"path, concurrency {opts['concurrency']}, {opts['workers']} gunicorn workers, "
            f"median of {opts['rounds']} rounds"
        )
        self.stdout.write(
            f"trivial view /healthz:   {trivial:8.1f} requests/s  {rounds_text(rates['/healthz'])}"
        )
        self.stdout.write(
            f"public wijk page:        {page:8.1f} requests/s  {rounds_text(rates['wijk'])}"
        )
        verdict = "ok" if ratio >= GOAL else "BELOW GOAL"
        self.stdout.write(f"ratio wijk/trivial:      {ratio:8.3f}  (goal >= {GOAL}: {verdict})")
        self.stdout.write(
            f"SQL queries per wijk page: {facts['queries_cold']} uncached, "
            f"{facts['queries_warm']} cached"
        )

    def _measure(self, env: dict, opts: dict) -> dict[str, list[float]]:
        wijk_path = f"/gemeente/{MUNICIPALITY_SLUG}/{WIJK_SLUG}/"
        rates: dict[str, list[float]] = {"/healthz": [], "wijk": []}
        per_round = opts["requests"] // opts["rounds"]
        with gunicorn(env, opts["workers"]) as port:
            for path in ("/healthz", wijk_path):  # warm up both, in every worker
                load(port, path, 20 * opts["workers"], 2)
            for _ in range(opts["rounds"]):
                rates["/healthz"].append(load(port, "/healthz", per_round, opts["concurrency"]))
                rates["wijk"].append(load(port, wijk_path, per_round, opts["concurrency"]))
        return rates

    def _populate(self, n_wijken: int, n_items: int) -> None:
        """Fill the current database (unless it holds the data already); print facts as JSON.

        Runs in its own process, with the benchmark's DATABASE_URL.
        """
        from django.core.cache import cache
        from django.db import connection, transaction
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from wijkwerk.agenda.models import AgendaItem
        from wijkwerk.areas.models import Area, Municipality

        reused = Municipality.objects.filter(slug=MUNICIPALITY_SLUG).exists()
        if not reused:
            with transaction.atomic():
                _fill(n_wijken, n_items)
        wijk = Area.objects.get(municipality__slug=MUNICIPALITY_SLUG, slug=WIJK_SLUG)
        url = f"/gemeente/{MUNICIPALITY_SLUG}/{WIJK_SLUG}/"
        counts = []
        cache.clear()
        for _ in range(2):  # uncached, then cached
            with CaptureQueriesContext(connection) as ctx:
                response = Client().get(url, secure=True)
            if response.status_code != 200:
                raise CommandError(f"wijk page answered {response.status_code}")
            counts.append(len(ctx.captured_queries))
        facts = {
            "reused": reused,
            "wijk_items": AgendaItem.objects.filter(area=wijk).count(),
            "shown": AgendaItem.objects.filter(area=wijk, year=timezone.localdate().year).count(),
            "queries_cold": counts[0],
            "queries_warm": counts[1],
        }
        self.stdout.write(json.dumps(facts))


def _fill(n_wijken: int, n_items: int) -> None:
    """One municipality: wijken, themes, partners with departments, contacts and items."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from wijkwerk.accounts.models import RoleAssignment, User
    from wijkwerk.accounts.roles import Role
    from wijkwerk.agenda.models import AgendaItem, Source, Status, Theme, ThemeKind, Verdict
    from wijkwerk.areas.models import Area, AreaKind, Municipality
    from wijkwerk.organisations.models import Organisation, OrganisationKind

    rng = random.Random(2026)
    municipality = Municipality.objects.create(
        code="GM9999", name="Benchstad", slug=MUNICIPALITY_SLUG
    )
    wijken = Area.objects.bulk_create(
        Area(
            municipality=municipality,
            kind=AreaKind.DORP if (i + 1) % 10 == 0 else AreaKind.WIJK,
            code=f"WK9999{i + 1:02d}",
            name=f"Wijk {i + 1:02d}",
            slug=f"wijk-{i + 1:02d}",
        )
        for i in range(n_wijken)
    )
    themes = Theme.objects.bulk_create(
        Theme(municipality=municipality, name=name, kind=kind)
        for name, kind in [
            ("Groen", ThemeKind.PHYSICAL),
            ("Verkeer", ThemeKind.PHYSICAL),
            ("Spelen", ThemeKind.PHYSICAL),
            ("Schoon", ThemeKind.PHYSICAL),
            ("Veiligheid", ThemeKind.SOCIAL),
            ("Ontmoeten", ThemeKind.SOCIAL),
            ("Jeugd", ThemeKind.SOCIAL),
            ("Ouderen", ThemeKind.SOCIAL),
        ]
    )
    kinds = list(OrganisationKind.values)
    partners = Organisation.objects.bulk_create(
        Organisation(municipality=municipality, name=f"Partner {i}", kind=kinds[i % len(kinds)])
        for i in range(10)
    )
    departments = Organisation.objects.bulk_create(
        Organisation(
            municipality=municipality,
            parent=partners[i % 3],
            name=f"Afdeling {i}",
            kind=partners[i % 3].kind,
        )
        for i in range(6)
    )
    owners = partners + departments
    unusable = make_password(None)
    # Contacts: a wijkmanager and a wijkagent per wijk, two municipality-wide roles.
    people = User.objects.bulk_create(
        User(email=f"contact{i}@bench.invalid", full_name=f"Contact {i}", password=unusable)
        for i in range(2 * n_wijken + 2)
    )
    roles = [
        RoleAssignment(
            user=people[2 * i + j],
            role=role,
            municipality=municipality,
            area=wijk,
            organisation=departments[0] if j == 0 else partners[3],
            is_public_contact=True,
            public_email=f"contact{2 * i + j}@bench.invalid",
            public_phone="14 0223" if j == 0 else "",
        )
        for i, wijk in enumerate(wijken)
        for j, role in enumerate((Role.WIJKMANAGER, Role.WIJKAGENT))
    ]
    roles += [
        RoleAssignment(
            user=people[-1 - j],
            role=role,
            municipality=municipality,
            organisation=partners[0],
            is_public_contact=True,
        )
        for j, role in enumerate((Role.GEBIEDSREGISSEUR, Role.WIJKWETHOUDER))
    ]
    RoleAssignment.objects.bulk_create(roles)

    # A realistic mix: most items agreed or done, fewer waiting, refused or dropped.
    statuses, weights = zip(
        (Status.PROPOSED, 15),
        (Status.WAITING, 10),
        (Status.PLANNED, 20),
        (Status.IN_PROGRESS, 15),
        (Status.DONE, 25),
        (Status.REJECTED, 10),
        (Status.DROPPED, 5),
        strict=True,
    )
    sources = [Source.RESIDENT] * 4 + [Source.WOP] * 2 + [Source.PARTNER, Source.MEETING]
    sources += [Source.MELDING]
    year = timezone.localdate().year
    now = timezone.now()
    batch = []
    for i in range(n_items):
        status = rng.choices(statuses, weights)[0]
        created = now - datetime.timedelta(hours=i % 8000, minutes=i % 60)
        answered = status != Status.PROPOSED
        verdict = {
            Status.WAITING: Verdict.OOIT,
            Status.REJECTED: Verdict.NOOIT,
            Status.PROPOSED: "",
        }.get(status, Verdict.NU)
        wijk_index = i % len(wijken)
        batch.append(
            AgendaItem(
                area=wijken[wijk_index],
                year=year - (i % 3 == 0),
                title=f"Agendapunt {i}: {rng.choice(['bankje', 'drempel', 'speelplek', 'boom'])}",
                reason="Omdat bewoners het vroegen.",
                theme=rng.choice(themes) if i % 10 else None,
                owner_organisation=rng.choice(owners) if answered else None,
                owner_person=people[2 * wijk_index] if answered and i % 4 == 0 else None,
                source=rng.choice(sources),
                status=status,
                verdict=verdict,
                conditions="Wacht op de herinrichting" if verdict == Verdict.OOIT else "",
                answer_by=(now + datetime.timedelta(days=60)).date()
                if verdict == Verdict.OOIT
                else None,
                motivation="Past niet in het plan" if verdict == Verdict.NOOIT else "",
                due_date=(created + datetime.timedelta(days=120)).date()
                if status in (Status.PLANNED, Status.IN_PROGRESS, Status.DONE)
                else None,
                answered_at=created + datetime.timedelta(days=14) if answered else None,
                created_at=created,
            )
        )
        if len(batch) == 2_000:
            AgendaItem.objects.bulk_create(batch)
            batch = []
    AgendaItem.objects.bulk_create(batch)
