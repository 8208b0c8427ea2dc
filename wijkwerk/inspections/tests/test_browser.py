"""Walking a schouw on a phone-sized screen (360×740) in a real browser, with WCAG 2.1 AA
checks: the wijkmanager opens a stop, scores an object at its agreed level, scores another
below it with a note and a photo (a finding), and hands the finding on as a melding; the
finding then links to the melding. No page scrolls sideways, and without a position from the
phone the stop's location stays in the fields; with it, "Use my position" fills them in.

Run alone with `pytest -m browser`. The visitor has chosen English (a cookie).
"""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.inspections.models import Finding, Score  # noqa: E402

from .factories import photo, started  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        locale="en-GB",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": 52.9571, "longitude": 4.7593},
        permissions=["geolocation"],
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_wijkmanager_walks_a_stop_on_a_phone_and_hands_a_finding_on(
    live_server, phone, wijk, wijkmanager, categories, tmp_path
):
    inspection = started(area=wijk, actor=wijkmanager, photo_required=True)
    log_in(phone, live_server, wijkmanager)
    phone.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    base = f"{live_server.url}/gemeente/{wijk.municipality.slug}/schouw/{inspection.pk}/"
    phone.goto(base + "route/3/")
    expect(phone.get_by_role("heading", name="Winkelstraat")).to_be_visible()
    expect(phone.get_by_label("Latitude")).to_have_value("52.957")
    no_sideways_scroll(phone)
    assert_no_axe_violations(phone)

    # At the agreed level (B): a score, no finding.
    phone.get_by_label("What do you score?").select_option("zwerfafval")
    phone.get_by_text("B basic").click()
    phone.get_by_role("button", name="Save the score").click()
    expect(phone.locator(".message-success")).to_contain_text("Scored B")

    # Below it, without the photo this schouw requires: refused, nothing saved.
    phone.get_by_label("What do you score?").select_option("afvalbakken")
    phone.get_by_text("D very low").click()
    phone.get_by_label("What is wrong?").fill("Afvalbak ligt om, zakken opengescheurd")
    phone.get_by_role("button", name="Save the score").click()
    expect(phone.locator(".error-summary")).to_contain_text("needs a photo")
    assert Score.objects.count() == 1
    no_sideways_scroll(phone)
    assert_no_axe_violations(phone)

    picture = tmp_path / "afvalbak.jpg"
    picture.write_bytes(photo().read())
    phone.get_by_text("D very low").click()
    phone.get_by_role("button", name="Use my position").click()
    expect(phone.get_by_label("Latitude")).to_have_value("52.957100")
    phone.get_by_label("Photo of the finding").set_input_files(str(picture))
    phone.get_by_role("button", name="Save the score").click()
    expect(phone.locator(".message-warning")).to_contain_text("noted as a finding")
    finding = Finding.objects.get()
    assert finding.photo and (finding.lat, finding.lon) == (52.9571, 4.7593)

    phone.goto(base)
    no_sideways_scroll(phone)
    assert_no_axe_violations(phone)
    card = phone.locator(f"#finding-{finding.pk}")
    expect(card.locator("img")).to_be_visible()
    card.get_by_label("melding").check()
    card.get_by_role("button", name="Hand on").click()
    expect(phone.locator(".message-success")).to_contain_text("has become a melding")
    report = apps.get_model("reports", "Report").objects.get()
    expect(phone.locator(f"#finding-{finding.pk} a")).to_have_attribute(
        "href", f"/gemeente/{wijk.municipality.slug}/meldingen/{report.pk}/"
    )
    assert not phone.locator(f"#finding-{finding.pk} form").count()
    assert_no_axe_violations(phone)
    # (The refused form's answer, 400, is the only resource the browser reports.)
    assert [e for e in phone.console_errors if "status of 400" not in e] == []
