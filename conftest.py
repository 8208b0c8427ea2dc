"""Fixtures shared by every app's tests."""

import pytest

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.core.tests.browser import browser, page  # noqa: F401 - shared fixtures
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded files (receipts) go to a temporary folder, never into the checkout."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture(autouse=True)
def _dutch(settings):
    """Tests see the interface as a Dutch visitor does, with the test-only settings below."""
    settings.LANGUAGE_CODE = "nl"
    settings.WIJKWERK_STAFF_MFA_REQUIRED = False
    settings.SECURE_SSL_REDIRECT = False
    # Tests serve static files from the finders; production uses the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(code="GM0400", name="Den Helder", slug="den-helder")


@pytest.fixture
def wijk(municipality):
    return WijkFactory(
        municipality=municipality,
        code="WK040001",
        name="Stad binnen de Linie-Oost",
        slug="stad-oost",
    )


@pytest.fixture
def gemeente_org(municipality):
    return OrganisationFactory(municipality=municipality, name="Gemeente Den Helder")


@pytest.fixture
def resident(db):
    return UserFactory(full_name="Bewoner Bep")


@pytest.fixture
def wijkmanager(wijk, gemeente_org):
    return RoleAssignmentFactory(
        area=wijk, role=Role.WIJKMANAGER, organisation=gemeente_org, is_public_contact=True
    ).user


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (rendered fragments, rate limits, locators)."""
    from django.core.cache import cache

    from wijkwerk.areas.locate import forget_locators
    from wijkwerk.reports.open311 import forget_lookups

    forget_locators()
    forget_lookups()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def treasurer(municipality, gemeente_org):
    """A functioneel beheerder for the whole municipality: manages its funds."""
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.BEHEERDER, organisation=gemeente_org
    ).user


@pytest.fixture
def regiegroep_member(wijk):
    return RoleAssignmentFactory(area=wijk, role=Role.REGIEGROEP_MEMBER).user
