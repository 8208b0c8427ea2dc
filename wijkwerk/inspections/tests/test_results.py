"""Results of a schouw and the trend of a wijk, computed from known scores."""

import datetime

import pytest
from django.utils import timezone

from wijkwerk.inspections import services
from wijkwerk.inspections.models import Inspection
from wijkwerk.inspections.results import inspection_results, wijk_trend

from .factories import score, started

pytestmark = pytest.mark.django_db


def finish(inspection, actor, days_ago):
    services.inspection_transition(inspection=inspection, actor=actor, to="done")
    Inspection.objects.filter(pk=inspection.pk).update(
        starts_at=timezone.now() - datetime.timedelta(days=days_ago)
    )


def test_shares_per_kind_of_object_and_overall(wijk, wijkmanager):
    services.quality_level_set(
        area=wijk, actor=wijkmanager, object_type="zwerfafval", level="A",
        agreed_with="Wijkplatform", agreed_on=timezone.localdate(),
    )  # fmt: skip
    inspection = started(area=wijk, actor=wijkmanager)
    score(inspection, wijkmanager, 1, "zwerfafval", "A+")  # at or above A
    score(inspection, wijkmanager, 2, "zwerfafval", "B", note="Blikjes")  # below A: finding
    score(inspection, wijkmanager, 3, "zwerfafval", "A")  # at A
    score(inspection, wijkmanager, 1, "gras", "C")  # below B (nothing agreed): finding
    score(inspection, wijkmanager, 2, "gras", "B")  # at B
    results = inspection_results(inspection=inspection)
    shares = {
        row.object_type: (row.share.scored, row.share.at_or_above) for row in results.per_type
    }
    assert shares == {"gras": (2, 1), "zwerfafval": (3, 2)}
    assert (results.overall.scored, results.overall.at_or_above) == (5, 3)
    assert results.overall.percent == 60
    assert [len(row.scores) for row in results.stops] == [2, 2, 1]
    assert len(results.findings) == 2


def test_the_trend_takes_finished_schouwen_oldest_first(wijk, wijkmanager):
    old = started(area=wijk, actor=wijkmanager, title="Voorjaar")
    score(old, wijkmanager, 1, "gras", "D")
    score(old, wijkmanager, 2, "gras", "B")
    finish(old, wijkmanager, days_ago=200)
    new = started(area=wijk, actor=wijkmanager, title="Najaar")
    score(new, wijkmanager, 1, "gras", "A")
    score(new, wijkmanager, 2, "verlichting", "B")
    finish(new, wijkmanager, days_ago=10)
    running = started(area=wijk, actor=wijkmanager, title="Nog bezig")
    score(running, wijkmanager, 1, "gras", "D")
    trend = wijk_trend(area=wijk)
    assert [p.inspection.title for p in trend.points] == ["Voorjaar", "Najaar"]
    assert [p.overall.percent for p in trend.points] == [50, 100]
    assert [kind for kind, _label in trend.object_types] == ["gras", "verlichting"]
    rows = dict(trend.rows())
    assert [s.percent if s else None for s in rows["grass"]] == [50, 100]
    assert [s.percent if s else None for s in rows["street lighting"]] == [None, 100]
    assert [s.width for s in trend.overall_shares] == ["50.0%", "100.0%"]
