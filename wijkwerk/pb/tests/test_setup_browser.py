"""Setting up a budget round in a real browser, with WCAG 2.1 AA checks: from the round
list to the form, a refusal next to its field, the round made and changed on its page."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations as _no_violations  # noqa: E402
from wijkwerk.core.tests.browser import log_in  # noqa: E402
from wijkwerk.pb.models import Round  # noqa: E402

from .factories import phase_dates  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_wijkmanager_sets_up_a_round_on_pages(live_server, page, wijk, wijkmanager, budget):
    log_in(page, live_server, wijkmanager)
    page.goto(live_server.url + reverse("pb:rounds", args=[wijk.municipality.slug]))
    _no_violations(page)
    page.locator(f"a[href='{reverse('pb:round_new', args=[wijk.municipality.slug])}']").click()
    _no_violations(page)
    page.locator("#id_title").fill("Wijkbudget Oost 2027")
    page.locator("#id_budget").select_option(str(budget.pk))
    page.locator("#id_amount").fill("12.000")  # more than the € 10.000 on the budget
    for name, day in phase_dates("upcoming").items():
        page.locator(f"#id_{name}").fill(day.isoformat())
    page.locator("main button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_amount_error")).to_be_visible()
    assert Round.objects.count() == 0
    _no_violations(page)
    page.locator("#id_amount").fill("7.500")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    pb_round = Round.objects.get()
    assert pb_round.amount_cents == 750_000
    _no_violations(page)
    # From the round's staff page to its set-up, and a change saved.
    page.locator(
        f"a[href='{reverse('pb:round_edit', args=[wijk.municipality.slug, pb_round.pk])}']"
    ).click()
    page.locator("#id_description").fill("Wat wil jij in Oost?")
    _no_violations(page)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    pb_round.refresh_from_db()
    assert pb_round.description == "Wat wil jij in Oost?"
    assert [e for e in page.console_errors if "status of 400" not in e] == []
