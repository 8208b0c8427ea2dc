"""A pytest plugin (loaded with -p from pyproject.toml) that sets the test environment
before Django reads its settings: test servers speak plain HTTP on localhost."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_HSTS_SECONDS", "0")
# Tests never reach the Locatieserver on the internet; its own tests serve it on loopback.
os.environ.setdefault("WIJKWERK_LOCATIESERVER_URL", "")

# The NL Design System stylesheets the pages link to (fetched once, sha512-checked), so that a
# bare `pytest` finds them too and browser tests see no missing stylesheet.
from wijkwerk.branding import nlds  # noqa: E402

nlds.ensure_assets(quiet=True)
