"""Fixtures of the self-assessment tests: the municipality's team and a started assessment."""

import pytest

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.assessments.instruments import instruments_load
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import start


@pytest.fixture(autouse=True)
def _instruments(request):
    """The shipped instruments: the migration loads them, but a test with a transactional
    database empties every table after it, so whatever runs next loads them again."""
    if request.node.get_closest_marker("django_db"):
        instruments_load()


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def manager(municipality, gemeente_org):
    """A wijkmanager for the whole municipality: runs its self-assessments."""
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user


@pytest.fixture
def colleague(wijk, municipality):
    """Someone of a partner organisation of the municipality (a corporatie)."""
    corporatie = OrganisationFactory(municipality=municipality, name="Woningstichting")
    return RoleAssignmentFactory(
        area=wijk, municipality=municipality, role=Role.PARTNER, organisation=corporatie
    ).user


@pytest.fixture
def assessment(municipality, manager, colleague):
    """The ten opgaven, for the whole municipality, with the colleague on the team."""
    return start(municipality=municipality, actor=manager, key="tien-opgaven", team=[colleague])
