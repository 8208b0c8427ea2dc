"""An initiative's whole way through the pages in a real browser, with WCAG 2.1 AA checks:
a resident submits, the regiegroep reviews and awards, the resident spends with a receipt
and accounts for it, and the contact official closes it.

Run alone with `pytest -m browser`. People are logged in by handing the browser a session
cookie (the log-in form itself is tested in the portal's browser test).
"""

import io
import os
import re

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.budgets.selectors import ledger_verify  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations as _no_violations  # noqa: E402
from wijkwerk.core.tests.browser import log_in  # noqa: E402
from wijkwerk.initiatives.models import Expense, Initiative, Status  # noqa: E402

from .factories import funded_budget, ruleset_for  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _panel(page, name):
    """The form of one step on the initiative page."""
    return page.locator(f"section[aria-labelledby='{name}-heading']")


def _send(page, name):
    _panel(page, name).locator("button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()


def test_submit_review_award_spend_account_and_close(
    live_server,
    page,
    tmp_path,
    municipality,
    wijk,
    resident,
    regiegroep_member,
    wijkmanager,
    treasurer,
    gemeente_org,
):
    ruleset_for(municipality, treasurer)
    budget = funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=100_000)
    base = f"{live_server.url}/gemeente/{municipality.slug}/{wijk.slug}/initiatieven/"

    # A resident starts an initiative; a form with errors is explained accessibly.
    log_in(page, live_server, resident)
    page.goto(base)
    _no_violations(page)
    page.goto(base + "nieuw/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    _no_violations(page)
    page.fill("#id_title", "Moestuin achter de school")
    page.fill("#id_summary", "Tien moestuinbakken voor kinderen en buren.")
    page.fill("#id_purpose", "Kinderen leren waar groente vandaan komt.")
    page.fill("#id_requested", "450")
    page.fill("#id_postcode", "1781 AB")
    page.fill("#id_house_number", "12")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/initiatieven/\d+/$"))
    initiative = Initiative.objects.get()
    detail = page.url

    # A co-initiator from another address, then submission.
    panel = _panel(page, "participant")
    panel.locator("#participant-name").fill("Buurman Kees")
    panel.locator("#participant-postcode").fill("1781 AC")
    panel.locator("#participant-house_number").fill("9")
    _send(page, "participant")
    _no_violations(page)
    _send(page, "submit")
    initiative.refresh_from_db()
    assert initiative.status == Status.SUBMITTED

    # The regiegroep ticks the checklist, votes and awards from the wijkbudget.
    log_in(page, live_server, regiegroep_member)
    page.goto(detail)
    _no_violations(page)
    checklist = _panel(page, "checklist")
    for radio in checklist.locator("input[type=radio][value=yes]").all():
        radio.check()
    _send(page, "checklist")
    _panel(page, "vote").locator("input[type=radio][value=award]").check()
    _send(page, "vote")
    award = _panel(page, "award")
    award.locator("#award-reason").fill("Goed voor kinderen en buren.")
    _send(page, "award")
    initiative.refresh_from_db()
    assert initiative.status == Status.AWARDED
    _no_violations(page)

    # The resident records spending with a photo of the receipt and accounts for it.
    log_in(page, live_server, resident)
    page.goto(detail)
    receipt = tmp_path / "bon.png"
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    receipt.write_bytes(buffer.getvalue())
    spend = _panel(page, "expense")
    spend.locator("#expense-description").fill("Moestuinbakken")
    spend.locator("#expense-amount").fill("300,00")
    spend.locator("#expense-spent_on").fill(timezone.localdate().isoformat())
    spend.locator("#expense-receipt").set_input_files(str(receipt))
    _send(page, "expense")
    assert Expense.objects.get().amount_cents == 30_000
    expect(page.get_by_role("link", name=re.compile("Moestuinbakken"))).to_be_visible()
    _no_violations(page)
    account = _panel(page, "account")
    account.locator("#account-report").fill("Twaalf kinderen oogsten nu elke week.")
    account.locator("#account-participants_count").fill("25")
    _send(page, "account")

    # The contact official approves; what was not spent goes back to the wijkbudget.
    log_in(page, live_server, wijkmanager)
    page.goto(detail)
    _no_violations(page)
    _panel(page, "close").locator("input[type=radio][value=yes]").check()
    _send(page, "close")
    initiative.refresh_from_db()
    budget.refresh_from_db()
    assert initiative.status == Status.CLOSED
    assert budget.balance_cents == 100_000 - 30_000
    assert ledger_verify() == []
    # The only error the browser saw is the 400 of the form sent empty on purpose.
    assert [e for e in page.console_errors if "status of 400" not in e] == []
