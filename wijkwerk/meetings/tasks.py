"""Background work of the meetings app, run by `manage.py db_worker` (django-tasks): the
invitations by e-mail, each with the meeting as an .ics attachment.

The tasks take ids and read the meeting as it is when they run: an invitation that waited
in the queue while the meeting moved again carries the newest time and SEQUENCE.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from .ical import invitation_bytes, meeting_path
from .models import Meeting, SignUp
from .signoff import signoff_url

REQUEST, CANCEL = "REQUEST", "CANCEL"


def invitees(meeting: Meeting) -> list[str]:
    """Who is invited: the body's members and, for an open session, who signed up."""
    emails = [
        e for e in meeting.body.members.values_list("user__email", flat=True).order_by("id") if e
    ]
    emails += SignUp.objects.filter(
        session__meeting=meeting, cancelled_at__isnull=True
    ).values_list("email", flat=True)
    return list(dict.fromkeys(e.lower() for e in emails))


def _base_url() -> str:
    return settings.WIJKWERK_SITE_URL.rstrip("/")


def _text(meeting: Meeting, method: str, extra: str) -> tuple[str, str]:
    when = date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")
    title = getattr(getattr(meeting, "session", None), "topic", "") or meeting.body.name
    values = {"meeting": title, "wijk": meeting.body.area.name, "when": when}
    if method == CANCEL:
        subject = _("Cancelled: %(meeting)s, %(when)s") % values
        body = _("%(meeting)s in %(wijk)s on %(when)s does not take place.") % values
        if meeting.cancel_reason:
            body += "\n\n" + meeting.cancel_reason
    else:
        subject = _("Invitation: %(meeting)s, %(when)s") % values
        body = _("You are invited to %(meeting)s in %(wijk)s on %(when)s.") % values
        if meeting.location:
            body += "\n" + _("Location: %(location)s") % {"location": meeting.location}
        body += "\n\n" + _("The agenda and the latest news: %(url)s") % {
            "url": _base_url() + meeting_path(meeting)
        }
    body += "\n\n" + _("The attachment adds the meeting to your calendar or updates it there.")
    if extra:
        body += "\n\n" + extra
    return subject, body


def send_one(meeting: Meeting, method: str, email: str, extra: str = "") -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject, body = _text(meeting, method, extra)
    message = EmailMessage(subject, body, None, [email])
    message.attach(
        "uitnodiging.ics" if method == REQUEST else "afzegging.ics",
        invitation_bytes(meeting, method=method, attendee=email, base_url=_base_url()),
        f"text/calendar; method={method}; charset=utf-8",
    )
    message.send()


@task()
def send_invitation(meeting_id: int, method: str, emails: list[str] | None = None) -> int:
    """E-mail the invitation (REQUEST) or the cancellation (CANCEL) of a meeting, one message
    per invitee so nobody sees the others' addresses; `emails` narrows the invitees."""
    meeting = Meeting.objects.select_related("body__area", "session").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    recipients = emails if emails is not None else invitees(meeting)
    for email in recipients:
        send_one(meeting, method, email)
    return len(recipients)


@task()
def send_signup_confirmation(signup_id: int) -> bool:
    """The sign-up's confirmation with the invitation attached and the link to sign off."""
    found = (
        SignUp.objects.select_related("session__meeting__body__area").filter(pk=signup_id).first()
    )
    if found is None or found.cancelled_at is not None:
        return False
    meeting = found.session.meeting
    with translation.override(settings.LANGUAGE_CODE):
        extra = _("Cannot come after all? Sign off here, so somebody else can take your place: "
                  "%(url)s") % {"url": _base_url() + signoff_url(found)}  # fmt: skip
    send_one(meeting, REQUEST, found.email, extra)
    return True
