"""Fixtures of the agreements tests: a wijk of Den Helder with the gemeente, a corporatie, a
welfare organisation and a buurtbeheerbedrijf, each with one person acting for it."""

import pytest

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.tests.factories import FundFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def corporatie(municipality):
    return OrganisationFactory(municipality=municipality, name="Woningstichting", kind="corporatie")


@pytest.fixture
def welzijn(municipality):
    return OrganisationFactory(municipality=municipality, name="Welzijn Den Helder", kind="welzijn")


@pytest.fixture
def beheerbedrijf(municipality):
    return OrganisationFactory(
        municipality=municipality, name="Buurtbeheerbedrijf De Schooten", kind="overig"
    )


@pytest.fixture
def corporatie_staff(wijk, corporatie):
    return RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user


@pytest.fixture
def welzijn_staff(wijk, welzijn):
    return RoleAssignmentFactory(area=wijk, role=Role.OPBOUWWERKER, organisation=welzijn).user


@pytest.fixture
def beheerbedrijf_staff(wijk, beheerbedrijf):
    return RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=beheerbedrijf).user


@pytest.fixture
def outsider(db):
    return UserFactory(full_name="Buiten Staander")


@pytest.fixture
def wijkbudget(municipality, wijk, treasurer, gemeente_org):
    """A fund of which € 5.000 went to the wijk's budget."""
    fund = FundFactory(municipality=municipality, name="Beheergelden", year=2026)
    ledger.fund_contributor_set(
        fund=fund, organisation=gemeente_org, actor=treasurer, promised_cents=500_000
    )
    ledger.contribution_record(
        fund=fund, organisation=gemeente_org, actor=treasurer, amount_cents=500_000
    )
    ledger.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=500_000)
    return ledger.wijkbudget_account(fund, wijk)
