"""A crawl of the demo as each staff role: from the werkplek, at most two clicks deep, every
set-up task the role may do is reached and opens on a page with a form (or a page one click
further has it), no page answers 500 and no link leads into the Django admin (`/beheer/`).

The Django test client, not a browser: only links (GET) are followed, never forms.
"""

import re
from html import unescape
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve, reverse

from wijkwerk.accounts.models import User
from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.models import Municipality
from wijkwerk.werkplek.scope import Scope
from wijkwerk.werkplek.setup import setup_links
from wijkwerk.werkplek.tasks import werkplek_tasks

HREF = re.compile(r'href="([^"]*)"')
PER_KIND = 5
# Linked among the set-up pages, but lists of work: a form only when there is work.
WORK_LISTS = {"reports:worklist", "reports:patterns"}
# Overviews that staff who see personal data may read; their forms are for the functioneel
# beheerder, whose crawl must reach them (see ROLES).
OVERVIEWS = {"people:list"}
SKIP = ("/static/", "/media/", "/accounts/logout", "/api/", "/open311/")

# One demo login per staff role (the functioneel beheerder is added, the demo has none),
# and the set-up pages (URL names) it must reach, as the issue lists them per role.
ROLES = {
    Role.WIJKMANAGER: (
        "wijkmanager.denhelder",
        {
            "agenda:plan",
            "budgets:funds",
            "budgets:fund_create",
            "initiatives_municipality:rules",
            "initiatives_municipality:calls",
            "pb:round_new",
        },
    ),
    Role.ACCOUNTMANAGER: (
        "accountmanager.denhelder",
        {"agenda:plan", "meetings:wijk", "pb:round_new", "reports:worklist"},
    ),
    Role.GEBIEDSREGISSEUR: ("gebiedsregisseur.hoogeveen", {"agenda:plan", "pb:round_new"}),
    Role.WIJKCONCIERGE: ("wijkconcierge.denhelder", {"inspections:plan", "reports:worklist"}),
    Role.PARTNER: ("corporatie.denhelder", {"reports:worklist"}),
    Role.REGIEGROEP_MEMBER: ("regiegroep.denhelder", set()),
    Role.STUURGROEP_MEMBER: (
        "stuurgroep.denhelder",
        {"initiatives_municipality:calls", "initiatives_municipality:call_create"},
    ),
    Role.WIJKWETHOUDER: ("wijkwethouder.denhelder", set()),
    Role.BEHEERDER: (
        "beheerder.denhelder",
        {
            "agenda_municipality:settings",
            "reports:categories",
            "reports:category_new",
            "organisations:list",
            "organisations:new",
            "budgets:funds",
            "budgets:fund_create",
            "initiatives_municipality:rules",
            "branding:theme_edit",
            "pb:round_new",
            "people:list",
            "people:invite",
            "people:role_give",
            "people:substitute",
        },
    ),
}


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def demo(db):
    call_command("demo", stdout=StringIO())
    den_helder = Municipality.objects.get(code="GM0400")
    RoleAssignmentFactory(
        area=None,
        municipality=den_helder,
        role=Role.BEHEERDER,
        user__email="beheerder.denhelder@wijkwerk.example",
        user__full_name="Fenna Beheer",
    )


def main_of(html: str) -> str:
    start = html.find('<main id="main"')
    return html[start : html.index("</main>", start)] if start >= 0 else ""


def links_in(html: str) -> set[str]:
    out = set()
    for raw in HREF.findall(html):
        link = unescape(raw).split("#")[0]
        if link.startswith("/") and not link.startswith("//"):
            out.add(link)
    return out


def url_name(link: str) -> str:
    try:
        match = resolve(urlsplit(link).path)
    except Resolver404:
        return ""
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


