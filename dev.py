#!/usr/bin/env python3
"""Wijkwerk's two quick-start commands, with nothing needed but Python 3.11 and pip.

    python3 dev.py demo   # virtualenv, dependencies, database, demo data, server on :8000
    python3 dev.py test   # virtualenv, dependencies, browser, lint, migrations check, tests

and, not needed to start: `python3 dev.py screenshots` regenerates docs/screenshots/ (the demo
in a temporary database, photographed by Debian's chromium).

Both also fetch the pinned NL Design System stylesheets from the npm registry (checked
against their sha512 integrity) into vendor/nlds/, which git ignores.

Both create `.venv` on first use and reinstall only when pyproject.toml changes.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PY = VENV / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")


def run(*args: str, env: dict[str, str] | None = None) -> None:
    print("+", " ".join(args), flush=True)
    subprocess.run(args, cwd=ROOT, check=True, env=env)


def ensure_venv() -> None:
    stamp = VENV / ".wijkwerk-installed"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    if not PY.exists():
        run(sys.executable, "-m", "venv", str(VENV))
    run(str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(str(PY), "-m", "pip", "install", "--quiet", "-e", ".[dev]")
    stamp.write_text(want)


def ensure_chromium() -> None:
    """Browser tests use Debian's chromium and PDFs are laid out by WeasyPrint on Pango;
    install both when we may (root with apt)."""
    have_pango = ctypes.util.find_library("pango-1.0") and ctypes.util.find_library("pangoft2-1.0")
    if CHROMIUM.exists() and have_pango:
        return
    if not shutil.which("apt-get") or os.geteuid() != 0:
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run(
        "apt-get",
        "install",
        "-y",
        "-qq",
        "chromium",
        "fonts-dejavu-core",
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        env=env,
    )


def ensure_nlds() -> None:
    """The NL Design System CSS from the npm registry, pinned and sha512-checked (see
    wijkwerk/branding/nlds.py); fetched once into the git-ignored vendor/nlds/."""
    sys.path.insert(0, str(ROOT))
    from wijkwerk.branding import nlds

    nlds.ensure_assets()


def manage(*args: str, env: dict[str, str] | None = None) -> None:
    run(str(PY), "manage.py", *args, env=env)


def demo(argv: list[str]) -> None:
    ensure_venv()
    ensure_nlds()
    # The demo runs in debug mode on SQLite; its staff logins skip the TOTP set-up that
    # production requires, so that every role can be tried at once.
    env = {
        "DJANGO_DEBUG": "true",
        "WIJKWERK_STAFF_MFA_REQUIRED": "false",
        "ACCOUNT_EMAIL_VERIFICATION": "optional",
        **os.environ,
    }
    manage("compiletranslations", env=env)
    manage("migrate", "--noinput", env=env)
    manage("demo", env=env)
    port = os.environ.get("PORT", "8000")
    manage("runserver", f"127.0.0.1:{port}", *argv, env=env)


def test(argv: list[str]) -> None:
    """Checks, then the whole suite; `--no-checks` runs the suite alone (CI's second database).

    Other arguments go to pytest, e.g. `python3 dev.py test -m browser`.
    """
    ensure_venv()
    ensure_chromium()
    ensure_nlds()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "true",
    }
    manage("compiletranslations", "--check", env=env)
    if "--no-checks" in argv:
        argv = [a for a in argv if a != "--no-checks"]
    else:
        run(str(PY), "-m", "ruff", "check", ".")
        run(str(PY), "-m", "ruff", "format", "--check", ".")
        manage("makemigrations", "--check", "--dry-run", env=env)
        manage(
            "spectacular",
            "--lang",
            "en",
            "--file",
            "/dev/null",
            "--validate",
            "--fail-on-warn",
            env=env,
        )
        manage("openapi_check", env=env)
        manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    # The test servers speak plain HTTP on localhost.
    env.update(DJANGO_SECURE_SSL_REDIRECT="false", DJANGO_HSTS_SECONDS="0")
    run(str(PY), "-m", "pytest", *argv, env=env)


def screenshots(argv: list[str]) -> None:
    """docs/screenshots/: the demo in a temporary SQLite database, photographed by chromium
    (wijkwerk/branding/management/commands/screenshots.py); arguments go to the command."""
    ensure_venv()
    ensure_chromium()
    ensure_nlds()
    env = {**os.environ, "DJANGO_DEBUG": "true"}
    manage("compiletranslations", env=env)
    manage("screenshots", *argv, env=env)


COMMANDS = {"demo": demo, "test": test, "screenshots": screenshots}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
