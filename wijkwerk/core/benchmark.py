"""Shared machinery of the benchmark commands: a separate database prepared by manage.py
subprocesses, our own gunicorn on loopback, and bounded keep-alive load.

Every loop and subprocess is bounded in count and time; gunicorn is always stopped.
"""

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

TIME_LIMIT = 30.0  # seconds per measured run, at most
STEP_TIMEOUT = 1800  # seconds for migrate, collectstatic or filling the database


def bench_env(database_url: str, tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of the benchmark's subprocesses: production settings, loopback."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "bench-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(tmp / "static"),
        **extra,
    }


def run_manage(env: dict, *args: str) -> str:
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    try:
        done = subprocess.run(  # noqa: S603 - our own manage.py with our own arguments
            [*manage, *args], env=env, capture_output=True, text=True, timeout=STEP_TIMEOUT
        )
    except subprocess.TimeoutExpired as e:
        raise CommandError(f"manage.py {args[0]} took longer than {STEP_TIMEOUT} s") from e
    if done.returncode:
        raise CommandError(f"manage.py {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict, workers: int) -> Iterator[int]:
    """Serve the project with gunicorn on a free loopback port; yields the port."""
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, on loopback only
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        _wait_until_up(server, port)
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def _wait_until_up(server: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn exited with code {server.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                conn.close()
                return
            conn.close()
        except OSError:
            pass
        time.sleep(0.2)
    raise CommandError("gunicorn did not answer /healthz within 30 seconds")


def load(
    port: int,
    path: str,
    total: int,
    concurrency: int,
    *,
    method: str = "GET",
    body: Callable[[int], bytes] | None = None,
    content_type: str = "application/x-www-form-urlencoded",
    expect: int = 200,
) -> float:
    """Send `total` requests over `concurrency` keep-alive connections; return requests/s.

    `body(n)` gives the body of the n-th request. Stops after TIME_LIMIT seconds at the
    latest; any unexpected answer fails the benchmark.
    """
    remaining = [total]
    done = [0]
    lock = threading.Lock()
    failures: list[str] = []
    deadline = time.monotonic() + TIME_LIMIT

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.monotonic() < deadline and not failures:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                    n = remaining[0]
                headers = {"Host": "127.0.0.1"}
                payload = body(n) if body else None
                if payload is not None:
                    headers["Content-Type"] = content_type
                conn.request(method, path, body=payload, headers=headers)
                response = conn.getresponse()
                text = response.read()
                if response.status != expect:
                    failures.append(f"{path}: HTTP {response.status} {text[:200]!r}")
                    return
                with lock:
                    done[0] += 1
        except (OSError, http.client.HTTPException) as e:
            failures.append(f"{path}: {e!r}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIME_LIMIT + 35)  # a request's own timeout is 30 s
    elapsed = time.perf_counter() - start
    if failures:
        raise CommandError(f"requests failed: {failures[:3]}")
    if not done[0]:
        raise CommandError(f"no request to {path} completed within {TIME_LIMIT} s")
    return done[0] / elapsed


def rounds_text(rates: list[float]) -> str:
    return "(rounds: " + ", ".join(f"{r:.0f}" for r in rates) + ")"
