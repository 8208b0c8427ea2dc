"""Fixtures shared by the survey tests: a second wijk, and surveys in each state."""

import pytest

from wijkwerk.areas.tests.factories import WijkFactory

from .factories import open_survey


@pytest.fixture
def wijk2(municipality):
    return WijkFactory(
        municipality=municipality, code="WK040002", name="Nieuw Den Helder", slug="nieuw"
    )


@pytest.fixture
def survey(municipality, wijk, treasurer):
    """The standard burgerpeiling, open in the whole municipality (panel codes)."""
    return open_survey(municipality=municipality, actor=treasurer)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text, which translations do not change."""
    from django.utils import translation

    with translation.override("en"):
        yield
