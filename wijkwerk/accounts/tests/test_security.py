"""Security baseline: two-factor for staff, throttled logins, CSP without inline scripts."""

import pytest
from django.urls import reverse

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import PASSWORD, RoleAssignmentFactory
from wijkwerk.agenda.tests.factories import AgendaItemFactory


@pytest.fixture
def mfa_required(settings):
    settings.WIJKWERK_STAFF_MFA_REQUIRED = True


def test_staff_without_totp_cannot_change_anything(client, wijk, mfa_required):
    manager = RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user
    item = AgendaItemFactory(area=wijk)
    client.force_login(manager)
    url = reverse("agenda:answer", args=[wijk.municipality.slug, wijk.slug, item.pk])
    response = client.post(url, {"verdict": "nooit", "motivation": "Geen budget"})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    item.refresh_from_db()
    assert item.verdict == ""


def test_staff_without_totp_can_still_read(client, wijk, mfa_required):
    client.force_login(RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user)
    assert client.get(reverse("wijk", args=[wijk.municipality.slug, wijk.slug])).status_code == 200


def test_residents_do_not_need_totp(client, wijk, resident, mfa_required):
    client.force_login(resident)
    url = reverse("agenda:propose", args=[wijk.municipality.slug, wijk.slug])
    assert client.post(url, {"title": "Een bankje"}).status_code == 302


def test_failed_logins_are_throttled(client, resident):
    """After five wrong passwords even the right one is refused for a while."""
    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": resident.email, "password": "wrong"})
    response = client.post(url, {"login": resident.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors


def test_pages_send_a_csp_without_inline_scripts(client, wijk):
    response = client.get(reverse("wijk", args=[wijk.municipality.slug, wijk.slug]))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in response.content.decode()
