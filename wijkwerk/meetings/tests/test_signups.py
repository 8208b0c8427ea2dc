"""Open sessions through the services: a werkatelier is a meeting of the wijk's werkatelier
body; signing up respects the places and the deadline (also when many sign up at once);
the confirmation carries the invitation and a signed sign-off link; a bad or used link is
refused; and what comes out of the session reaches the wijkagenda like any action point."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.concurrency import in_parallel, skip_unless_postgres
from wijkwerk.meetings import services, signups
from wijkwerk.meetings.models import BodyKind, Meeting, MeetingStatus, OpenSession, SignUp
from wijkwerk.meetings.signoff import signoff_token
from wijkwerk.meetings.tasks import send_signup_confirmation

from .factories import body, session

pytestmark = pytest.mark.django_db


def _sign_up(s, n: int = 0, **values):
    values.setdefault("name", f"Deelnemer {n}")
    values.setdefault("email", f"deelnemer{n}@example.nl")
    return signups.session_sign_up(session=s, actor=values.pop("actor", None), **values)


def test_a_session_is_a_meeting_of_the_wijks_werkatelier_body_left_out_of_the_year_plan(
    wijk, wijkmanager
):
    body(area=wijk, actor=wijkmanager)
    first = session(area=wijk, actor=wijkmanager)
    second = session(area=wijk, actor=wijkmanager, topic="Groen in de straat")
    assert first.meeting.body == second.meeting.body
    assert first.meeting.body.kind == BodyKind.WERKATELIER and first.meeting.body.is_public
    next_year = timezone.localdate().year + 1
    planned = services.year_plan(area=wijk, actor=wijkmanager, year=next_year)
    assert {m.body.kind for m in planned.meetings} == {BodyKind.WIJKPLATFORM}


def test_only_staff_plan_a_session_and_bad_input_saves_nothing(wijk, wijkmanager, resident):
    with pytest.raises(PermissionDenied):
        session(area=wijk, actor=resident)
    with pytest.raises(ValidationError) as refused:
        session(area=wijk, actor=wijkmanager, capacity=0, topic=" ", deadline_days=20)
    errors = refused.value.message_dict
    assert set(errors) >= {"capacity", "topic", "signup_deadline"}
    assert "before the session starts" in errors["signup_deadline"][0]
    assert not OpenSession.objects.exists() and not Meeting.objects.exists()


def test_the_last_place_goes_once_then_the_session_is_full(wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager, capacity=2)
    _sign_up(s, 1)
    _sign_up(s, 2)
    with pytest.raises(ValidationError, match="full: all 2 places"):
        _sign_up(s, 3)
    assert SignUp.objects.count() == 2


def test_one_address_signs_up_once_and_a_bad_address_is_refused(wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager)
    _sign_up(s, 1, email="Piet@Example.nl")
    with pytest.raises(ValidationError, match="already signed up"):
        _sign_up(s, 2, email="piet@example.nl ")
    with pytest.raises(ValidationError) as refused:
        _sign_up(s, 3, name="", email="geen-adres")
    assert set(refused.value.message_dict) == {"name", "email"}
    assert SignUp.objects.count() == 1


def test_sign_up_closes_at_the_deadline_and_for_a_cancelled_session(wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager)
    OpenSession.objects.filter(pk=s.pk).update(
        signup_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(ValidationError, match="Sign-up closed on"):
        _sign_up(s)
    other = session(area=wijk, actor=wijkmanager, topic="Tweede")
    services.meeting_cancel(meeting=other.meeting, actor=wijkmanager, reason="Te weinig animo")
    with pytest.raises(ValidationError, match="cancelled"):
        _sign_up(other)
    assert not SignUp.objects.exists()


def test_a_logged_in_resident_is_linked_and_the_sign_up_is_logged_without_personal_data(
    wijk, wijkmanager, resident
):
    s = session(area=wijk, actor=wijkmanager)
    made = _sign_up(s, actor=resident, name="Bep", email=resident.email)
    assert made.user == resident
    event = AuditEvent.objects.get(action="meetings.session_sign_up")
    assert event.actor == resident and resident.email not in str(event.changes)


def test_the_confirmation_carries_the_invitation_and_a_link_that_signs_off(
    client, wijk, wijkmanager
):
    s = session(area=wijk, actor=wijkmanager)
    made = _sign_up(s, 1)
    assert send_signup_confirmation.call(made.pk)
    message = mail.outbox[-1]
    assert message.to == ["deelnemer1@example.nl"]
    filename, content, mimetype = message.attachments[0]
    assert mimetype.startswith("text/calendar; method=REQUEST")
    calendar = Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == f"{s.meeting.uid}@wijkwerk"
    assert "deelnemer1@example.nl" in str(event["ATTENDEE"])
    link = re.search(r"https?://\S+/overleg/afmelden/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # asks, changes nothing
    assert SignUp.objects.get().cancelled_at is None
    client.post("/" + path)
    assert SignUp.objects.get().cancelled_at is not None
    assert signups.places_taken(s) == 0


def test_a_bad_or_used_sign_off_token_is_refused_and_changes_nothing(wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager)
    made = _sign_up(s, 1)
    token = signoff_token(made)
    for bad in ("", "nonsense", token[:-3] + "abc", token.replace(":", ";", 1)):
        with pytest.raises(ValidationError, match="not valid"):
            signups.session_sign_off(token=bad)
    assert SignUp.objects.get().cancelled_at is None
    signups.session_sign_off(token=token)
    with pytest.raises(ValidationError, match="already signed off"):
        signups.session_sign_off(token=token)


def test_a_freed_place_can_be_taken_again(wijk, wijkmanager):
    s = session(area=wijk, actor=wijkmanager, capacity=1)
    first = _sign_up(s, 1)
    with pytest.raises(ValidationError, match="full"):
        _sign_up(s, 2)
    signups.session_sign_off(token=signoff_token(first))
    assert _sign_up(s, 2).email == "deelnemer2@example.nl"


def test_the_sessions_outcome_reaches_the_wijkagenda_saying_where_it_came_from(
    wijk, wijkmanager, gemeente_org
):
    s = session(area=wijk, actor=wijkmanager)
    Meeting.objects.filter(pk=s.meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    meeting = services.meeting_record(
        meeting=Meeting.objects.get(pk=s.meeting.pk), actor=wijkmanager,
        minutes="Twintig bewoners en de school tekenden het speelveld.",
    )  # fmt: skip
    assert meeting.status == MeetingStatus.HELD
    action = services.action_point_add(
        meeting=meeting, actor=wijkmanager, title="Speelveld inrichten", owner_organisation=gemeente_org
    )  # fmt: skip
    item = AgendaItem.objects.get(origin_kind="meetings.actionpoint", origin_id=str(action.pk))
    assert item.source == Source.MEETING and item.owner_organisation == gemeente_org
    assert "werkatelier 'Het nieuwe speelveld'" in item.reason


# --- concurrency (PostgreSQL) --------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_many_people_racing_for_three_places_get_exactly_three(wijk, wijkmanager):
    skip_unless_postgres()
    s = session(area=wijk, actor=wijkmanager, capacity=3)
    n = 10
    outcomes = in_parallel(lambda i: _sign_up(s, i), n)
    assert sum(isinstance(o, SignUp) for o in outcomes) == 3, outcomes
    assert sum(isinstance(o, ValidationError) for o in outcomes) == n - 3
    assert SignUp.objects.filter(session=s, cancelled_at__isnull=True).count() == 3


def test_an_on_demand_body_is_not_made_with_a_cadence(wijk, wijkmanager):
    with pytest.raises(ValidationError, match="have no cadence"):
        body(area=wijk, actor=wijkmanager, name="Ateliers", kind=BodyKind.WERKATELIER)
