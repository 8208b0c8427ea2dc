"""Browser fixtures: Debian's headless chromium driven by Playwright (never a downloaded one).

Registered once, in the root conftest.py: a second registration (in an app's conftest)
would start a second Playwright in the same session, which Playwright refuses."""

import pytest

from wijkwerk.core.chromium import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    # A test module using these fixtures sets DJANGO_ALLOW_ASYNC_UNSAFE: Playwright's sync
    # API runs an event loop in the test's thread, and Django would refuse the (synchronous,
    # safe) ORM calls of the test body.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page (own cookies) that records console errors and uncaught script errors in
    `page.console_errors`, e.g. the Content-Security-Policy refusing something of ours."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1200, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    page.console_errors = errors
    yield page
    context.close()


WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def assert_no_axe_violations(page) -> None:
    """axe-core finds no WCAG 2.1 A/AA violation on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def log_in(page, live_server, user) -> None:
    """Log `user` in by handing the browser a session cookie (the log-in form itself is
    tested in the portal's browser test)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
