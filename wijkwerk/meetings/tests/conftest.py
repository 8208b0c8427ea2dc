"""Fixtures of the meetings tests: a wijk of Den Helder with its bodies from the template."""

import pytest

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def accountmanager(wijk, gemeente_org):
    return RoleAssignmentFactory(
        area=wijk, role=Role.ACCOUNTMANAGER, organisation=gemeente_org
    ).user


@pytest.fixture
def corporatie(municipality):
    return OrganisationFactory(municipality=municipality, name="Woningstichting", kind="corporatie")


@pytest.fixture
def bewonersorg(municipality):
    return OrganisationFactory(municipality=municipality, name="Wijkplatform", kind="bewoners")


@pytest.fixture
def chair_resident(wijk):
    return RoleAssignmentFactory(area=wijk, role=Role.PLATFORM_CHAIR).user


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Buiten Staander")
