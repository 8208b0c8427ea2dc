"""The demo's wijkschouw: built through the services in De Schooten, two schouwen done (a
trend), findings handed on as a melding and an agenda item, and one planned."""

from io import StringIO

import pytest
from django.core.management import call_command

from wijkwerk.inspections.models import Became, Inspection, Status
from wijkwerk.inspections.results import wijk_trend


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_done_and_planned_schouwen_with_findings_handed_on():
    call_command("demo", stdout=StringIO())
    schouwen = Inspection.objects.filter(area__code="WK040005").order_by("starts_at")
    assert [s.status for s in schouwen] == [Status.DONE, Status.DONE, Status.PLANNED]
    assert schouwen[2].participants.count() == 3
    became = set(schouwen[1].findings.exclude(became_kind="").values_list("became_kind", flat=True))
    assert became == {Became.MELDING, Became.AGENDA_ITEM}
    trend = wijk_trend(area=schouwen[0].area)
    assert [p.overall.percent for p in trend.points] == [50, 62.5]  # 4 of 8, then 5 of 8
