import pytest

from wijkwerk.areas.tests.factories import WijkFactory


@pytest.fixture
def wijk2(municipality):
    return WijkFactory(
        municipality=municipality, code="WK040002", name="Julianadorp", slug="julianadorp"
    )
