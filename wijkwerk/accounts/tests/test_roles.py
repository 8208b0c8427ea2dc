"""Roles are held per wijk for an organisation of the same municipality; contacts are public."""

import pytest
from django.core.exceptions import ValidationError

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.selectors import contact_list, has_capability
from wijkwerk.accounts.services import role_assign
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.areas.tests.factories import BuurtFactory, MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.tests.factories import OrganisationFactory


def test_role_in_a_wijk_of_another_municipality_is_refused(wijk):
    other = MunicipalityFactory()
    with pytest.raises(ValidationError) as excinfo:
        role_assign(user=UserFactory(), role=Role.WIJKMANAGER, municipality=other, area=wijk)
    assert "area" in excinfo.value.message_dict


def test_role_for_an_organisation_of_another_municipality_is_refused(wijk):
    foreign = OrganisationFactory()
    with pytest.raises(ValidationError) as excinfo:
        role_assign(
            user=UserFactory(),
            role=Role.PARTNER,
            municipality=wijk.municipality,
            area=wijk,
            organisation=foreign,
        )
    assert "organisation" in excinfo.value.message_dict


def test_roles_are_held_per_wijk_not_per_buurt(wijk):
    with pytest.raises(ValidationError):
        role_assign(
            user=UserFactory(),
            role=Role.WIJKAGENT,
            municipality=wijk.municipality,
            area=BuurtFactory(parent=wijk),
        )


def test_assigning_a_role_is_logged_and_takes_effect_at_once(wijk):
    user = UserFactory()
    assert not has_capability(user, "answer_item", area=wijk)
    assignment = role_assign(
        user=user, role=Role.WIJKMANAGER, municipality=wijk.municipality, area=wijk
    )
    assert has_capability(user, "answer_item", area=wijk)
    assert AuditEvent.objects.for_target(assignment).filter(action="role.assign").exists()


def test_a_wijk_role_covers_its_buurten(wijk):
    user = RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user
    assert has_capability(user, "answer_item", area=BuurtFactory(parent=wijk))


def test_contacts_list_public_roles_of_the_wijk_and_the_municipality_in_role_order(
    wijk, municipality
):
    agent = RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT, is_public_contact=True)
    manager = RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER, is_public_contact=True)
    wethouder = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKWETHOUDER, is_public_contact=True
    )
    RoleAssignmentFactory(area=wijk, role=Role.RESIDENT, is_public_contact=True)
    RoleAssignmentFactory(area=wijk, role=Role.OPBOUWWERKER, is_public_contact=False)
    RoleAssignmentFactory(
        area=WijkFactory(municipality=municipality), role=Role.WIJKAGENT, is_public_contact=True
    )
    assert contact_list(area=wijk) == [manager, wethouder, agent]
