"""The demo fills the news stream, dated as its story happened, and a reset rebuilds it."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkwerk.core.models import AuditEvent
from wijkwerk.updates.models import Kind, NewsEntry


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_a_filled_news_stream_dated_by_its_story():
    call_command("demo", stdout=StringIO())
    kinds = set(NewsEntry.objects.values_list("kind", flat=True))
    assert {Kind.AGENDA_ANSWER, Kind.AGENDA_DONE, Kind.MEETING_MINUTES, Kind.INITIATIVE_AWARDED,
            Kind.PB_RESULTS, Kind.SURVEY_RESULTS, Kind.INSPECTION_DONE} <= kinds  # fmt: skip
    oldest = NewsEntry.objects.order_by("occurred_at").first()
    event = AuditEvent.objects.get(pk=int(oldest.key.split(":")[1]))
    # The story starts last year; its events keep their dates in the stream.
    assert oldest.occurred_at == event.created_at
    assert oldest.occurred_at.year < timezone.now().year
    count = NewsEntry.objects.count()
    call_command("demo", "--reset", stdout=StringIO())
    assert NewsEntry.objects.count() == count