class Crawl:
    """What one login finds from its werkplek, two clicks deep."""

    def __init__(self, client, label: str):
        self.client, self.label = client, label
        self.pages: dict[str, tuple[int, str]] = {}  # link -> (status, main html)
        self.problems: list[str] = []

    def get(self, link: str) -> tuple[int, str]:
        if link not in self.pages:
            response = self.client.get(link)
            html = ""
            if "text/html" in response.get("Content-Type", ""):
                html = response.content.decode()
                for found in links_in(html):
                    if found.startswith("/beheer/"):
                        self.problems.append(f"{self.label}: {link} links to {found}")
            if response.status_code >= 500:
                self.problems.append(f"{self.label}: {link} answers {response.status_code}")
            self.pages[link] = (response.status_code, main_of(html))
        return self.pages[link]

    def follow(self, start: str, depth: int = 2) -> None:
        level = [start]
        per_name: dict[str, int] = {}
        for _click in range(depth + 1):
            following = []
            for link in level:
                if link in self.pages:
                    continue
                # Two clicks deep, five pages of a kind (five agenda items) are enough.
                name = url_name(link)
                per_name[name] = per_name.get(name, 0) + 1
                if _click == depth and per_name[name] > PER_KIND:
                    continue
                status, main = self.get(link)
                if status == 200:
                    following += [
                        found for found in sorted(links_in(main)) if not found.startswith(SKIP)
                    ]
            level = following

    def has_form(self, link: str) -> bool:
        """Does the page hold a form that posts? (Fetched now if the crawl left it out as
        the sixth of its kind.)"""
        if link.startswith(SKIP):
            return False
        status, main = self.get(link)
        return status == 200 and "<form" in main and 'method="post"' in main.lower()


def test_from_the_werkplek_each_role_reaches_its_setup_forms_within_two_clicks(client, demo):
    """One demo for all roles (building it takes long); every role's findings are listed."""
    problems = []
    for role, (login, expected) in ROLES.items():
        problems += crawl_as(client, role, login, expected)
    assert problems == [], "\n".join(problems)


def crawl_as(client, role: str, login: str, expected: set[str]) -> list[str]:
    user = User.objects.get(email=f"{login}@wijkwerk.example")
    held = user.roles.filter(role=role).first()
    assert held is not None, login
    place = Municipality.objects.get(pk=held.municipality_id)
    client.force_login(user)
    crawl = Crawl(client, login)
    start = reverse("werkplek:werkplek", args=(place.slug,))
    crawl.follow(start)
    assert crawl.pages[start][0] == 200, login
    problems = crawl.problems

    scope = Scope(user=user, municipality=place)
    werkplek_links = links_in(crawl.pages[start][1])
    for task in werkplek_tasks(scope=scope):
        link = task.url.split("#")[0]
        if link not in werkplek_links or crawl.pages[link][0] != 200:
            problems.append(f"{login}: the task {task.label} ({link}) does not open")
    setup = [
        url for link in setup_links(scope=scope) for url in [link.url, *dict(link.wijken).values()]
    ]
    for link in filter(None, setup):
        if link not in werkplek_links or crawl.pages[link][0] != 200:
            problems.append(f"{login}: the set-up page {link} does not open")
            continue
        if url_name(link) in WORK_LISTS | OVERVIEWS:
            continue
        one_further = links_in(crawl.pages[link][1])
        if not (crawl.has_form(link) or any(crawl.has_form(f) for f in one_further)):
            problems.append(f"{login}: no form on {link} nor one click further")

    reached = {}
    for link, (status, _main) in crawl.pages.items():
        if status == 200:
            reached.setdefault(url_name(link), link)
    for name in sorted(expected):
        if name not in reached:
            problems.append(f"{login} does not reach {name} within two clicks")
        elif name.endswith(
            (
                "_create",
                "_new",
                ":new",
                ":settings",
                ":rules",
                ":invite",
                ":role_give",
                ":substitute",
            )
        ) and not (crawl.has_form(reached[name])):
            problems.append(f"{login}: {name} has no form")
    client.logout()
    return problems
