"""The resident's flow in a real browser, and WCAG 2.1 AA checks of the public pages."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.models import AgendaItem, Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory, ThemeFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def setting(db):
    municipality = MunicipalityFactory(code="GM0400", name="Den Helder", slug="den-helder")
    wijk = WijkFactory(
        municipality=municipality,
        code="WK040001",
        name="Stad binnen de Linie-Oost",
        slug="stad-oost",
    )
    gemeente = OrganisationFactory(municipality=municipality, name="Gemeente Den Helder")
    manager = RoleAssignmentFactory(
        area=wijk,
        role=Role.WIJKMANAGER,
        organisation=gemeente,
        is_public_contact=True,
        public_email="wm@example.nl",
    ).user
    return wijk, manager, gemeente


def _log_in(page, base, user):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def _log_out(page):
    page.locator("header form[action$='/accounts/logout/'] button").click()
    page.wait_for_load_state()


def test_resident_proposes_and_sees_the_ooit_answer(live_server, page, setting):
    wijk, manager, _gemeente = setting
    resident = UserFactory(full_name="Bep Bewoner")
    base = live_server.url
    wijk_url = f"{base}/gemeente/den-helder/stad-oost/"

    page.goto(wijk_url)
    page.locator("a[href$='/wijkagenda/voorstellen/']").first.click()
    assert "/accounts/login/" in page.url  # proposing needs a login
    page.fill("input[name=login]", resident.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/wijkagenda/voorstellen/")

    page.fill("input[name=title]", "Bankje bij de speeltuin")
    page.fill("textarea[name=reason]", "Grootouders kunnen nergens zitten.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/wijkagenda/*/")
    item = AgendaItem.objects.get(title="Bankje bij de speeltuin")
    assert item.status == Status.PROPOSED
    assert page.locator(".waiting").is_visible()
    _log_out(page)

    _log_in(page, base, manager)
    page.goto(f"{wijk_url}wijkagenda/{item.pk}/")
    page.check("input[name=verdict][value=ooit]")
    page.fill("textarea[name=conditions]", "Eerst wordt het plein heringericht.")
    answer_by = timezone.localdate() + datetime.timedelta(days=90)
    page.fill("input[name=answer_by]", answer_by.isoformat())
    page.locator("form[action$='/beantwoorden/'] button[type=submit]").click()
    page.wait_for_load_state()
    _log_out(page)

    page.goto(wijk_url)
    card = page.locator(".agenda-item", has_text="Bankje bij de speeltuin")
    assert "Eerst wordt het plein heringericht." in card.inner_text()
    page.goto(f"{wijk_url}wijkagenda/{item.pk}/")
    assert "Eerst wordt het plein heringericht." in page.locator(".answer-box").inner_text()
    assert resident.full_name not in page.content()  # proposer stays anonymous
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def _assert_accessible(page, url):
    page.goto(url)
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, f"{url}\n{results.generate_report()}"


def test_public_pages_meet_wcag_21_aa(live_server, page, setting):
    wijk, _manager, gemeente = setting
    theme = ThemeFactory(municipality=wijk.municipality, name="Groen")
    proposed = AgendaItemFactory(area=wijk, theme=theme)
    AgendaItemFactory(
        area=wijk,
        status=Status.WAITING,
        verdict="ooit",
        conditions="Na de renovatie",
        answer_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    AgendaItemFactory(area=wijk, status=Status.REJECTED, verdict="nooit", motivation="Te duur")
    AgendaItemFactory(area=wijk, status=Status.PLANNED, verdict="nu", owner_organisation=gemeente)
    base = live_server.url
    for path in [
        "/",
        "/gemeente/den-helder/",
        "/gemeente/den-helder/stad-oost/",
        f"/gemeente/den-helder/stad-oost/wijkagenda/{proposed.pk}/",
        "/gemeente/den-helder/stad-oost/wijkagenda/vaststellingen/",
        "/gemeente/den-helder/stad-oost/wijkagenda/wop/",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        _assert_accessible(page, base + path)
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_forms_with_errors_meet_wcag_21_aa(live_server, page, setting):
    resident = UserFactory()
    _log_in(page, live_server.url, resident)
    _assert_accessible(
        page, f"{live_server.url}/gemeente/den-helder/stad-oost/wijkagenda/voorstellen/"
    )
    page.locator("main form button[type=submit]").click()  # empty: errors are shown
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    results = Axe().run(page, options=WCAG_AA)
    assert results.violations_count == 0, results.generate_report()
