"""Filling in a self-assessment in a real browser, with WCAG 2.1 AA checks: the wijkmanager
scores points of the first opgave (a score and a note), sees the profile with its chart and
weakest points, and turns the weakest into an internal action in one step; the point then
shows what it became. The comparison page passes the same checks.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import datetime
import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.assessments.models import Improvement, Score  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_scores_points_sees_the_profile_and_makes_an_action(
    live_server, page, assessment, manager, colleague
):
    log_in(page, live_server, manager)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    base = f"{live_server.url}/gemeente/{assessment.municipality.slug}/zelfevaluatie/"
    page.goto(f"{base}{assessment.pk}/")
    expect(page.get_by_role("heading", name=assessment.title)).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="1. Breed bereik").click()
    expect(page.get_by_role("heading", name="1. Breed bereik")).to_be_visible()
    assert_no_axe_violations(page)
    page.locator("#point-1").get_by_label("4 volledig").check()
    page.locator("#point-2").get_by_label("3 grotendeels").check()
    page.locator("#point-8").get_by_label("4 volledig").check()  # a valkuil that holds fully
    page.locator("#point-8").get_by_label("Note").fill("Geen vaste werkwijze voor ideeën")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".message-success")).to_contain_text("3 points changed")
    assert sorted(Score.objects.values_list("point__number", "value")) == [(1, 4), (2, 3), (8, 4)]

    page.goto(f"{base}{assessment.pk}/profiel/")
    expect(page.locator("svg[role=img] title")).to_have_text(
        "Average per part on the scale, with a line for the spread (the table below has the "
        "figures)"
    )
    weakest = page.locator(".weak-points > li").first
    expect(weakest).to_contain_text("8. Een werkwijze die in de wijken ideeën losmaakt")
    assert_no_axe_violations(page)

    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    weakest.get_by_label("What will be done").fill("Ideeënavonden in elke wijk")
    weakest.get_by_label("Owner").select_option(str(colleague.pk))
    weakest.get_by_label("Due date").fill(due)
    weakest.get_by_role("button", name="Make an internal action").click()
    expect(page.locator(".message-success")).to_contain_text("Point 8 has become an action")
    expect(page.locator("#point-8")).to_contain_text("Became an internal action")
    assert Improvement.objects.get().owner == colleague
    assert_no_axe_violations(page)

    page.goto(f"{base}vergelijken/tien-opgaven/")
    expect(page.get_by_role("heading", name="Den Helder over time")).to_be_visible()
    assert_no_axe_violations(page)
    assert page.console_errors == []
