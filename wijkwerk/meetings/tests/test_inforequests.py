"""Requests for an information meeting: a resident asks in a wijk; staff grant it with a date
(a planned meeting, the requester invited) or refuse it with a public reason; an answer is
given once and logged with who, when and why. Bad input is refused and saves nothing."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkwerk.core.models import AuditEvent
from wijkwerk.meetings import inforequests
from wijkwerk.meetings.models import BodyKind, InfoMeetingRequest, Meeting, RequestStatus

pytestmark = pytest.mark.django_db


def _ask(area, actor, topic="Herinrichting van het Molenplein"):
    return inforequests.info_request_create(area=area, actor=actor, topic=topic)


def _when(days=30):
    start = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2)}


def test_a_request_needs_a_wijk_a_topic_and_an_account(wijk, resident):
    with pytest.raises(ValidationError) as refused:
        inforequests.info_request_create(area=None, actor=resident, topic="")
    assert set(refused.value.message_dict) == {"area", "topic"}
    with pytest.raises(PermissionDenied):
        _ask(wijk, AnonymousUser())
    _ask(wijk, resident)
    with pytest.raises(ValidationError, match="already asked"):
        _ask(wijk, resident, topic="herinrichting van het molenplein")
    assert InfoMeetingRequest.objects.count() == 1


def test_granting_plans_a_meeting_and_is_logged(wijk, wijkmanager, resident):
    asked = _ask(wijk, resident)
    answered = inforequests.info_request_answer(
        request=asked, actor=wijkmanager, grant=True, location="Wijkcentrum", **_when()
    )
    assert answered.status == RequestStatus.GRANTED and answered.decided_by == wijkmanager
    meeting = answered.meeting
    assert meeting.body.kind == BodyKind.INFO_MEETING and meeting.body.area == wijk
    assert meeting.location == "Wijkcentrum"
    event = AuditEvent.objects.get(action="meetings.info_request_grant")
    assert event.actor == wijkmanager


def test_refusing_needs_a_reason_and_an_answer_is_given_once(wijk, wijkmanager, resident):
    asked = _ask(wijk, resident)
    with pytest.raises(ValidationError, match="needs a reason"):
        inforequests.info_request_answer(request=asked, actor=wijkmanager, grant=False)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.PENDING and asked.decided_at is None
    inforequests.info_request_answer(
        request=asked, actor=wijkmanager, grant=False,
        answer="Het onderwerp komt op 12 maart in het wijkplatform.",
    )  # fmt: skip
    event = AuditEvent.objects.get(action="meetings.info_request_refuse")
    assert event.reason.startswith("Het onderwerp") and event.actor == wijkmanager
    with pytest.raises(ValidationError, match="already refused"):
        inforequests.info_request_answer(
            request=asked, actor=wijkmanager, grant=True, location="X", **_when()
        )
    assert not Meeting.objects.exists()


def test_granting_needs_a_future_date_and_a_place(wijk, wijkmanager, resident):
    asked = _ask(wijk, resident)
    with pytest.raises(ValidationError) as refused:
        inforequests.info_request_answer(
            request=asked, actor=wijkmanager, grant=True, **_when(days=-3)
        )
    assert set(refused.value.message_dict) == {"starts_at", "location"}
    assert not Meeting.objects.exists()


def test_only_the_wijks_staff_answer(wijk, resident, outsider):
    asked = _ask(wijk, resident)
    for actor in (resident, outsider):
        with pytest.raises(PermissionDenied):
            inforequests.info_request_answer(request=asked, actor=actor, grant=False, answer="Nee")
    assert InfoMeetingRequest.objects.get().status == RequestStatus.PENDING
