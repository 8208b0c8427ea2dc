"""The resident's flow in a real browser, and WCAG 2.1 A/AA checks of the public pages.

Run alone with `pytest -m browser`. Elements are found by role and label; their names are
matched in Dutch or English, so the tests hold whichever translation is active. Form
actions and addresses are the stable parts of our URLs.
"""

import datetime
import os
import re

# Playwright's sync API runs an event loop in the test's thread; Django would then refuse
# the ORM calls of the test body, which are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from django.utils import dateformat, timezone, translation  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.accounts.roles import Role  # noqa: E402
from wijkwerk.accounts.tests.factories import (  # noqa: E402
    PASSWORD,
    RoleAssignmentFactory,
    UserFactory,
)
from wijkwerk.agenda.models import AgendaItem, Status  # noqa: E402
from wijkwerk.agenda.tests.factories import AgendaItemFactory, ThemeFactory  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WIJK = "/gemeente/den-helder/stad-oost/"

LOG_IN_LINK = re.compile(r"^(Inloggen|Log in)$")
LOG_IN_BUTTON = re.compile(r"^(Aanmelden|Inloggen|Sign in|Log in)$", re.IGNORECASE)
LOG_OUT = re.compile(r"^(Uitloggen|Log out)$")
PROPOSE = re.compile(r"^(Idee indienen|Propose an idea)$")
WAITING_0_DAYS = re.compile(r"(Wacht sinds vandaag op antwoord|Waiting for an answer since today)")
OOIT = re.compile(r"\b(Ooit|Some day)\b")
ANSWER_SECTION = re.compile(r"^(Antwoord|Answer)$")


def _date_pattern(day: datetime.date) -> re.Pattern:
    """The date as the pages write it ("j F Y"), in Dutch or in English."""
    written = set()
    for language in ("nl", "en"):
        with translation.override(language):
            written.add(dateformat.format(day, "j F Y"))
    return re.compile("|".join(re.escape(w) for w in written))


def _errors(page, expected_status: int | None = None) -> list[str]:
    """The page's console errors, less the log line of a response we asked for (a form
    with errors answers 400)."""
    expected = f"status of {expected_status} " if expected_status else None
    return [e for e in page.console_errors if not (expected and expected in e)]


def _card(page, title):
    """The wijk page's agenda entry whose heading is `title`."""
    return page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=title))


def _log_in_from_header(page, user):
    """Log in through the header link; allauth brings the visitor back to where they were."""
    came_from = page.url
    page.locator("header").get_by_role("link", name=LOG_IN_LINK).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label(re.compile(r"e-?mail", re.IGNORECASE)).fill(user.email)
    page.get_by_label(re.compile(r"^(Wachtwoord|Password)")).fill(PASSWORD)
    page.locator("main form").get_by_role("button", name=LOG_IN_BUTTON).click()
    expect(page).to_have_url(came_from)
    expect(page.locator("header").get_by_role("button", name=LOG_OUT)).to_be_visible()


def _log_out(page):
    page.locator("header").get_by_role("button", name=LOG_OUT).click()
    expect(page.locator("header").get_by_role("link", name=LOG_IN_LINK)).to_be_visible()


def test_resident_proposes_and_sees_the_ooit_answer(live_server, page, wijk, wijkmanager):
    """Resident proposes; the wijkmanager answers Some day with conditions and a date; the
    answer, its conditions and date are public on the wijk page and the item page, while the
    proposer stays anonymous. No Content-Security-Policy (or other) errors on the way."""
    resident = UserFactory(full_name="Bep Bewoner")
    wijk_url = live_server.url + WIJK
    title = "Bankje bij de speeltuin"
    conditions = "Eerst wordt het plein heringericht."

    # The resident opens the public wijk page, logs in and proposes an idea.
    page.goto(wijk_url)
    _log_in_from_header(page, resident)
    page.get_by_role("link", name=PROPOSE).click()
    expect(page).to_have_url(re.compile(r"/wijkagenda/voorstellen/$"))
    page.get_by_label(re.compile(r"^(Je idee|Your idea)")).fill(title)
    page.get_by_label(re.compile(r"^(Waarom|Why)")).fill("Grootouders kunnen nergens zitten.")
    page.locator("main form").get_by_role("button").click()

    # It is on the wijkagenda, waiting for an answer.
    expect(page).to_have_url(re.compile(r"/wijkagenda/\d+/$"))
    item = AgendaItem.objects.get(title=title)
    assert item.status == Status.PROPOSED and item.proposed_by == resident
    expect(page.get_by_role("region", name=ANSWER_SECTION)).to_contain_text(WAITING_0_DAYS)
    page.goto(wijk_url)
    expect(_card(page, title)).to_contain_text(WAITING_0_DAYS)
    _log_out(page)

    # The wijkmanager logs in, opens the item from the wijk page and answers Some day.
    page.goto(wijk_url)
    _log_in_from_header(page, wijkmanager)
    page.get_by_role("link", name=title).click()
    expect(page).to_have_url(re.compile(rf"/wijkagenda/{item.pk}/$"))
    answer_form = page.locator("form[action$='/beantwoorden/']")
    answer_form.get_by_role("radio", name=re.compile(r"^(Ooit|Some day)$")).check()
    answer_form.get_by_label(re.compile(r"^(Waar het op wacht|What it waits for)")).fill(conditions)
    answer_by = timezone.localdate() + datetime.timedelta(days=90)
    answer_form.get_by_label(re.compile(r"^(Definitief antwoord|Definite answer)")).fill(
        answer_by.isoformat()
    )
    answer_form.get_by_role("button").click()
    expect(page).to_have_url(re.compile(rf"/wijkagenda/{item.pk}/$"))
    expect(page.get_by_role("region", name=ANSWER_SECTION)).to_contain_text(OOIT)
    item.refresh_from_db()
    assert (item.status, item.verdict, item.answer_by) == (Status.WAITING, "ooit", answer_by)
    _log_out(page)

    # Anyone sees the answer with its conditions and date, on the wijk page and the item page.
    page.goto(wijk_url)
    card = _card(page, title)
    expect(card).to_contain_text(OOIT)
    expect(card).to_contain_text(conditions)
    expect(card).to_contain_text(_date_pattern(answer_by))
    assert resident.full_name not in page.content()
    card.get_by_role("link", name=title).click()
    answer = page.get_by_role("region", name=ANSWER_SECTION)
    expect(answer).to_contain_text(OOIT)
    expect(answer).to_contain_text(conditions)
    expect(answer).to_contain_text(_date_pattern(answer_by))
    assert resident.full_name not in page.content()  # the proposer stays anonymous
    assert _errors(page) == []


