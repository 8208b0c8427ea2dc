"""Open sessions — werkateliers and snelkooksessies — and signing up for them.

Den Helder's programme (seed 003) works "from outside in": anyone with a stake, ambition or
interest may sit at the table of a werkatelier or snelkooksessie. Here a session is a meeting
of the wijk's on-demand body of that kind, so its page, calendar entry, minutes and action
points are those of every meeting: its outcomes reach the wijkagenda through
`services.action_point_add`, like any meeting's.

Signing up is counted against the places under a row lock on the session, so two people
racing for the last place cannot both get it; sign-ups close at the deadline. The confirmation
e-mail carries the invitation (.ics) and a signed link to sign off.
"""

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area
from wijkwerk.core.tasks import enqueue_on_commit

from .models import (
    SESSION_KINDS,
    Body,
    BodyKind,
    Meeting,
    MeetingStatus,
    OpenSession,
    SignUp,
)
from .services import _log, _time_errors, check_perm
from .signoff import signup_id_from_token
from .tasks import CANCEL, send_invitation, send_signup_confirmation

# The names of the on-demand bodies, kept in Dutch like the standard bodies' names.
ON_DEMAND_NAMES = {
    BodyKind.WERKATELIER: "Werkateliers",
    BodyKind.SNELKOOKSESSIE: "Snelkooksessies",
    BodyKind.INFO_MEETING: "Informatiebijeenkomsten",
}
MAX_CAPACITY = 500


def on_demand_body(*, area: Area, kind: str, start_time: datetime.time) -> Body:
    """The wijk's public body for meetings called when needed (made the first time)."""
    body = Body.objects.filter(area=area, kind=kind).order_by("id").first()
    if body is None:
        body = Body.objects.create(
            area=area, kind=kind, name=ON_DEMAND_NAMES[kind], is_public=True,
            start_time=start_time,
        )  # fmt: skip
    return body


@transaction.atomic
def session_create(
    *,
    area: Area,
    actor: Any,
    kind: str,
    topic: str,
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    capacity: int | None,
    signup_deadline: datetime.datetime | None,
    location: str = "",
    description: str = "",
) -> OpenSession:
    """A werkatelier or snelkooksessie that anyone may sign up for until the deadline."""
    check_perm(actor, "meetings.manage_bodies", area)
    topic, location = topic.strip(), location.strip()
    errors = _time_errors(starts_at, ends_at)
    if kind not in SESSION_KINDS:
        errors["kind"] = [_("Choose werkatelier or snelkooksessie.")]
    if not area.is_wijk:
        errors["kind"] = [_("Sessions are held per wijk or village.")]
    if not topic:
        errors["topic"] = [_("Say what the session is about.")]
    if not location:
        errors["location"] = [_("Say where the session takes place.")]
    if capacity is None or not 1 <= capacity <= MAX_CAPACITY:
        errors["capacity"] = [
            _("Give the number of places, between 1 and %(max)s.") % {"max": MAX_CAPACITY}
        ]
    if signup_deadline is None:
        errors["signup_deadline"] = [_("Give the date and time sign-ups close.")]
    elif starts_at is not None and signup_deadline > starts_at:
        errors["signup_deadline"] = [_("Sign-ups must close before the session starts.")]
    elif signup_deadline <= timezone.now():
        errors["signup_deadline"] = [_("The sign-up deadline must lie in the future.")]
    if errors:
        raise ValidationError(errors)
    assert starts_at is not None and ends_at is not None  # noqa: S101 - checked above
    body = on_demand_body(area=area, kind=kind, start_time=timezone.localtime(starts_at).time())
    meeting = Meeting.objects.create(
        body=body, starts_at=starts_at, ends_at=ends_at, location=location
    )
    session = OpenSession.objects.create(
        meeting=meeting,
        topic=topic,
        description=description.strip(),
        capacity=capacity,
        signup_deadline=signup_deadline,
        created_by=actor,
    )
    _log(area, actor, "meetings.session_create", session, {"topic": topic, "places": capacity})
    return session


def places_taken(session: OpenSession) -> int:
    return session.signups.filter(cancelled_at__isnull=True).count()


def signup_closed_reason(session: OpenSession, *, now: datetime.datetime | None = None) -> str:
    """Why nobody can sign up now, or "" when sign-up is open (places not counted)."""
    now = now or timezone.now()
    if session.meeting.status == MeetingStatus.CANCELLED:
        return _("This session has been cancelled.")
    if session.meeting.status == MeetingStatus.HELD or session.meeting.starts_at <= now:
        return _("This session has already taken place.")
    if session.signup_deadline <= now:
        return _("Sign-up closed on %(deadline)s.") % {
            "deadline": timezone.localtime(session.signup_deadline).strftime("%d-%m-%Y %H:%M")
        }
    return ""


@transaction.atomic
def session_sign_up(
    *, session: OpenSession, actor: Any, name: str, email: str, organisation: str = ""
) -> SignUp:
    """Take a place in an open session. Refused when it is full, closed or cancelled, or when
    this address already has a place; nothing is saved then."""
    session = (
        OpenSession.objects.select_for_update(of=("self",))
        .select_related("meeting__body__area__municipality")
        .get(pk=session.pk)
    )
    name, email, organisation = name.strip(), email.strip().lower(), organisation.strip()
    errors: dict[str, list[str]] = {}
    if not session.meeting.body.is_public:
        raise PermissionDenied(_("This session is not open for sign-up."))
    closed = signup_closed_reason(session)
    if closed:
        raise ValidationError(closed)
    if places_taken(session) >= session.capacity:
        raise ValidationError(
            _("This session is full: all %(n)s places are taken.") % {"n": session.capacity}
        )
    if not name:
        errors["name"] = [_("Give your name, so the organisers know who is coming.")]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Give an e-mail address like name@example.nl.")]
    else:
        if session.signups.filter(email=email, cancelled_at__isnull=True).exists():
            errors["email"] = [_("This e-mail address has already signed up for this session.")]
    if errors:
        raise ValidationError(errors)
    signup = SignUp.objects.create(
        session=session,
        user=actor if getattr(actor, "is_authenticated", False) else None,
        name=name[:120],
        email=email,
        organisation=organisation[:160],
        nonce=secrets.token_hex(8),
    )
    _log(
        session.meeting.body.area, actor, "meetings.session_sign_up", session, {"signup": signup.pk}
    )
    enqueue_on_commit(send_signup_confirmation, signup.pk)
    return signup


def signup_by_token(*, token: str) -> SignUp:
    """The (current) sign-up a sign-off link was made for; a clear error otherwise."""
    found = signup_id_from_token(token)
    signup = (
        SignUp.objects.select_related("session__meeting__body__area__municipality")
        .filter(pk=found[0], nonce=found[1])
        .first()
        if found
        else None
    )
    if signup is None:
        raise ValidationError(
            _("This sign-off link is not valid: use the link from your confirmation e-mail.")
        )
    return signup


@transaction.atomic
def session_sign_off(*, token: str) -> SignUp:
    """Give up one's place through the link in the confirmation e-mail."""
    signup = signup_by_token(token=token)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    session = signup.session
    if signup.cancelled_at is not None:
        raise ValidationError(_("You have already signed off from this session."))
    if session.meeting.starts_at <= timezone.now():
        raise ValidationError(_("This session has already taken place."))
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["cancelled_at"])
    _log(
        session.meeting.body.area, None, "meetings.session_sign_off", session, {"signup": signup.pk}
    )
    if session.meeting.status == MeetingStatus.PLANNED:
        enqueue_on_commit(send_invitation, session.meeting_id, CANCEL, [signup.email])
    return signup
