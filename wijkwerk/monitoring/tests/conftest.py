import pytest
from django.core.cache import cache

from wijkwerk.areas.tests.factories import WijkFactory


@pytest.fixture
def wijk2(municipality):
    return WijkFactory(
        municipality=municipality, code="WK040002", name="Julianadorp", slug="julianadorp"
    )


@pytest.fixture(autouse=True)
def _empty_cache():
    """The monitor caches its figures; every test starts without them."""
    cache.clear()
