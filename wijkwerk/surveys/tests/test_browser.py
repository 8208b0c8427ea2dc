"""Answering a survey in a real browser, with WCAG 2.1 AA checks: a resident opens the
burgerpeiling, answers every question, types the invitation code and sends; a wrong answer
first is shown on the form. After the close the results page shows charts and tables.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie), so the test
reads the interface's source texts whatever the translation says.
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations  # noqa: E402
from wijkwerk.surveys import services  # noqa: E402
from wijkwerk.surveys.models import InvitationCode, Response  # noqa: E402

from .factories import close, respond  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_resident_answers_the_burgerpeiling_with_a_code(
    live_server, page, survey, treasurer, wijk
):
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    code = services.invitation_codes_generate(survey=survey, actor=treasurer, count=1)[0]
    address = f"{live_server.url}/gemeente/{survey.municipality.slug}/peilingen/{survey.pk}/"
    page.goto(address)
    assert_no_axe_violations(page)

    for question in survey.questions.filter(kind="scale"):
        page.locator(f"input[name='question_{question.pk}'][value='4']").check()
    page.get_by_label("Heel belangrijk").check()
    page.get_by_label("Ja, een enkele keer").check()
    page.get_by_label("Stemmen over het wijkbudget").check()
    page.get_by_label("Wat zou je buurt een betere plek maken om te wonen?").fill("Meer bomen")
    page.get_by_label("30 to 49 years").check()
    page.get_by_label("Your wijk or village").select_option(label=wijk.name)
    page.get_by_label("Your invitation code").fill("WRONG-CODE-0000")
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".error-summary")).to_contain_text("not valid for this survey")
    assert_no_axe_violations(page)
    assert not Response.objects.exists()

    page.get_by_label("Your invitation code").fill(code.lower())
    page.get_by_role("button", name="Send my answers").click()
    expect(page.locator(".message-success")).to_contain_text("saved anonymously")
    response = Response.objects.get()
    assert (response.area, response.age_group) == (wijk, "30-49")
    assert InvitationCode.objects.get().used
    assert_no_axe_violations(page)

    respond(survey, treasurer, n=5, area=wijk)
    close(survey)
    page.goto(address + "uitkomsten/")
    expect(page.locator("figure.chart svg rect.chosen").first).to_be_attached()
    expect(page.get_by_text("6 respondents.")).to_be_visible()
    assert_no_axe_violations(page)
