"""Bodies, meetings and their outcomes through the services: the seeds' chair rules, moving
and cancelling, residents' points, minutes, and action points that become (or update) a
wijkagenda item in one step. Bad input is refused with a clear message and nothing saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkwerk.agenda.models import AgendaItem, AgendaItemUpdate, Source, Status
from wijkwerk.agenda.services import agenda_item_create
from wijkwerk.meetings import services
from wijkwerk.meetings.models import (
    ActionPoint,
    AgendaPoint,
    Body,
    BodyKind,
    Meeting,
    MeetingStatus,
    Membership,
    PointStatus,
)

from .factories import body, held, meeting

pytestmark = pytest.mark.django_db


def test_only_the_wijks_staff_create_bodies(wijk, resident):
    with pytest.raises(PermissionDenied):
        body(area=wijk, actor=resident)
    assert not Body.objects.exists()


def test_the_template_is_applied_once(wijk, wijkmanager):
    made = services.bodies_from_template(area=wijk, actor=wijkmanager, template="den-helder")
    assert len(made) == 5
    assert services.bodies_from_template(area=wijk, actor=wijkmanager, template="den-helder") == []
    wct = Body.objects.get(kind=BodyKind.COORDINATION_TEAM)
    assert not wct.is_public and wct.per_year == 10


def test_residents_chair_the_wijkplatform(wijk, wijkmanager, accountmanager, chair_resident,
                                          corporatie, bewonersorg):  # fmt: skip
    platform = body(area=wijk, actor=wijkmanager)
    with pytest.raises(ValidationError) as refused:
        services.member_add(body=platform, actor=wijkmanager, user=accountmanager,
                            organisation=corporatie, is_chair=True)  # fmt: skip
    assert "Residents chair the wijkplatform" in refused.value.message_dict["is_chair"][0]
    assert not Membership.objects.exists()
    services.member_add(body=platform, actor=wijkmanager, user=chair_resident,
                        organisation=bewonersorg, is_chair=True)  # fmt: skip
    with pytest.raises(ValidationError) as second:
        services.member_add(body=platform, actor=wijkmanager, user=accountmanager, is_chair=True)
    assert "already has a chair" in second.value.message_dict["is_chair"][0]


def test_the_accountmanager_chairs_the_coordination_team_of_mandated_members(
    wijk, wijkmanager, accountmanager, chair_resident, corporatie, gemeente_org
):
    team = body(area=wijk, actor=wijkmanager, name="WCT", kind=BodyKind.COORDINATION_TEAM,
                per_year=10, is_public=False)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.member_add(body=team, actor=wijkmanager, user=chair_resident, is_chair=True)
    assert "accountmanager" in refused.value.message_dict["is_chair"][0]
    with pytest.raises(ValidationError) as no_mandate:
        services.member_add(body=team, actor=wijkmanager, user=wijkmanager, organisation=corporatie)
    assert "mandate" in no_mandate.value.message_dict["mandate"][0]
    services.member_add(body=team, actor=wijkmanager, user=accountmanager,
                        organisation=gemeente_org, mandate="Openbare ruimte", is_chair=True)  # fmt: skip
    assert team.members.get().is_chair


def test_a_meeting_ending_before_it_starts_is_refused(wijk, wijkmanager):
    platform = body(area=wijk, actor=wijkmanager)
    with pytest.raises(ValidationError) as refused:
        meeting(body=platform, actor=wijkmanager, hours=-1)
    assert refused.value.message_dict["ends_at"] == ["The meeting must end after it starts."]
    found = meeting(body=platform, actor=wijkmanager)
    with pytest.raises(ValidationError):
        services.meeting_move(meeting=found, actor=wijkmanager, starts_at=found.starts_at,
                              ends_at=found.starts_at - datetime.timedelta(minutes=5))  # fmt: skip
    found.refresh_from_db()
    assert found.sequence == 0 and found.ends_at > found.starts_at
    assert Meeting.objects.count() == 1


def test_moving_and_cancelling_raise_the_sequence(wijk, wijkmanager):
    found = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    later = found.starts_at + datetime.timedelta(days=1)
    moved = services.meeting_move(meeting=found, actor=wijkmanager, starts_at=later,
                                  ends_at=later + datetime.timedelta(hours=2))  # fmt: skip
    assert moved.sequence == 1 and moved.uid == found.uid
    with pytest.raises(ValidationError):
        services.meeting_cancel(meeting=moved, actor=wijkmanager, reason=" ")
    cancelled = services.meeting_cancel(meeting=moved, actor=wijkmanager, reason="Zaal dicht")
    assert cancelled.status == MeetingStatus.CANCELLED and cancelled.sequence == 2


def test_a_member_is_never_planned_into_two_meetings_on_one_day(
    wijk, wijkmanager, accountmanager, gemeente_org
):
    platform = body(area=wijk, actor=wijkmanager)
    team = body(area=wijk, actor=wijkmanager, name="WCT", kind=BodyKind.COORDINATION_TEAM,
                per_year=10, is_public=False)  # fmt: skip
    for each in (platform, team):
        services.member_add(body=each, actor=wijkmanager, user=accountmanager,
                            organisation=gemeente_org, mandate="Openbare ruimte")  # fmt: skip
    evening = meeting(body=platform, actor=wijkmanager)
    morning = timezone.localtime(evening.starts_at).replace(hour=9, minute=0)
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(body=team, actor=wijkmanager, starts_at=morning,
                                ends_at=morning + datetime.timedelta(hours=1))  # fmt: skip
    assert (
        "already has a meeting that day (Wijkplatform" in refused.value.message_dict["starts_at"][0]
    )
    assert Meeting.objects.count() == 1
    next_day = morning + datetime.timedelta(days=1)
    other = services.meeting_create(body=team, actor=wijkmanager, starts_at=next_day,
                                    ends_at=next_day + datetime.timedelta(hours=1))  # fmt: skip
    with pytest.raises(ValidationError):
        services.meeting_move(meeting=other, actor=wijkmanager, starts_at=morning,
                              ends_at=morning + datetime.timedelta(hours=1))  # fmt: skip
    other.refresh_from_db()
    assert other.starts_at == next_day and other.sequence == 0
    # Moving a meeting within its own day, or next to a cancelled one, is no clash.
    services.meeting_cancel(meeting=evening, actor=wijkmanager, reason="Zaal dicht")
    services.meeting_move(meeting=other, actor=wijkmanager, starts_at=morning,
                          ends_at=morning + datetime.timedelta(hours=1))  # fmt: skip
    services.meeting_move(meeting=other, actor=wijkmanager, starts_at=morning.replace(hour=10),
                          ends_at=morning.replace(hour=11))  # fmt: skip


def test_a_resident_proposes_a_point_for_a_public_meeting_and_staff_decide(
    wijk, wijkmanager, resident
):
    found = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    point = services.point_propose(meeting=found, actor=resident, title="Hondenpoep in het park")
    assert point.status == PointStatus.PROPOSED
    with pytest.raises(PermissionDenied):
        services.point_decide(point=point, actor=resident, accept=True)
    with pytest.raises(ValidationError) as no_reason:
        services.point_decide(point=point, actor=wijkmanager, accept=False)
    assert "'no' needs a reason" in no_reason.value.message_dict["reason"][0]
    declined = services.point_decide(point=point, actor=wijkmanager, accept=False,
                                     reason="Staat al op de wijkagenda.")  # fmt: skip
    assert declined.status == PointStatus.DECLINED
    closed = body(area=wijk, actor=wijkmanager, name="WCT", is_public=False)
    with pytest.raises(PermissionDenied):
        services.point_propose(meeting=meeting(body=closed, actor=wijkmanager), actor=resident,
                               title="Iets")  # fmt: skip
    assert AgendaPoint.objects.count() == 1


def test_minutes_only_once_the_meeting_has_started(wijk, wijkmanager):
    found = meeting(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    with pytest.raises(ValidationError):
        services.meeting_record(meeting=found, actor=wijkmanager, minutes="Vooruit gedacht")
    found.refresh_from_db()
    assert found.status == MeetingStatus.PLANNED and found.minutes == ""


def test_an_action_point_becomes_an_agreed_agenda_item_pointing_back(wijk, wijkmanager, corporatie):
    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    action = services.action_point_add(
        meeting=done, actor=wijkmanager, title="Speeltuin opknappen",
        owner_organisation=corporatie, due_date=datetime.date(2027, 6, 1),
    )  # fmt: skip
    item = action.agenda_item
    assert item.status == Status.PLANNED and item.owner_organisation == corporatie
    assert item.source == Source.MEETING
    assert (item.origin_kind, item.origin_id) == ("meetings.actionpoint", str(action.pk))
    assert item.reason.startswith("Action point of Wijkplatform,")
    with pytest.raises(ValidationError):
        services.action_point_to_agenda(action=action, actor=wijkmanager)
    assert AgendaItem.objects.count() == 1


def test_an_action_point_updates_the_agenda_item_it_is_about(
    wijk, wijkmanager, corporatie, gemeente_org
):
    item = agenda_item_create(area=wijk, actor=wijkmanager, title="Verlichting Kerkpad",
                              year=2026, source=Source.PARTNER, owner_organisation=gemeente_org)  # fmt: skip
    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    action = services.action_point_add(meeting=done, actor=wijkmanager, title="Corporatie neemt over",
                                       owner_organisation=corporatie, agenda_item=item)  # fmt: skip
    item.refresh_from_db()
    assert action.agenda_item == item and item.owner_organisation == corporatie
    assert AgendaItemUpdate.objects.get(item=item).text.startswith("Action point of Wijkplatform")
    assert AgendaItem.objects.count() == 1


def test_an_action_point_without_probleemeigenaar_saves_nothing(wijk, wijkmanager):
    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    with pytest.raises(ValidationError) as refused:
        services.action_point_add(meeting=done, actor=wijkmanager, title="Iets",
                                  owner_organisation=None)  # fmt: skip
    assert "needs a probleemeigenaar" in refused.value.message_dict["owner_organisation"][0]
    assert not ActionPoint.objects.exists() and not AgendaItem.objects.exists()


def test_a_failing_agenda_step_leaves_no_action_point(wijk, wijkmanager, municipality):
    from wijkwerk.areas.tests.factories import MunicipalityFactory
    from wijkwerk.organisations.tests.factories import OrganisationFactory

    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(code="GM0777"))
    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    with pytest.raises(ValidationError):
        services.action_point_add(meeting=done, actor=wijkmanager, title="Iets",
                                  owner_organisation=elsewhere)  # fmt: skip
    assert not ActionPoint.objects.exists() and not AgendaItem.objects.exists()
