"""The NL Design System stylesheets, fetched from the npm registry at set-up time.

Pinned by version and by the registry's own sha512 `integrity` string, never committed and
never loaded from a CDN at run time: `dev.py` (and the test plugin) call `ensure_assets()`,
which downloads each tarball once, refuses one whose hash differs, and unpacks only the
CSS (and licence) we serve into the git-ignored `vendor/nlds/`, a STATICFILES_DIRS entry.

Only the standard library is used here, so `dev.py` can run it before the virtualenv exists.

- `@utrecht/component-library-css` (EUPL-1.2): the community components (page header and
  footer, buttons, form fields, tables, alerts) and `html.css`, which gives plain HTML
  elements inside `.utrecht-html` the same look, so pages keep working without new classes.
- `@nl-design-system-unstable/voorbeeld-design-tokens` (EUPL-1.2): the NL Design System's
  example theme, the base values of every component token. `@utrecht/design-tokens` is not
  used: its licence reserves those tokens (Utrecht's house style) to Gemeente Utrecht.
  Wijkwerk's own tokens (`wijkwerk/tokens.css`) and each municipality's theme go on top.
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REGISTRY = "https://registry.npmjs.org"
VENDOR = Path(__file__).resolve().parents[2] / "vendor" / "nlds"


@dataclass(frozen=True)
class Package:
    name: str
    version: str
    integrity: str  # npm's dist.integrity: "sha512-" and the base64 digest
    files: dict[str, str]  # path in the tarball -> path under VENDOR
    folder: str

    @property
    def url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name.split('/')[-1]}-{self.version}.tgz"


PACKAGES = (
    Package(
        name="@utrecht/component-library-css",
        version="9.0.4",
        integrity="sha512-gVA7D6GfP9/+fzehkYLSBR+0UPUTA97PZmgvTYQE88lPQhHGMlUk8FjmCpLKRsRC9hAYd32JuF/KzG6fmBfjJA==",
        folder="utrecht",
        files={
            "package/dist/index.css": "index.css",
            "package/dist/html.css": "html.css",
            "package/LICENSE.md": "LICENSE.md",
        },
    ),
    Package(
        name="@nl-design-system-unstable/voorbeeld-design-tokens",
        version="7.4.1",
        integrity="sha512-GNnapAn2mTIzXRcCvs0JMr4Bf9+ivUJ3zFBJLRT1SYpAYm2xPwptVxIM3k4WLJ0c59E9FfxsEBPJluGuAHUVvg==",
        folder="voorbeeld",
        files={"package/dist/theme.css": "theme.css", "package/LICENSE.md": "LICENSE.md"},
    ),
)


class IntegrityError(Exception):
    """A downloaded tarball is not the one pinned."""


def verify_integrity(data: bytes, integrity: str) -> None:
    """Refuse `data` unless its digest equals the pinned Subresource-Integrity string."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512" or not expected:
        raise IntegrityError(f"unsupported integrity string {integrity!r}")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise IntegrityError(f"sha512 mismatch: expected {expected}, got {actual}")


def unpack(package: Package, data: bytes, target: Path) -> None:
    """Write the package's listed files (and nothing else) below `target`/folder."""
    folder = target / package.folder
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member_name, out_name in package.files.items():
            member = archive.getmember(member_name)
            source = archive.extractfile(member)
            if source is None:
                raise IntegrityError(f"{member_name} is not a file in {package.name}")
            (folder / out_name).write_bytes(source.read())
    (folder / ".version").write_text(f"{package.name}@{package.version}\n")


def is_present(package: Package, target: Path = VENDOR) -> bool:
    folder = target / package.folder
    stamp = folder / ".version"
    return (
        stamp.exists()
        and stamp.read_text().strip() == f"{package.name}@{package.version}"
        and all((folder / name).exists() for name in package.files.values())
    )


def download(url: str, *, timeout: float = 60) -> bytes:
    if not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        raise IntegrityError(f"refusing to download from {url}")
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - checked above
        return response.read()


def fetch(package: Package, target: Path = VENDOR, *, url: str | None = None) -> None:
    """Download, verify and unpack one package; nothing is written when the hash differs."""
    data = download(url or package.url)
    verify_integrity(data, package.integrity)
    unpack(package, data, target)


def ensure_assets(target: Path = VENDOR, *, quiet: bool = False) -> bool:
    """Fetch every pinned package that is not unpacked yet (a no-op when all are there).

    Never raises: without the network (or when a tarball fails its hash) it says so on
    stderr and returns False; the pages then leave the NL Design System stylesheets out and
    keep Wijkwerk's own, plainer look (`all_present()`), so the site still works.
    """
    complete = True
    for package in PACKAGES:
        if is_present(package, target):
            continue
        if not quiet:
            print(f"+ fetch {package.name}@{package.version} (sha512 checked)", flush=True)
        try:
            fetch(package, target)
        except IntegrityError as refused:
            complete = False
            print(
                f"! {package.name}@{package.version} REFUSED, not installed: {refused}",
                file=sys.stderr,
                flush=True,
            )
        except (OSError, tarfile.TarError, KeyError) as failed:  # URLError is an OSError
            complete = False
            print(
                f"! could not fetch {package.name}@{package.version} from {package.url}: "
                f"{failed}.\n  The site works without it, in its own plainer look; run "
                "`python3 dev.py demo` again when the npm registry can be reached.",
                file=sys.stderr,
                flush=True,
            )
    return complete


def all_present(target: Path | None = None) -> bool:
    """Are all pinned stylesheets unpacked (may the pages link to them)?"""
    return all(is_present(package, target or VENDOR) for package in PACKAGES)


if __name__ == "__main__":
    ensure_assets()
