import pytest

from .factories import subcategory


@pytest.fixture
def boom(municipality, gemeente_org):
    """Groen > Boom, handled by the municipality."""
    return subcategory(municipality, gemeente_org, ("groen", "Groen"), "boom", "Boom")
