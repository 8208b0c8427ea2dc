"""Signing up for a werkatelier and the printable "wie doet wat" in a real browser, with
WCAG 2.1 AA checks: a visitor tries to sign up without an e-mail address (refused, nothing
saved), signs up, and the page counts the place; the one-page overview shows the wijk's
contacts, bodies and where to report a melding, and hides the navigation in print.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.accounts.roles import Role  # noqa: E402
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.meetings import inforequests, services, signups  # noqa: E402
from wijkwerk.meetings.models import SignUp  # noqa: E402
from wijkwerk.meetings.signoff import signoff_token  # noqa: E402

from .factories import body, held, meeting, session  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _english(page, live_server):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )


def test_signing_up_for_a_werkatelier(live_server, page, wijk, wijkmanager):
    session(area=wijk, actor=wijkmanager, capacity=12)
    _english(page, live_server)
    base = f"{live_server.url}/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"
    page.goto(f"{base}sessies/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Het nieuwe speelveld").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Het nieuwe speelveld")
    expect(page.locator(".places")).to_contain_text("12 places left")
    assert_no_axe_violations(page)

    page.get_by_label("Your name").fill("Karin Visser")
    page.get_by_role("button", name="Sign me up").click()
    expect(page.locator(".error-summary")).to_contain_text("Your e-mail address")
    assert not SignUp.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("Your e-mail address").fill("karin@example.nl")
    page.get_by_label("Organisation or role in the wijk").fill("Bakkerij aan het plein")
    page.get_by_role("button", name="Sign me up").click()
    expect(page.locator(".message-success")).to_contain_text("You have signed up")
    expect(page.locator(".places")).to_contain_text("11 places left")
    assert SignUp.objects.get().organisation == "Bakkerij aan het plein"
    assert page.get_by_text("Participants").count() == 0  # the list is for staff
    assert_no_axe_violations(page)
    assert page.console_errors == [] or all("status of 400" in e for e in page.console_errors)


def test_the_printable_wie_doet_wat(live_server, page, wijk, wijkmanager, chair_resident):
    platform = body(area=wijk, actor=wijkmanager)
    services.member_add(body=platform, actor=wijkmanager, user=chair_resident, is_chair=True)
    meeting(body=platform, actor=wijkmanager, days=9)
    RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT, is_public_contact=True,
                          user__full_name="Agent Anouk")  # fmt: skip
    _english(page, live_server)
    page.goto(
        f"{live_server.url}/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"
        "afdrukken/wie-doet-wat/"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Who does what")
    expect(page.locator("main")).to_contain_text("Agent Anouk")
    expect(page.locator("main")).to_contain_text(chair_resident.full_name)
    expect(page.get_by_role("link", name="Download as PDF")).to_be_visible()
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("link", name="Download as PDF")).to_be_hidden()
    expect(page.locator("main")).to_contain_text("Something broken or dirty in the street?")
    assert page.console_errors == []


def test_the_other_new_pages_pass_axe(live_server, page, wijk, wijkmanager, resident, gemeente_org):
    """The request pages, the printable wijkagenda, the sign-off page and, for staff, the
    outcomes page and a session's participant list."""
    s = session(area=wijk, actor=wijkmanager)
    made = signups.session_sign_up(session=s, actor=None, name="Ans", email="ans@example.nl")
    asked = inforequests.info_request_create(area=wijk, actor=resident, topic="Verkeer")
    services.action_point_add(
        meeting=held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager),
        actor=wijkmanager, title="Bankje", owner_organisation=gemeente_org, to_agenda=False,
    )  # fmt: skip
    _english(page, live_server)
    town = f"{live_server.url}/gemeente/{wijk.municipality.slug}/"
    base = f"{town}{wijk.slug}/overleg/"
    for url in (
        f"{town}informatiebijeenkomsten/",
        f"{town}informatiebijeenkomsten/{asked.pk}/",
        f"{base}afdrukken/wijkagenda/",
        f"{live_server.url}/overleg/afmelden/{signoff_token(made)}/",
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
    log_in(page, live_server, wijkmanager)
    _english(page, live_server)
    for url in (
        f"{base}uitkomsten/",
        f"{base}sessies/{s.pk}/",
        f"{town}informatiebijeenkomsten/{asked.pk}/",
    ):
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_no_axe_violations(page)
    expect(page.get_by_text("Grant or refuse")).to_be_visible()
