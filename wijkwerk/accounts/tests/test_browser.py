"""People in a real browser: from the werkplek the functioneel beheerder opens "Mensen en
rollen", invites a new person as initiatievenmakelaar, gives them a second role, and makes
them the plaatsvervanger of the wijkmanager (after a refused try with the wijkmanager for
themselves); the pages pass the axe WCAG 2.1 AA check."""

import datetime
import os
import re

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.accounts.models import RoleAssignment, Substitution  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_beheerder_invites_gives_a_role_and_arranges_a_plaatsvervanger(
    live_server, page, treasurer, wijk, wijkmanager
):
    municipality = wijk.municipality
    until = (timezone.localdate() + datetime.timedelta(days=14)).isoformat()
    log_in(page, live_server, treasurer)
    page.goto(f"{live_server.url}/gemeente/{municipality.slug}/werkplek/")
    page.get_by_role("link", name="Mensen en rollen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mensen en rollen")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Iemand uitnodigen").click()
    assert_no_axe_violations(page)
    page.get_by_label("E-mailadres", exact=True).fill("nina@example.nl")
    page.get_by_label(re.compile("^Naam")).fill("Nina Nieuw")
    page.get_by_label("Rol", exact=True).select_option(label="initiatievenmakelaar")
    page.get_by_label("Wijk of dorp").select_option(label=wijk.name)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(
        page.get_by_text("Er is een uitnodiging verstuurd naar nina@example.nl.")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Initiatievenmakelaar", exact=True)).to_be_visible()

    page.get_by_role("link", name="Een rol geven").click()
    page.get_by_label("Persoon", exact=True).select_option(label="Nina Nieuw (nina@example.nl)")
    page.get_by_label("Rol", exact=True).select_option(label="opbouwwerker")
    page.get_by_label(re.compile("^Tot en met")).fill(until)
    page.get_by_role("button", name="Rol geven").click()
    expect(page.get_by_text("Nina Nieuw is nu opbouwwerker.")).to_be_visible()

    page.get_by_role("link", name="Een plaatsvervanger regelen").click()
    manager = f"{wijkmanager.full_name} ({wijkmanager.email})"
    page.get_by_label("Wie is afwezig").select_option(label=manager)
    page.get_by_label("Plaatsvervanger", exact=True).select_option(label=manager)
    page.get_by_label(re.compile("^Tot en met")).fill(until)
    page.get_by_label(re.compile("^Waarom")).fill("Vakantie")
    page.get_by_role("button", name="Plaatsvervanger regelen").click()
    expect(page.locator(".error-text")).to_have_text(
        "Iemand kan niet zijn eigen plaatsvervanger zijn."
    )
    assert not Substitution.objects.exists()
    assert_no_axe_violations(page)
    page.get_by_label("Plaatsvervanger", exact=True).select_option(
        label="Nina Nieuw (nina@example.nl)"
    )
    page.get_by_role("button", name="Plaatsvervanger regelen").click()
    expect(page.get_by_text(f"Nina Nieuw vervangt {wijkmanager.full_name}").first).to_be_visible()
    assert_no_axe_violations(page)

    roles = set(
        RoleAssignment.objects.filter(user__email="nina@example.nl").values_list("role", flat=True)
    )
    assert roles == {"initiatievenmakelaar", "opbouwwerker"}
    substitution = Substitution.objects.get()
    assert substitution.substitute.email == "nina@example.nl"
    assert substitution.absent == wijkmanager and substitution.reason == "Vakantie"
    # The refused form answered 400, which the browser reports; nothing else went wrong.
    assert [e for e in page.console_errors if "400 (Bad Request)" not in e] == []
