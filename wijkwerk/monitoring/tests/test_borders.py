"""Topics across borders count once: an agenda item or initiative that also concerns another
wijk is counted in its own wijk's row only, so the municipality's figures do not double."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wijkwerk.monitoring import indicators
from wijkwerk.monitoring.tests import data

THIS_YEAR = timezone.localdate().year


def _table(response, key):
    return next(t for t in response.context["tables"] if t.key == key)


def test_a_topic_of_two_wijken_is_counted_once_in_the_monitor(client, wijk, wijk2):
    created = data.at(THIS_YEAR, 1, 10)
    item = data.answered(wijk, created, 4, "nu")
    item.other_areas.set([wijk2])
    initiative = data.initiative(wijk, submitted=created, due=datetime.date(THIS_YEAR, 1, 20))
    initiative.other_areas.set([wijk2])
    municipality = wijk.municipality

    answers = indicators.agenda_answers(municipality=municipality, year=THIS_YEAR)
    assert sum(r["answered"] for r in answers) == 1
    decisions = indicators.initiative_decisions(municipality=municipality, year=THIS_YEAR)
    assert sum(r["submitted"] for r in decisions) == 1

    response = client.get(reverse("monitoring:municipality", args=[municipality.slug]))
    rows = {row[0]: row for row in _table(response, "initiatieven").rows}
    assert rows[wijk.name][1] == 1
    assert rows[wijk2.name][1] in (None, 0)
    rows = {row[0]: row for row in _table(response, "antwoorden").rows}
    assert rows[wijk.name][1] == 1 and rows[wijk2.name][1] in (None, 0)
