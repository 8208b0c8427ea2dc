"""The daily watch over the wijkagenda's terms (`manage.py agenda_daily`, run from cron).

- An idea still waiting for its answer gets a reminder to those who answer it, some working
  days before its answer term ends (the municipality's setting).
- When the term has passed, it is escalated to the manager of the wijkmanagers (the
  municipality's setting; else whoever manages the agenda for the whole municipality),
  and the escalation is logged on the item.
- When the date of a Some-day answer comes, those who answer are reminded that the definite
  answer is due.
- When a wijk's last vaststelling is more than six months old, its keepers are warned.

Each notice has a unique key (kind, item or wijk, and the date or review it is about), kept
in `AgendaNotice` in the same transaction as the mail: running the command twice sends
nothing twice, and a notice whose mail failed is tried again the next day.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.workdays import working_days_between

from .models import (
    REVIEW_STALE_MONTHS,
    AgendaItem,
    AgendaNotice,
    AgendaReview,
    AgendaSettings,
    NoticeKind,
    Status,
    WijkAgendaSettings,
)
from .selectors import answer_deadline, escalation_targets
from .services._common import log_change


@dataclass
class Counts:
    reminded: int = 0
    escalated: int = 0
    ooit: int = 0
    stale_reviews: int = 0
    skipped: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.reminded} reminder(s) before the answer term; {self.escalated} "
            f"escalation(s); {self.ooit} some-day date(s) reached; {self.stale_reviews} "
            f"wijk(en) without a vaststelling for six months."
        )


def _link(area: Area, name: str, *args) -> str:
    path = reverse(name, args=[area.municipality.slug, area.slug, *args])
    return f"{settings.WIJKWERK_SITE_URL.rstrip('/')}{path}"


def _holders(area: Area, capabilities: set[str]) -> set[str]:
    """E-mail addresses of those whose current role grants one of `capabilities` in `area`."""
    out = set()
    qs = RoleAssignment.objects.current().filter(municipality_id=area.municipality_id)
    for assignment in qs.select_related("user"):
        if not capabilities & roles.ROLE_CAPABILITIES.get(assignment.role, frozenset()):
            continue
        if assignment.covers(area, area.municipality_id) and assignment.user.is_active:
            out.add(assignment.user.email)
    return out


def answerers(area: Area) -> set[str]:
    """Who answers ideas in this wijk: the wijkmanager(s), and the wijkplatform where the
    municipality lets it answer or keep the agenda."""
    wanted = {roles.ANSWER_ITEM}
    if area.municipality.agenda_answered_by == "wijkplatform":
        wanted.add(roles.ANSWER_ITEM_PLATFORM)
    if WijkAgendaSettings.objects.filter(area=area, platform_keeps_agenda=True).exists():
        wanted.add(roles.KEEP_AGENDA_PLATFORM)
    return _holders(area, wanted)


def escalation_recipients(area: Area) -> set[str]:
    return {user.email for user in escalation_targets(municipality=area.municipality)}


def _notice(
    *,
    key: str,
    kind: str,
    area: Area,
    item: AgendaItem | None,
    recipients: set[str],
    subject: str,
    body: str,
) -> bool:
    """Send one notice unless it went out before; True when it was sent now."""
    if not recipients:
        return False
    try:
        with transaction.atomic():
            if AgendaNotice.objects.filter(key=key).exists():
                return False
            AgendaNotice.objects.create(
                key=key, kind=kind, area=area, item=item, recipients=", ".join(sorted(recipients))
            )
            if kind == NoticeKind.ANSWER_OVERDUE and item is not None:
                log_change(
                    target=item,
                    actor=None,
                    action="agenda.escalate",
                    area=area,
                    changes={"to": sorted(recipients)},
                    reason=subject,
                )
            send_mail(subject, body, None, sorted(recipients))
    except IntegrityError:  # another run sent it at the same moment
        return False
    return True


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _answer_notices(municipality: Municipality, today: date, counts: Counts) -> None:
    agenda_settings = AgendaSettings.objects.filter(municipality=municipality).first()
    term = (agenda_settings or AgendaSettings()).answer_working_days
    remind = (agenda_settings or AgendaSettings()).remind_working_days
    items = AgendaItem.objects.filter(
        area__municipality=municipality, status=Status.PROPOSED
    ).select_related("area__municipality")
    for item in items:
        deadline = answer_deadline(item, term)
        values = {
            "title": item.title,
            "wijk": item.area.name,
            "date": _day(deadline),
            "link": _link(item.area, "agenda:item", item.pk),
        }
        if deadline < today:
            counts.escalated += _notice(
                key=f"answer_overdue:{item.pk}:{deadline.isoformat()}",
                kind=NoticeKind.ANSWER_OVERDUE,
                area=item.area,
                item=item,
                recipients=escalation_recipients(item.area),
                subject=_("Not answered in time: %(title)s") % values,
                body=_(
                    "The idea '%(title)s' in %(wijk)s was to be answered by %(date)s and has "
                    "no answer yet. Please make sure it is answered.\n\n%(link)s"
                )
                % values,
            )
        elif working_days_between(today, deadline) <= remind:
            counts.reminded += _notice(
                key=f"answer_soon:{item.pk}:{deadline.isoformat()}",
                kind=NoticeKind.ANSWER_SOON,
                area=item.area,
                item=item,
                recipients=answerers(item.area),
                subject=_("Answer due by %(date)s: %(title)s") % values,
                body=_(
                    "The idea '%(title)s' in %(wijk)s is waiting for an answer: Now, Some day "
                    "or Never. The answer term ends on %(date)s.\n\n%(link)s"
                )
                % values,
            )


def _ooit_notices(municipality: Municipality, today: date, counts: Counts) -> None:
    items = AgendaItem.objects.filter(
        area__municipality=municipality, status=Status.WAITING, answer_by__lte=today
    ).select_related("area__municipality")
    for item in items:
        counts.ooit += _notice(
            key=f"ooit_due:{item.pk}:{item.answer_by.isoformat()}",
            kind=NoticeKind.OOIT_DUE,
            area=item.area,
            item=item,
            recipients=answerers(item.area),
            subject=_("A definite answer is due: %(title)s") % {"title": item.title},
            body=_(
                "'%(title)s' in %(wijk)s was answered with Some day, waiting for: %(conditions)s"
                "\nA definite answer was promised by %(date)s.\n\n%(link)s"
            )
            % {
                "title": item.title,
                "wijk": item.area.name,
                "conditions": item.conditions,
                "date": _day(item.answer_by),
                "link": _link(item.area, "agenda:item", item.pk),
            },
        )


def _months_back(today: date, months: int) -> date:
    month = today.month - months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(today.day, 28)
    return date(year, month, day)


def _review_notices(municipality: Municipality, today: date, counts: Counts) -> None:
    limit = _months_back(today, REVIEW_STALE_MONTHS)
    for area in municipality.areas.wijken().select_related("municipality"):
        last = AgendaReview.objects.filter(area=area).order_by("-held_on", "-id").first()
        if last is not None:
            if last.held_on >= limit:
                continue
            since = _("The last vaststelling was on %(date)s.") % {"date": _day(last.held_on)}
        else:
            # Only a wijk that has kept its agenda for six months is due for one.
            first = AgendaItem.objects.filter(area=area).order_by("created_at").first()
            if first is None or timezone.localtime(first.created_at).date() >= limit:
                continue
            since = _("The wijkagenda has not been vastgesteld yet.")
        counts.stale_reviews += _notice(
            key=f"review_stale:{area.pk}:{last.pk if last else 0}",
            kind=NoticeKind.REVIEW_STALE,
            area=area,
            item=None,
            recipients=_holders(area, {roles.REVIEW_AGENDA}),
            subject=_("Time to vaststellen the wijkagenda of %(wijk)s") % {"wijk": area.name},
            body=_("The wijkagenda is vastgesteld at least twice a year. %(since)s\n\n%(link)s")
            % {"since": since, "link": _link(area, "agenda:reviews")},
        )


def answer_terms_check(*, municipality: Municipality, today: date | None = None) -> Counts:
    """Only the answer-term part of the daily run, for one municipality (the demo uses it)."""
    counts = Counts()
    with translation.override(settings.LANGUAGE_CODE):
        _answer_notices(municipality, today or timezone.localdate(), counts)
    return counts


def agenda_daily(*, today: date | None = None) -> Counts:
    """Send the day's reminders and escalations of every municipality; see the module."""
    today = today or timezone.localdate()
    counts = Counts()
    with translation.override(settings.LANGUAGE_CODE):
        for municipality in Municipality.objects.all():
            _answer_notices(municipality, today, counts)
            _ooit_notices(municipality, today, counts)
            _review_notices(municipality, today, counts)
    return counts
