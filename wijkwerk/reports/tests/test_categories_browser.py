"""Melding categories and organisations in a real browser, with WCAG 2.1 AA checks: the
functioneel beheerder adds an organisation with a department, then a category handled by
that department (first refused without a term)."""

import os

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.core.tests.browser import assert_no_axe_violations as _no_violations  # noqa: E402
from wijkwerk.core.tests.browser import log_in  # noqa: E402
from wijkwerk.organisations.models import Organisation  # noqa: E402
from wijkwerk.reports.models import Category  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_organisation_with_a_department_then_a_category(
    live_server, page, municipality, treasurer
):
    slug = municipality.slug
    log_in(page, live_server, treasurer)
    page.goto(live_server.url + reverse("organisations:list", args=[slug]))
    _no_violations(page)
    page.locator(f"a[href='{reverse('organisations:new', args=[slug])}']").click()
    page.locator("#id_name").fill("Woonzorg")
    page.locator("#id_kind").select_option("corporatie")
    _no_violations(page)
    page.locator("main button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    woonzorg = Organisation.objects.get(name="Woonzorg")
    page.locator(f"a[href$='?onder={woonzorg.pk}']").click()
    page.locator("#id_name").fill("Woonzorg")  # taken: refused
    page.locator("main button[type=submit]").click()
    expect(page.locator("#id_name_error")).to_be_visible()
    _no_violations(page)
    page.locator("#id_name").fill("Team Noord")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    team = Organisation.objects.get(name="Team Noord")
    assert team.parent == woonzorg
    _no_violations(page)

    page.goto(live_server.url + reverse("reports:categories", args=[slug]))
    _no_violations(page)
    page.locator(f"a.button[href='{reverse('reports:category_new', args=[slug])}']").click()
    page.locator("#id_name").fill("Portiek vervuild")
    page.locator("#id_organisation").select_option(str(team.pk))
    page.locator("main button[type=submit]").click()
    expect(page.locator("#id_handling_days_error")).to_be_visible()
    assert Category.objects.count() == 0
    _no_violations(page)
    page.locator("#id_handling_days").fill("3")
    page.locator("main button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    category = Category.objects.get()
    assert (category.handling_days, category.organisation) == (3, team)
    _no_violations(page)
    assert [e for e in page.console_errors if "status of 400" not in e] == []
