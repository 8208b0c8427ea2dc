"""Fixtures shared by the initiative tests: published spelregels and a funded wijkbudget."""

import pytest

from .factories import funded_budget, ruleset_for


@pytest.fixture
def rules_v1(municipality, treasurer):
    return ruleset_for(municipality, treasurer)


@pytest.fixture
def budget(wijk, treasurer, gemeente_org):
    """A wijkbudget of € 1.000 in a fresh fund."""
    return funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org, cents=100_000)
