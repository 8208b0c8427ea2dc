"""Every page on a phone: the demo data, crawled from the home page (anonymous) and from the
wijk page of a wijkmanager, is opened at 390×844 in Dutch and in English. No page is wider
than the screen, and no page shows a raw code value (a TextChoices value) in its text.

Run alone with `pytest -m browser`. The crawl finds pages with Django's test client (fast),
at most PER_NAME pages per URL name, then the browser measures each.
"""

import os
import re
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import urljoin, urlsplit

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import polib  # noqa: E402
import pytest  # noqa: E402
from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import models  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from wijkwerk.accounts.models import RoleAssignment  # noqa: E402
from wijkwerk.accounts.roles import Role  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 390
# Codes that are Dutch words in their own right, used as such in the demo's texts.
DUTCH_CODES = {"convenant"}
PER_NAME = 2
# Pages the crawl must reach (the widest ones of issue 19 among them).
MUST_VISIT = {
    "home",
    "municipality",
    "wijk",
    "agenda:item",
    "agenda:review",
    "agenda:plan",
    "monitoring:municipality",
    "monitoring:wijk",
    "agreements:list",
    "agreements:detail",
    "agreements:accountability",
    "pb:rounds",
    "pb:round",
    "surveys:list",
    "surveys:detail",
    "assessments:list",
    "inspections:list",
    "meetings_requests:list",
    "meetings:wijk",
    "meetings:sessions",
    "meetings:meeting",
    "initiatives:list",
    "initiatives:detail",
    "reports:detail",
    "reports:dashboard",
    "reports_wijk:map",
    "budgets:funds",
    "updates:news",
    "reports:worklist",
}
MAX_PAGES = 160
SKIP = re.compile(
    r"^/(beheer|api|open311|taal|static|media|nieuwsbrief|overleg/afmelden|accounts/(?!login/$|signup/$))"
    r"|\.(csv|ics|pdf|xml|geojson|json|png|jpg|svg)$|/foto/"
)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href and not href.startswith(("mailto:", "tel:", "#", "javascript:")):
            self.hrefs.append(href)


def _crawl(client: Client, starts: list[str]) -> list[str]:
    """Pages reachable from `starts`, breadth first, a few per URL name."""
    seen: set[str] = set()
    per_name: dict[str, int] = {}
    queue = list(starts)
    pages: list[str] = []
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        path = urlsplit(url).path
        target = path + (f"?{urlsplit(url).query}" if urlsplit(url).query else "")
        if target in seen or SKIP.search(path):
            continue
        seen.add(target)
        try:
            name = resolve(path).view_name
        except Resolver404:
            continue
        key = name + ("?" if urlsplit(url).query else "")
        if per_name.get(key, 0) >= PER_NAME:
            continue
        response = client.get(target)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        per_name[key] = per_name.get(key, 0) + 1
        pages.append(target)
        parser = _Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            if not urlsplit(href).netloc:
                queue.append(urljoin(target, href))
    return pages


def _words() -> tuple[set[str], set[str]]:
    """Every word of the Dutch translation and of its English ids: a code value that is
    also a Dutch word ("open", "wijkplatform") says nothing on a Dutch page, nor does one
    that no English text uses (a Dutch theme code shown as its own name)."""
    po = polib.pofile(str(settings.BASE_DIR / "wijkwerk/locale/nl/LC_MESSAGES/django.po"))
    dutch: set[str] = set()
    english: set[str] = set()
    for entry in po:
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            dutch |= set(re.findall(r"[\w-]+", text.lower()))
        english |= set(re.findall(r"[\w-]+", f"{entry.msgid} {entry.msgid_plural}".lower()))
    return dutch, english


