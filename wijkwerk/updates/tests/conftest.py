"""Fixtures of the updates tests: a wijk of Den Helder with an agenda and a public and a
closed body."""

import pytest

from wijkwerk.agenda import services as agenda
from wijkwerk.agenda.models import Source
from wijkwerk.meetings.tests.factories import body


@pytest.fixture(autouse=True)
def _english():
    """Headlines are asserted in their English source text."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def item(wijk, wijkmanager):
    return agenda.agenda_item_create(
        area=wijk,
        actor=wijkmanager,
        title="Speeltuin Kerkgracht opknappen",
        reason="De toestellen zijn kapot.",
        year=2026,
        source=Source.RESIDENT,
        agreed=False,
    )


@pytest.fixture
def platform(wijk, wijkmanager):
    return body(area=wijk, actor=wijkmanager)


@pytest.fixture
def closed_body(wijk, wijkmanager):
    return body(area=wijk, actor=wijkmanager, name="Signaleringsoverleg", is_public=False)