# --- accessibility --------------------------------------------------------------------------


def _axe_report(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}  [{v['helpUrl']}]")
        for node in v["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = node.get("failureSummary", "").replace("\n", " / ")
            lines.append(f"       {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"    … and {len(v['nodes']) - 5} more elements")
    return "\n".join(lines)


def _assert_accessible(page, url: str | None = None) -> None:
    """axe-core (bundled with axe-playwright-python) finds no WCAG 2.1 A/AA violation."""
    if url:
        response = page.goto(url)
        assert response.ok, f"{url} answered {response.status}"
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert violations == [], _axe_report(page.url, violations)


@pytest.fixture
def agenda(wijk, gemeente_org):
    """A wijk page with items in several states: waiting, Now, Some day, Never, done."""
    theme = ThemeFactory(municipality=wijk.municipality, name="Groen")
    today = timezone.localdate()
    RoleAssignmentFactory(
        area=wijk,
        role=Role.WIJKAGENT,
        is_public_contact=True,
        public_email="wijkagent.met.een.lang.adres@politie.example.nl",
        public_phone="0900-8844",
    )
    return {
        "proposed": AgendaItemFactory(area=wijk, theme=theme, title="Bankje bij de school"),
        "ooit": AgendaItemFactory(
            area=wijk,
            title="Nieuw buurthuis",
            status=Status.WAITING,
            verdict="ooit",
            conditions="Na de renovatie van de school",
            answer_by=today + datetime.timedelta(days=30),
        ),
        "nooit": AgendaItemFactory(
            area=wijk,
            title="Parkeerdek",
            status=Status.REJECTED,
            verdict="nooit",
            motivation="Te duur en geen ruimte.",
        ),
        "nu": AgendaItemFactory(
            area=wijk,
            title="Drempels in de Kerkstraat",
            theme=theme,
            status=Status.PLANNED,
            verdict="nu",
            owner_organisation=gemeente_org,
            due_date=today + datetime.timedelta(days=60),
        ),
        "done": AgendaItemFactory(
            area=wijk, title="Speeltuin opgeknapt", status=Status.DONE, verdict="nu"
        ),
    }


def test_public_pages_meet_wcag_21_aa(live_server, page, wijk, wijkmanager, agenda):
    """Home, municipality, wijk page (also filtered), item pages in several states, WOP,
    reviews, log-in and sign-up pages: no axe violations and no CSP errors."""
    base = live_server.url
    for path in [
        "/",
        "/gemeente/den-helder/",
        WIJK,
        f"{WIJK}?status=waiting",
        f"{WIJK}wijkagenda/{agenda['proposed'].pk}/",
        f"{WIJK}wijkagenda/{agenda['ooit'].pk}/",
        f"{WIJK}wijkagenda/{agenda['nooit'].pk}/",
        f"{WIJK}wijkagenda/{agenda['nu'].pk}/",
        f"{WIJK}wijkagenda/vaststellingen/",
        f"{WIJK}wijkagenda/wop/",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        _assert_accessible(page, base + path)
    assert _errors(page) == []


def test_htmx_filtering_keeps_the_wijk_page_accessible(live_server, page, wijk, agenda):
    """Changing a filter swaps in the agenda via htmx (allowed by the CSP); still no violations."""
    page.goto(live_server.url + WIJK)
    page.locator("select[name=status]").select_option("rejected")
    expect(page).to_have_url(re.compile(r"status=rejected"))
    expect(page.locator("#agenda")).to_contain_text("Parkeerdek")
    expect(page.locator("#agenda")).not_to_contain_text("Bankje bij de school")
    _assert_accessible(page)
    assert _errors(page) == []


def test_forms_with_and_without_errors_meet_wcag_21_aa(live_server, page, wijk):
    """The propose form, logged in; then submitted empty, with its error summary; likewise
    the log-in form submitted with a wrong password."""
    page.goto(live_server.url + WIJK)
    _log_in_from_header(page, UserFactory())
    _assert_accessible(page)  # the wijk page of a logged-in resident
    page.get_by_role("link", name=PROPOSE).click()
    _assert_accessible(page)
    page.locator("main form").get_by_role("button").click()  # empty: errors are shown
    expect(page.locator(".error-summary")).to_be_visible()
    _assert_accessible(page)
    _log_out(page)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label(re.compile(r"e-?mail", re.IGNORECASE)).fill("niemand@example.nl")
    page.get_by_label(re.compile(r"^(Wachtwoord|Password)")).fill("fout")
    page.locator("main form").get_by_role("button", name=LOG_IN_BUTTON).click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    _assert_accessible(page)
    assert _errors(page, expected_status=400) == []
