"""A fund with money in it, for the page tests."""

import pytest

from wijkwerk.budgets import services
from wijkwerk.organisations.tests.factories import OrganisationFactory

from .factories import FundFactory


@pytest.fixture
def fund(municipality, wijk, treasurer, gemeente_org):
    """A fund with two partners (€ 3.000 and € 1.000) of which € 2.500 went to the wijk."""
    fund = FundFactory(municipality=municipality, name="Wijkbudgetten")
    corporatie = OrganisationFactory(municipality=municipality, name="Woonstichting")
    for organisation, cents in ((gemeente_org, 300_000), (corporatie, 100_000)):
        services.fund_contributor_set(
            fund=fund, organisation=organisation, actor=treasurer, promised_cents=cents
        )
        services.contribution_record(
            fund=fund, organisation=organisation, actor=treasurer, amount_cents=cents
        )
    services.allocation_record(fund=fund, area=wijk, actor=treasurer, amount_cents=250_000)
    return fund
