"""Fixtures of the schouw tests."""

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def categories(municipality):
    """Meldingen categories of the default tree that findings hint at (made by the model's
    name: this app never imports reports, not even in its tests)."""
    category = apps.get_model("reports", "Category").objects.create
    afval = category(municipality=municipality, code="afval", name="Afval")
    overig = category(municipality=municipality, code="overig", name="Overig")
    return {
        "zwerfafval": category(
            municipality=municipality, parent=afval, code="zwerfafval", name="Zwerfafval"
        ),
        "overig": category(
            municipality=municipality, parent=overig, code="overig-overig", name="Iets anders"
        ),
    }
