"""Security baseline: two-factor for staff, throttled logins, CSP without inline scripts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from wijkwerk.accounts.api.permissions import StaffMFARequired
from wijkwerk.accounts.middleware import StaffMFAMiddleware
from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.selectors import needs_mfa_first
from wijkwerk.accounts.tests.factories import PASSWORD, RoleAssignmentFactory, UserFactory
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


@pytest.mark.parametrize(
    ("who", "method", "blocked"),
    [
        ("wijkmanager", "POST", True),
        ("wijkmanager", "DELETE", True),
        ("wijkmanager", "GET", False),
        ("wijkmanager", "OPTIONS", False),
        ("django_staff", "PATCH", True),
        ("resident", "POST", False),
        ("anonymous", "POST", False),
    ],
)
def test_one_staff_totp_rule_for_the_web_and_the_api(
    wijk, resident, mfa_required, who, method, blocked
):
    """The middleware (sessions) and the API permission (tokens) ask the same question."""
    user = {
        "wijkmanager": lambda: RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user,
        "django_staff": lambda: UserFactory(is_staff=True),
        "resident": lambda: resident,
        "anonymous": AnonymousUser,
    }[who]()
    assert needs_mfa_first(user, method) is blocked
    request = RequestFactory().generic(method, "/gemeente/x/")
    request.user = user
    assert StaffMFAMiddleware(lambda r: None)._must_set_up(request) is blocked
    assert StaffMFARequired().has_permission(request, view=None) is not blocked


def test_the_demo_switches_the_staff_totp_rule_off(wijk, settings):
    settings.WIJKWERK_STAFF_MFA_REQUIRED = False
    manager = RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user
    assert not needs_mfa_first(manager, "POST")


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
