"""Benchmark the public wijk page against a trivial view of the same production server.

    python manage.py bench [--wijken 50] [--items 20000] [--requests 2000] [--concurrency 8]

It builds a separate database (SQLite under /tmp unless --database-url is given) with one
municipality of `--wijken` wijken and `--items` agenda items, serves it with gunicorn on
127.0.0.1, and sends a bounded number of keep-alive requests to /healthz and to one wijk
page. It prints both rates, their ratio (goal: at least 0.25) and the wijk page's number of
SQL queries. Load goes to this machine only, and every loop is bounded in count and time.
"""

import datetime
import http.client
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

WIJK_SLUG = "wijk-01"
MUNICIPALITY_SLUG = "benchstad"
TIME_LIMIT = 60.0  # seconds per measured run, at most


class Command(BaseCommand):
    help = "Requests per second of the wijk page vs a trivial view, served by gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--wijken", type=int, default=50)
        parser.add_argument("--items", type=int, default=20_000)
        parser.add_argument("--requests", type=int, default=2_000)
        parser.add_argument("--concurrency", type=int, default=8)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--database-url", default="")
        parser.add_argument("--populate", action="store_true", help="(internal) fill this DB")

    def handle(self, *args, **opts):
        if opts["populate"]:
            self._populate(opts["wijken"], opts["items"])
            return
        for name in ("wijken", "items", "requests", "concurrency", "workers"):
            if opts[name] < 1:
                raise CommandError(f"--{name} must be at least 1.")
        with tempfile.TemporaryDirectory(prefix="wijkwerk-bench-") as tmp:
            url = opts["database_url"] or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            env = {
                **os.environ,
                "DATABASE_URL": url,
                "DJANGO_DEBUG": "false",
                "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-" + "x" * 50,
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "DJANGO_SECURE_SSL_REDIRECT": "false",
                "STATIC_ROOT": str(Path(tmp) / "static"),
            }
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            self.stdout.write(f"Building {opts['wijken']} wijken and {opts['items']} items …")
            subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
            subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)
            populate = [*manage, "bench", "--populate", "--wijken", str(opts["wijken"])]
            populated = subprocess.run(
                [*populate, "--items", str(opts["items"])],
                env=env,
                capture_output=True,
                text=True,
            )
            if populated.returncode:
                raise CommandError("Filling the benchmark database failed:\n" + populated.stderr)
            queries = populated.stdout.strip().splitlines()[-1]
            port = _free_port()
            server = subprocess.Popen(  # our own gunicorn, on loopback
                [
                    str(Path(sys.executable).parent / "gunicorn"),
                    "config.wsgi",
                    "--workers",
                    str(opts["workers"]),
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--log-level",
                    "warning",
                ],
                cwd=settings.BASE_DIR,
                env=env,
            )
            try:
                _wait_until_up(port)
                wijk_path = f"/gemeente/{MUNICIPALITY_SLUG}/{WIJK_SLUG}/"
                for path in ("/healthz", wijk_path):  # warm up both
                    _load(port, path, 50, 2)
                trivial = _load(port, "/healthz", opts["requests"], opts["concurrency"])
                page = _load(port, wijk_path, opts["requests"], opts["concurrency"])
            finally:
                server.terminate()
                server.wait(timeout=20)
        ratio = page / trivial if trivial else 0.0
        self.stdout.write(f"trivial view /healthz:   {trivial:8.1f} requests/s")
        self.stdout.write(f"public wijk page:        {page:8.1f} requests/s")
        self.stdout.write(f"ratio wijk/trivial:      {ratio:8.3f}  (goal >= 0.25)")
        self.stdout.write(f"SQL queries per wijk page: {queries}")

    def _populate(self, n_wijken: int, n_items: int) -> None:
        """Fill the current database; print the wijk page's query count last."""
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from wijkwerk.accounts.models import RoleAssignment, User
        from wijkwerk.accounts.roles import Role
        from wijkwerk.agenda.models import AgendaItem, Source, Status, Theme, ThemeKind
        from wijkwerk.areas.models import Area, AreaKind, Municipality
        from wijkwerk.organisations.models import Organisation

        rng = random.Random(2026)
        municipality = Municipality.objects.create(
            code="GM9999", name="Benchstad", slug=MUNICIPALITY_SLUG
        )
        wijken = Area.objects.bulk_create(
            Area(
                municipality=municipality,
                kind=AreaKind.WIJK,
                code=f"WK9999{i:02d}"
                if i < 100
                else f"WK9999{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}",
                name=f"Wijk {i + 1:02d}",
                slug=f"wijk-{i + 1:02d}",
            )
            for i in range(n_wijken)
        )
        themes = Theme.objects.bulk_create(
            Theme(municipality=municipality, name=f"Thema {i}", kind=ThemeKind.SOCIAL)
            for i in range(8)
        )
        orgs = Organisation.objects.bulk_create(
            Organisation(municipality=municipality, name=f"Partner {i}", kind="gemeente")
            for i in range(10)
        )
        staff = User.objects.create_user("wijkmanager@bench.invalid", None, full_name="Wijkmanager")
        RoleAssignment.objects.bulk_create(
            RoleAssignment(
                user=staff,
                role=role,
                municipality=municipality,
                area=wijk,
                organisation=orgs[0],
                is_public_contact=True,
            )
            for wijk in wijken[:5]
            for role in (Role.WIJKMANAGER, Role.WIJKAGENT)
        )
        statuses = list(Status.values)
        year = timezone.localdate().year
        now = timezone.now()
        batch = []
        for i in range(n_items):
            status = statuses[i % len(statuses)]
            batch.append(
                AgendaItem(
                    area=wijken[i % len(wijken)],
                    year=year - (i % 3 == 0),
                    title=f"Agendapunt {i}",
                    reason="Omdat bewoners het vroegen.",
                    theme=rng.choice(themes),
                    owner_organisation=rng.choice(orgs),
                    source=Source.RESIDENT,
                    status=status,
                    verdict={"waiting": "ooit", "rejected": "nooit", "planned": "nu"}.get(
                        status, ""
                    ),
                    conditions="Wacht op budget" if status == "waiting" else "",
                    answer_by=now.date() + datetime.timedelta(days=60)
                    if status == "waiting"
                    else None,
                    motivation="Past niet in het plan" if status == "rejected" else "",
                    created_at=now - datetime.timedelta(hours=i),
                )
            )
            if len(batch) == 2_000:
                AgendaItem.objects.bulk_create(batch)
                batch = []
        AgendaItem.objects.bulk_create(batch)
        with CaptureQueriesContext(connection) as ctx:
            response = Client().get(f"/gemeente/{MUNICIPALITY_SLUG}/{WIJK_SLUG}/", secure=True)
        if response.status_code != 200:
            raise CommandError(f"wijk page answered {response.status_code}")
        self.stdout.write(str(len(ctx.captured_queries)))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise CommandError("gunicorn did not start within 30 seconds")


def _load(port: int, path: str, total: int, concurrency: int) -> float:
    """Send `total` GETs over `concurrency` keep-alive connections; return requests/s."""
    remaining = [total]
    lock = threading.Lock()
    failures: list[str] = []
    deadline = time.monotonic() + TIME_LIMIT

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            conn.request("GET", path, headers={"Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                failures.append(f"{path}: {response.status}")
                break
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if failures:
        raise CommandError(f"requests failed: {failures[:3]}")
    done = total - max(remaining[0], 0)
    return done / elapsed
