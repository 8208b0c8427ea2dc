"""Residents' requests for an information meeting (voorlichtingsbijeenkomst) in their wijk.

Etten-Leur's raad promised one information meeting in every wijk per term, and more when
residents ask for it (seed 004). A resident asks; staff of the wijk (`manage_meetings`)
answer once: granted with a date — which plans a meeting of the wijk's information-meeting
body — or refused with a reason that everybody can read. The request and its answer are
public; who asked is seen by staff only. Every answer is logged with who, when and why.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area
from wijkwerk.core.tasks import enqueue_on_commit

from .models import BodyKind, InfoMeetingRequest, Meeting, RequestStatus
from .services import _log, _time_errors, check_perm
from .signups import on_demand_body
from .tasks import REQUEST, send_invitation


@transaction.atomic
def info_request_create(
    *, area: Area | None, actor: Any, topic: str, explanation: str = ""
) -> InfoMeetingRequest:
    """A resident asks for an information meeting about `topic` in a wijk."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to ask for an information meeting."))
    topic = topic.strip()
    errors: dict[str, list[str]] = {}
    if area is None:
        errors["area"] = [_("Choose the wijk where the information meeting should be held.")]
    elif not area.is_wijk:
        errors["area"] = [_("Information meetings are held per wijk or village: choose one.")]
    if not topic:
        errors["topic"] = [_("Say what you would like to be informed about.")]
    elif (
        area is not None
        and InfoMeetingRequest.objects.filter(
            area=area,
            requested_by=actor,
            topic__iexact=topic,
            status=RequestStatus.PENDING,
        ).exists()
    ):
        errors["topic"] = [_("You already asked for this; the answer is still to come.")]
    if errors:
        raise ValidationError(errors)
    assert area is not None  # noqa: S101 - checked above
    request = InfoMeetingRequest.objects.create(
        area=area, topic=topic[:200], explanation=explanation.strip(), requested_by=actor
    )
    _log(area, actor, "meetings.info_request", request, {"topic": topic})
    return request


@transaction.atomic
def info_request_answer(
    *,
    request: InfoMeetingRequest,
    actor: Any,
    grant: bool,
    answer: str = "",
    starts_at: datetime.datetime | None = None,
    ends_at: datetime.datetime | None = None,
    location: str = "",
) -> InfoMeetingRequest:
    """Grant the request with a date (a meeting is planned) or refuse it with a public
    reason. A request is answered once."""
    request = (
        InfoMeetingRequest.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=request.pk)
    )
    check_perm(actor, "meetings.manage_bodies", request.area)
    answer, location = answer.strip(), location.strip()
    errors: dict[str, list[str]] = {}
    if request.status != RequestStatus.PENDING:
        raise ValidationError(
            _("This request was already %(status)s on %(date)s; an answer cannot be changed.")
            % {
                "status": request.get_status_display(),
                "date": date_format(timezone.localtime(request.decided_at), "j F Y"),
            }
        )
    if grant:
        errors = _time_errors(starts_at, ends_at)
        if not errors and starts_at is not None and starts_at <= timezone.now():
            errors["starts_at"] = [_("Give a date in the future for the information meeting.")]
        if not location:
            errors["location"] = [_("Say where the information meeting takes place.")]
    elif not answer:
        errors["answer"] = [
            _("Say why the request is refused: residents read the reason. 'No' needs a reason.")
        ]
    if errors:
        raise ValidationError(errors)
    request.status = RequestStatus.GRANTED if grant else RequestStatus.REFUSED
    request.answer, request.decided_by, request.decided_at = answer, actor, timezone.now()
    if grant:
        assert starts_at is not None and ends_at is not None  # noqa: S101 - checked above
        body = on_demand_body(
            area=request.area,
            kind=BodyKind.INFO_MEETING,
            start_time=timezone.localtime(starts_at).time(),
        )
        request.meeting = Meeting.objects.create(
            body=body, starts_at=starts_at, ends_at=ends_at, location=location
        )
        email = getattr(request.requested_by, "email", "")
        if email:
            enqueue_on_commit(send_invitation, request.meeting.pk, REQUEST, [email])
    request.save()
    _log(
        request.area,
        actor,
        "meetings.info_request_grant" if grant else "meetings.info_request_refuse",
        request,
        {"status": request.status, "meeting": request.meeting_id},
        reason=answer,
    )
    return request
