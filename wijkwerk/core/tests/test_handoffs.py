"""The handoff seam itself: without a registered app it refuses clearly; with one it passes
the request on unchanged and returns what was made."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from wijkwerk.core import handoffs


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(handoffs, "_melding_creator", None)


def request():
    return {
        "municipality": "m",
        "category_hint": "zwerfafval",
        "text": "t",
        "lat": 52.0,
        "lon": 4.0,
        "actor": None,
    }


def test_without_a_registered_app_the_handoff_refuses(registry):
    with pytest.raises(ImproperlyConfigured):
        handoffs.melding_create(**request())


def test_the_registered_creator_gets_the_request_and_its_result_is_returned(registry):
    seen = {}

    def creator(**kwargs):
        seen.update(kwargs)
        return handoffs.Made(kind="reports.report", id="7")

    handoffs.register_melding_creator(creator)
    assert handoffs.melding_create(**request()) == handoffs.Made("reports.report", "7")
    assert seen == {**request(), "photo": None}
