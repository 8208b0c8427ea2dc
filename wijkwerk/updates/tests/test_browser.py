"""The news page and subscribing in a real browser, with WCAG 2.1 AA checks: a visitor reads
the wijk's news, filters it, tries an invalid address (refused, nothing saved), subscribes,
and confirms with the link from the mail.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core import mail  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.agenda import services as agenda  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations  # noqa: E402
from wijkwerk.meetings.tests.factories import meeting  # noqa: E402
from wijkwerk.updates.models import Subscription  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reading_the_news_and_subscribing(live_server, page, wijk, wijkmanager, item, platform):
    agenda.agenda_item_answer(
        item=item, actor=wijkmanager, verdict="nooit", motivation="Er is geen ruimte."
    )
    meeting(body=platform, actor=wijkmanager)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/gemeente/{wijk.municipality.slug}/{wijk.slug}/")
    page.get_by_role("link", name="News of this wijk").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("News")
    news = page.locator(".news-list")
    expect(news).to_contain_text("Never: Speeltuin Kerkgracht opknappen will not happen")
    expect(news).to_contain_text("Er is geen ruimte.")
    expect(news).to_contain_text("Meeting of Wijkplatform planned for")
    assert_no_axe_violations(page)

    page.get_by_label("Show").select_option("agenda_answer")
    page.get_by_role("button", name="Filter").click()
    expect(news.locator("li")).to_have_count(1)
    expect(news).not_to_contain_text("Wijkplatform")

    page.get_by_role("link", name="Get the news by e-mail").click()
    page.get_by_label("Your e-mail address").fill("bep@")
    page.get_by_label("Daily").check()
    page.get_by_role("button", name="Subscribe").click()
    expect(page.locator(".error-summary")).to_contain_text("Enter a valid e-mail address")
    assert not Subscription.objects.exists()
    assert_no_axe_violations(page)

    page.get_by_label("Your e-mail address").fill("bep@example.nl")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mail")
    assert_no_axe_violations(page)

    (message,) = mail.outbox
    confirm = re.search(r"http\S+/nieuwsbrief/bevestigen/\S+/", message.body).group(0)
    page.goto(live_server.url + urlsplit(confirm).path)
    page.get_by_role("button", name="Yes, send me the news").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Subscription confirmed")
    assert Subscription.objects.get().is_confirmed
    assert_no_axe_violations(page)
    assert page.console_errors == []
