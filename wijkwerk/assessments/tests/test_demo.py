"""The demo's self-assessments: built through the services, Den Helder's and Hoogeveen's
completed and shared (so they compare), De Schooten's in progress with a weak point on the
wijkagenda."""

from io import StringIO

import pytest
from django.core.management import call_command

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.assessments.models import Assessment, ImprovementKind, Status
from wijkwerk.assessments.selectors import between_municipalities


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_shared_completed_and_one_running_self_assessment():
    call_command("demo", stdout=StringIO())
    done = Assessment.objects.get(municipality__code="GM0400", area__isnull=True)
    assert done.status == Status.COMPLETED and done.shared_at is not None
    assert done.scores.count() == 97 and done.team.count() == 4
    assert done.improvements.get().kind == ImprovementKind.INTERNAL
    going = Assessment.objects.get(area__code="WK040005")
    assert going.status == Status.DRAFT and going.scores.count() == 36
    item = AgendaItem.objects.get(origin_kind="assessments.score")
    assert going.improvements.get().agenda_item_id == str(item.pk)
    shared = [
        c.assessment.municipality.code
        for c in between_municipalities(instrument_key="tien-opgaven")
    ]
    assert shared == ["GM0400", "GM0118"]
    call_command("demo", "--reset", stdout=StringIO())
    assert Assessment.objects.count() == 3
