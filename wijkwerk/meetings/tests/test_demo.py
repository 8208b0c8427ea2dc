"""The demo's overleggen: De Schooten's standard bodies with members, this year's planning,
one held wijkplatform meeting with minutes and an action point that became an agenda item."""

from io import StringIO

import pytest
from django.core.management import call_command

from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.meetings.models import (
    ActionPoint,
    Body,
    BodyKind,
    InfoMeetingRequest,
    Meeting,
    MeetingStatus,
    OpenSession,
    RequestStatus,
)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.django_db
def test_the_demo_has_bodies_a_planned_year_and_a_held_meeting_with_an_action_point():
    call_command("demo", stdout=StringIO())
    bodies = Body.objects.filter(area__code="WK040005")
    assert bodies.exclude(kind__in=[BodyKind.WERKATELIER, BodyKind.INFO_MEETING]).count() == 5
    platform = bodies.get(kind=BodyKind.WIJKPLATFORM)
    assert platform.members.get(is_chair=True).organisation.kind == "bewoners"
    assert Meeting.objects.filter(body__in=bodies).count() >= 32
    held = Meeting.objects.get(status=MeetingStatus.HELD)
    assert held.body == platform and held.minutes
    action = ActionPoint.objects.get()
    item = AgendaItem.objects.get(origin_kind="meetings.actionpoint", origin_id=str(action.pk))
    assert item.source == Source.MEETING and item.owner_organisation == action.owner_organisation
    session = OpenSession.objects.get()
    assert session.meeting.body.kind == BodyKind.WERKATELIER
    assert session.signups.filter(cancelled_at__isnull=True).count() == 3
    requests = {r.status: r for r in InfoMeetingRequest.objects.all()}
    assert set(requests) == {RequestStatus.GRANTED, RequestStatus.PENDING}
    assert requests[RequestStatus.GRANTED].meeting.status == MeetingStatus.PLANNED
    stuurgroep = Body.objects.get(kind=BodyKind.STUURGROEP)
    assert stuurgroep.municipality_wide and stuurgroep.area.municipality.code == "GM0400"
    assert stuurgroep.mandate and stuurgroep.members.count() == 4
    assert stuurgroep.meetings.filter(status=MeetingStatus.PLANNED).count() == 1
    regiegroep = Body.objects.get(kind=BodyKind.REGIEGROEP)
    assert regiegroep.area.municipality.code == "GM0118" and regiegroep.mandate
    assert regiegroep.members.filter(is_chair=True).exists()
    assert regiegroep.meetings.count() == 6
    call_command("demo", "--reset", stdout=StringIO())
    assert ActionPoint.objects.count() == 1 and OpenSession.objects.count() == 1
