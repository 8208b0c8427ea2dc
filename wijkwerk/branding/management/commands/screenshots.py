"""Screenshots of the front door, for docs/screenshots/ (and for looking at before a release).

    python manage.py screenshots              # or: python3 dev.py screenshots
    python manage.py screenshots --out /tmp/shots

Builds the demo in a temporary SQLite database (the real database is not touched), starts
the site on a free port of 127.0.0.1, and photographs with Debian's chromium the home page
and, for Den Helder and Etten-Leur, the municipality page, a wijk page and the form for a
new melding, each 1280 and 390 pixels wide. Each picture is the top of the page (at most
MAX_HEIGHT pixels) in a palette PNG, so that the files stay small. A page wider than the
phone is reported, and the command then fails.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkwerk.core.chromium import CHROMIUM, CHROMIUM_ARGS

WIDTHS = {1280: 900, 390: 844}  # width: viewport height
MAX_HEIGHT = 2000  # pixels of the page kept in a picture
# (municipality slug, the wijk to show)
MUNICIPALITIES = (("den-helder", "Julianadorp"), ("etten-leur", "Noord woongebied"))


@dataclass(frozen=True)
class Shot:
    name: str  # file name without the width
    path: str  # the address on the site
    wijk: str = ""  # for a wijk page: the link text on the municipality page


def shots() -> list[Shot]:
    found = [Shot("home", "/")]
    for slug, wijk in MUNICIPALITIES:
        found += [
            Shot(f"{slug}-gemeente", f"/gemeente/{slug}/"),
            Shot(f"{slug}-wijk", f"/gemeente/{slug}/", wijk=wijk),
            Shot(f"{slug}-melding", f"/gemeente/{slug}/meldingen/nieuw/"),
        ]
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("The demo server stopped before it answered.")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own loopback server
                return
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"The demo server did not answer on {url}.")


def small_png(data: bytes) -> bytes:
    """The screenshot as a 256-colour PNG: a fraction of the size, text as sharp."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        palette = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
        out = io.BytesIO()
        palette.save(out, format="PNG", optimize=True)
        return out.getvalue()


class Command(BaseCommand):
    help = (
        "Photograph home, municipality, wijk and form pages of the demo (1280 and 390 px) "
        "into docs/screenshots/, using a temporary database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--out",
            default=str(Path(settings.BASE_DIR) / "docs" / "screenshots"),
            help="Folder for the PNG files (default: docs/screenshots/).",
        )

    def handle(self, *args, out: str, **options):
        if not CHROMIUM.exists():
            raise CommandError("Debian's chromium is needed: apt-get install chromium")
        target = Path(out)
        target.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="wijkwerk-screenshots-"))
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}",
            "MEDIA_ROOT": str(scratch / "media"),
            "DJANGO_DEBUG": "true",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "WIJKWERK_STAFF_MFA_REQUIRED": "false",
            "ACCOUNT_EMAIL_VERIFICATION": "optional",
        }
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        server = None
        try:
            for step in (["migrate", "--noinput"], ["demo"]):
                self.stdout.write(f"+ manage.py {' '.join(step)} (temporary database)")
                done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
                    [*manage, *step], env=env, capture_output=True, text=True, check=False
                )
                if done.returncode:
                    raise CommandError(f"manage.py {step[0]} failed:\n{done.stderr[-4000:]}")
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            server = subprocess.Popen(  # noqa: S603 - our own manage.py on loopback
                [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            wait_until_up(base + "/", server)
            too_wide = self.photograph(base, target)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
            shutil.rmtree(scratch, ignore_errors=True)
        if too_wide:
            raise CommandError("Wider than the phone (390 px): " + ", ".join(too_wide))

    def photograph(self, base: str, target: Path) -> list[str]:
        from playwright.sync_api import sync_playwright

        too_wide = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                for width, height in WIDTHS.items():
                    context = browser.new_context(
                        locale="nl-NL", viewport={"width": width, "height": height}
                    )
                    page = context.new_page()
                    for shot in shots():
                        page.goto(base + shot.path, wait_until="networkidle")
                        if shot.wijk:
                            page.get_by_role("link", name=shot.wijk, exact=True).first.click()
                            page.wait_for_load_state("networkidle")
                        scroll_width = page.evaluate("document.documentElement.scrollWidth")
                        if width == 390 and scroll_width > width:
                            too_wide.append(f"{page.url} ({scroll_width} px)")
                        full = page.evaluate("document.documentElement.scrollHeight")
                        clip = {"x": 0, "y": 0, "width": width, "height": min(full, MAX_HEIGHT)}
                        data = page.screenshot(full_page=True, clip=clip)
                        path = target / f"{shot.name}-{width}.png"
                        path.write_bytes(small_png(data))
                        size = path.stat().st_size // 1024
                        self.stdout.write(f"  {path.name}: {page.url} ({size} kB)")
                    context.close()
            finally:
                browser.close()
        return too_wide
