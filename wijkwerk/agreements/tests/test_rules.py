"""Who may do what with an agreement, per role: a truth table on the rules permissions."""

import pytest

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import WijkFactory

from .factories import draft, in_force

pytestmark = pytest.mark.django_db

PERMS = (
    "agreements.view_agreement",
    "agreements.manage_agreement",
    "agreements.sign_agreement",
    "agreements.report_progress",
    "agreements.dispute_report",
    "agreements.view_log",
)


@pytest.fixture
def people(wijk, wijkmanager, corporatie_staff, welzijn_staff, outsider, municipality):
    other_wijk = WijkFactory(municipality=municipality, code="WK040009", slug="elders")
    return {
        "wijkmanager (owner's staff)": wijkmanager,
        "corporatie partner": corporatie_staff,
        "welzijn (not a party)": welzijn_staff,
        "manager of another wijk": RoleAssignmentFactory(
            area=other_wijk, role=Role.WIJKMANAGER
        ).user,
        "resident": outsider,
        "anonymous": None,
    }


# view, manage, sign, report, dispute, log — for a draft, then for an agreement in force
DRAFT = {
    "wijkmanager (owner's staff)": (1, 1, 1, 1, 1, 1),
    "corporatie partner": (1, 0, 1, 0, 1, 1),
    "welzijn (not a party)": (0, 0, 0, 0, 0, 0),
    "manager of another wijk": (0, 0, 0, 0, 0, 0),
    "resident": (0, 0, 0, 0, 0, 0),
    "anonymous": (0, 0, 0, 0, 0, 0),
}
IN_FORCE = {**DRAFT, **{k: (1, 0, 0, 0, 0, 0) for k in DRAFT if DRAFT[k][0] == 0}}


def _table(agreement, people):
    from django.contrib.auth.models import AnonymousUser

    return {
        name: tuple(int((user or AnonymousUser()).has_perm(p, agreement)) for p in PERMS)
        for name, user in people.items()
    }


def test_the_permissions_per_role(
    wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff, people
):
    agreement = draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie])
    assert _table(agreement, people) == DRAFT
    in_force(agreement, manager=wijkmanager, signers=[wijkmanager, corporatie_staff])
    assert _table(agreement, people) == IN_FORCE
