"""Voting in a real browser, with WCAG 2.1 AA checks: a resident asks for a code, ticks
projects and votes; after the close the results page shows the chart, the table and how the
resident's own share was spent.

Run alone with `pytest -m browser`. The resident is logged in by handing the browser a
session cookie (the log-in form itself is tested in the portal's browser test).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.pb import services  # noqa: E402
from wijkwerk.pb.models import EmailCode, Participation  # noqa: E402
from wijkwerk.pb.tasks import email_code_value  # noqa: E402

from .factories import move_to  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_votes_and_sees_the_results_and_their_share(
    live_server, page, voting_round, voter, wijkmanager
):
    voting_round.rule = "mes"
    voting_round.amount_cents = 600_000
    voting_round.save()
    log_in(page, live_server, voter)
    address = (
        f"{live_server.url}/gemeente/{voting_round.municipality.slug}/begroting/{voting_round.pk}/"
    )
    page.goto(address)
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Stuur mij een code").click()
    expect(page.locator(".message-success")).to_be_visible()
    code = email_code_value(EmailCode.objects.get(round=voting_round, user=voter))
    page.get_by_label("Speeltuin").check()
    page.get_by_label("Bomen").check()
    page.get_by_label("Code uit de e-mail").fill(code)
    page.get_by_role("button", name="Breng mijn stem uit").click()
    expect(page.locator(".message-success")).to_contain_text("Je stem is geteld")
    expect(page.get_by_label("Speeltuin")).to_be_checked()
    assert Participation.objects.filter(round=voting_round).count() == 1
    assert_no_axe_violations(page)

    move_to(voting_round, "closed")
    services.round_tally(round=voting_round, actor=wijkmanager, reason="Na de sluiting")
    services.round_results_publish(round=voting_round, actor=wijkmanager)
    page.goto(address)
    expect(page.get_by_role("heading", name="Uitslag")).to_be_visible()
    expect(page.locator("figure.chart svg rect.chosen")).not_to_have_count(0)
    expect(page.get_by_role("heading", name="Hoe je aandeel is besteed")).to_be_visible()
    assert_no_axe_violations(page)
