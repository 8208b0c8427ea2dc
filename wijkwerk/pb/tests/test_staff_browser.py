"""A budget round's staff page in a real browser, with WCAG 2.1 AA checks: a partner reviews
a proposal (first with an error, then feasible at a cost typed the Dutch way); after the
vote has closed the wijkmanager counts the votes, reads the outcome and publishes it.

Run alone with `pytest -m browser`. People are logged in by handing the browser a session
cookie (the log-in form itself is tested in the portal's browser test).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.budgets.selectors import ledger_verify  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations as _no_violations  # noqa: E402
from wijkwerk.core.tests.browser import log_in  # noqa: E402
from wijkwerk.pb import services  # noqa: E402
from wijkwerk.pb.models import ProposalStatus, TallyResult, Verification  # noqa: E402

from .factories import ProposalFactory, make_round, move_to  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _panel(page, labelledby):
    return page.locator(f"[aria-labelledby='{labelledby}-heading']")


def test_review_then_count_and_publish(
    live_server, page, wijk, wijkmanager, reviewer, resident, budget
):
    pb_round = make_round(
        wijk=wijk,
        actor=wijkmanager,
        budget=budget,
        phase="review",
        verification=Verification.LETTER,
    )
    proposal = ProposalFactory(
        round=pb_round,
        title="Speeltuin",
        status=ProposalStatus.SUBMITTED,
        estimated_cost_cents=None,
        submitted_by=resident,
    )
    ProposalFactory(round=pb_round, title="Bankjes", estimated_cost_cents=300_000)
    url = live_server.url + reverse("pb:staff", args=[wijk.municipality.slug, pb_round.pk])

    # A partner reviews: "not feasible" without a reason is explained, then feasible.
    log_in(page, live_server, reviewer)
    page.goto(url)
    _no_violations(page)
    review = _panel(page, f"proposal-{proposal.pk}")
    review.locator(f"#review-{proposal.pk}-verdict_1").check()
    review.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator(f"#review-{proposal.pk}-reason_error")).to_be_visible()
    _no_violations(page)
    review = _panel(page, f"proposal-{proposal.pk}")
    review.locator(f"#review-{proposal.pk}-verdict_0").check()
    review.locator(f"#review-{proposal.pk}-cost").fill("4.000,50")
    review.locator("button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.FEASIBLE
    assert proposal.estimated_cost_cents == 400_050
    _no_violations(page)

    # The wijkmanager sees who proposed it, and the forms to add proposals and make letters.
    log_in(page, live_server, wijkmanager)
    page.goto(url)
    expect(page.get_by_text(resident.full_name)).to_be_visible()
    expect(_panel(page, "add")).to_be_visible()
    expect(_panel(page, "letters")).to_be_visible()
    _no_violations(page)

    # The vote: two letter voters online, then the close.
    move_to(pb_round, "voting")
    codes = services.letter_codes_generate(round=pb_round, actor=wijkmanager, count=2)
    for code in codes:
        services.ballot_cast(round=pb_round, actor=None, choices=[proposal.pk], letter_code=code)
    move_to(pb_round, "closed")

    # The wijkmanager counts, reads the outcome per project and publishes.
    page.goto(url)
    _no_violations(page)
    _panel(page, "tally").locator("#tally-reason").fill("De stemming is gesloten.")
    _panel(page, "tally").locator("button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert TallyResult.objects.filter(round=pb_round).exists()
    table = page.locator("#results-heading ~ .table-scroll table")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table.locator("tbody tr").first.locator("th")).to_contain_text("Speeltuin")
    _no_violations(page)
    _panel(page, "publish").locator("button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    pb_round.refresh_from_db()
    assert pb_round.results_published
    assert ledger_verify() == []
    _no_violations(page)
    # The only errors the browser saw are the 400 of the review sent incomplete on purpose.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