def _codes() -> dict[str, re.Pattern]:
    """Per language, the raw values of our TextChoices that must not show as whole words:
    in English those that are no English words (snake_case, kebab-case), in Dutch also
    English words that no Dutch text uses."""
    values: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("wijkwerk."):
            continue
        for f in model._meta.get_fields():
            if isinstance(f, models.CharField) and f.choices:
                values |= {str(v) for v, _label in f.flatchoices if isinstance(v, str) and v}
    coded = {v for v in values if re.search(r"[a-z][_-][a-z]", v)}
    dutch, english = _words()
    english_only = {
        v for v in values if v.isalpha() and v in english and v not in dutch | DUTCH_CODES
    }

    def pattern(words: set[str]) -> re.Pattern:
        alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
        return re.compile(rf"(?<![\w@./-])({alternatives})(?![\w@/-])")

    return {"en": pattern(coded), "nl": pattern(coded | english_only)}


def _measure(page, base: str, pages: list[str], language: str, codes: re.Pattern) -> list[str]:
    problems = []
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base}]
    )
    for path in pages:
        response = page.goto(base + path)
        if not response.ok:
            continue
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            wide = page.evaluate(
                """(w) => [...document.querySelectorAll('body *')]
                  .filter(e => e.getBoundingClientRect().right > w + 1
                         && !e.closest('.table-scroll'))
                  .slice(-3).map(e => e.tagName.toLowerCase() + '.' + e.className).join(' ')""",
                WIDTH,
            )
            problems.append(f"{language} {path}: {width} px wide ({wide})")
        text = page.evaluate("document.body.innerText")
        found = sorted(set(codes.findall(text)))
        if found:
            problems.append(f"{language} {path}: raw codes {found}")
    return problems


def test_every_page_fits_a_phone_and_shows_no_raw_codes(live_server, browser):
    call_command("demo", stdout=StringIO())
    codes = _codes()
    anonymous = _crawl(Client(), ["/", "/accounts/login/", "/accounts/signup/"])
    manager = (
        RoleAssignment.objects.filter(role=Role.WIJKMANAGER, area__isnull=False)
        .select_related("user", "area__municipality")
        .first()
    )
    staff_client = Client()
    staff_client.force_login(manager.user)
    wijk = manager.area.wijk
    staff = _crawl(
        staff_client,
        [
            f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/",
            f"/gemeente/{wijk.municipality.slug}/meldingen/werkvoorraad/",
            "/overleg/mijn-agenda/",
        ],
    )
    staff = [p for p in staff if p not in anonymous]
    assert len(anonymous) > 60, anonymous
    visited = {resolve(urlsplit(p).path).view_name for p in anonymous + staff}
    assert not MUST_VISIT - visited, f"the crawl missed {sorted(MUST_VISIT - visited)}"

    context = browser.new_context(viewport={"width": WIDTH, "height": 844})
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems = []
    for language in ("nl", "en"):
        page.context.clear_cookies()
        problems += _measure(page, live_server.url, anonymous, language, codes[language])
        log_in(page, live_server, manager.user)
        problems += _measure(page, live_server.url, staff, language, codes[language])
    context.close()
    assert problems == [], "\n".join(problems)


def test_the_landing_pages_meet_wcag_21_aa_on_a_phone_and_a_desktop(live_server, browser):
    """Home, municipality and wijk page with the demo's votes, surveys, sessions and
    answers: no axe violations at 390 and at 1280 px. With SCREENSHOTS=<folder> set, each
    is also saved there as a PNG."""
    call_command("demo", stdout=StringIO())
    manager = RoleAssignment.objects.filter(role=Role.WIJKMANAGER, area__isnull=False).first()
    wijk = manager.area.wijk
    paths = {
        "home": "/",
        "municipality": f"/gemeente/{wijk.municipality.slug}/",
        "wijk": f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/",
    }
    shots = os.environ.get("SCREENSHOTS")
    for width in (WIDTH, 1280):
        context = browser.new_context(viewport={"width": width, "height": 844}, locale="nl-NL")
        page = context.new_page()
        for name, path in paths.items():
            assert page.goto(live_server.url + path).ok, path
            assert page.locator(".happening-block li").count() > 0, path
            assert_no_axe_violations(page)
            if shots:
                page.screenshot(path=f"{shots}/landing-{name}-{width}.png", full_page=True)
        context.close()
