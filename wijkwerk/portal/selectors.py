"""What is happening now ("wat speelt er"): the open votes, surveys and sessions, the coming
meetings, the latest answers on the wijkagenda, the awarded initiatives and the latest
meldingen — of every municipality (home page), one municipality or one wijk.

Reads the other apps' models directly (the portal is the top layer) and hands the pages
ready lines (title, address, date, a short note), so the includes stay simple. One query
per block and at most LIMIT lines each: `happening` runs exactly len(BLOCKS) queries.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas import borders
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.initiatives.models import Initiative
from wijkwerk.initiatives.models import Status as InitiativeStatus
from wijkwerk.meetings.models import Meeting, MeetingStatus, OpenSession
from wijkwerk.pb.models import Round
from wijkwerk.reports.models import Report
from wijkwerk.surveys.models import Status as SurveyStatus
from wijkwerk.surveys.models import Survey

LIMIT = 5
# Initiatives that received their voucher and are past the decision.
AWARDED = (
    InitiativeStatus.AWARDED,
    InitiativeStatus.IN_EXECUTION,
    InitiativeStatus.ACCOUNTED,
    InitiativeStatus.CLOSED,
)
BLOCKS = ("votes", "surveys", "sessions", "meetings", "answers", "awarded", "reports")


@dataclass(frozen=True)
class Line:
    """One thing on the landing page: what, where to read on, and when."""

    title: str
    url: str
    when: datetime.date | datetime.datetime | None = None
    note: Any = ""
    place: str = ""
    with_time: bool = False


@dataclass(frozen=True)
class Block:
    """One block of the landing page, in the order shown."""

    key: str
    heading: Any
    empty: Any
    lines: list[Line]
    more_url: str = ""
    more_text: Any = ""


@dataclass
class Happening:
    municipality: Municipality | None = None
    area: Area | None = None
    votes: list[Line] = field(default_factory=list)
    surveys: list[Line] = field(default_factory=list)
    sessions: list[Line] = field(default_factory=list)
    meetings: list[Line] = field(default_factory=list)
    answers: list[Line] = field(default_factory=list)
    awarded: list[Line] = field(default_factory=list)
    reports: list[Line] = field(default_factory=list)

    @property
    def open_now(self) -> bool:
        """Something residents can take part in today."""
        return bool(self.votes or self.surveys or self.sessions)

    @property
    def blocks(self) -> list[Block]:
        """The blocks with their headings and, on a municipality's or wijk's page, a link to
        the module's own list."""
        m, a = self.municipality, self.area

        def more(name: str, wijk_level: bool = False) -> str:
            if m is None or (wijk_level and a is None):
                return ""
            return reverse(name, args=[m.slug, a.slug] if wijk_level else [m.slug])

        return [
            Block(
                "votes",
                _("Vote on the budget"),
                _("No vote is open right now."),
                self.votes,
                more("pb:rounds"),
                _("All budget rounds"),
            ),
            Block(
                "surveys",
                _("Give your opinion"),
                _("No survey is open right now."),
                self.surveys,
                more("surveys:list"),
                _("All surveys"),
            ),
            Block(
                "sessions",
                _("Sign up for a session"),
                _("No session is open for sign-up right now."),
                self.sessions,
                more("meetings:sessions", wijk_level=True),
                _("All sessions in this wijk"),
            ),
            Block(
                "meetings",
                _("Coming meetings"),
                _("No public meeting is planned yet."),
                self.meetings,
                more("meetings:wijk", wijk_level=True),
                _("All meetings of this wijk"),
            ),
            Block(
                "answers",
                _("Latest answers on the wijkagenda"),
                _("No idea has been answered yet."),
                self.answers,
                more("agenda:reviews", wijk_level=True),
                _("Was what was agreed done?"),
            ),
            Block(
                "awarded",
                _("Initiatives that got a wijkbudget"),
                _("No initiative has been awarded yet."),
                self.awarded,
                more("initiatives:list", wijk_level=True),
                _("All initiatives of this wijk"),
            ),
            Block(
                "reports",
                _("Latest reports"),
                _("No problem has been reported yet."),
                self.reports,
                more("reports_wijk:map", wijk_level=True) or more("reports:dashboard"),
                _("Reports and how fast they are handled"),
            ),
        ]


def _scope(
    municipality: Municipality | None, area: Area | None, *, municipality_field: str, area_field
) -> Q:
    """The rows of one wijk (and, where `area_field` may be empty, those of the whole
    municipality), of one municipality, or all."""
    if area is not None:
        q = Q(**{f"{municipality_field}": area.municipality_id})
        if area_field.endswith("?"):
            name = area_field[:-1]
            return q & (Q(**{name: area.pk}) | Q(**{f"{name}__isnull": True}))
        return q & Q(**{area_field: area.pk})
    if municipality is not None:
        return Q(**{municipality_field: municipality.pk})
    return Q()


def _place(area: Area | None, shown: Area | None) -> str:
    """The wijk's name, unless the page is that wijk's."""
    if shown is not None:
        return ""
    return area.name if area is not None else ""


def happening(*, municipality: Municipality | None = None, area: Area | None = None) -> Happening:
    """What is on now in a wijk (`area`), a municipality, or everywhere."""
    if area is not None:
        area = area.wijk
        municipality = area.municipality
    now = timezone.now()
    today = timezone.localdate()
    show_municipality = municipality is None
    result = Happening(municipality=municipality, area=area)

    def where(m: Municipality, a: Area | None) -> str:
        name = _place(a, area)
        if show_municipality:
            return f"{name}, {m.name}" if name else m.name
        return name

    rounds = (
        Round.objects.filter(
            _scope(municipality, area, municipality_field="municipality", area_field="area?"),
            voting_from__lte=today,
            voting_until__gte=today,
        )
        .select_related("municipality", "area")
        .order_by("voting_until", "id")[:LIMIT]
    )
    result.votes = [
        Line(
            title=r.title,
            url=reverse("pb:round", args=[r.municipality.slug, r.pk]),
            when=r.voting_until,
            note=_("Vote until"),
            place=where(r.municipality, r.area),
        )
        for r in rounds
    ]

    surveys = (
        Survey.objects.filter(
            _scope(municipality, area, municipality_field="municipality", area_field="area?"),
            status=SurveyStatus.OPEN,
            opens_on__lte=today,
            closes_on__gte=today,
        )
        .select_related("municipality", "area")
        .order_by("closes_on", "id")[:LIMIT]
    )
    result.surveys = [
        Line(
            title=s.title,
            url=reverse("surveys:detail", args=[s.municipality.slug, s.pk]),
            when=s.closes_on,
            note=_("Answer until"),
            place=where(s.municipality, s.area),
        )
        for s in surveys
    ]

    sessions = (
        OpenSession.objects.filter(
            _scope(
                municipality,
                area,
                municipality_field="meeting__body__area__municipality",
                area_field="meeting__body__area",
            ),
            meeting__starts_at__gte=now,
            meeting__status=MeetingStatus.PLANNED,
            signup_deadline__gte=now,
        )
        .select_related("meeting__body__area__municipality")
        .annotate(taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True)))
        .order_by("meeting__starts_at", "id")[:LIMIT]
    )
    result.sessions = [
        Line(
            title=s.topic,
            url=reverse(
                "meetings:session",
                args=[s.meeting.body.area.municipality.slug, s.meeting.body.area.slug, s.pk],
            ),
            when=s.meeting.starts_at,
            with_time=True,
            note=_("Full")
            if s.taken >= s.capacity
            else _("Places left: %(n)s") % {"n": s.capacity - s.taken},
            place=where(s.meeting.body.area.municipality, s.meeting.body.area),
        )
        for s in sessions
    ]

    meetings = (
        Meeting.objects.filter(
            _scope(
                municipality,
                area,
                municipality_field="body__area__municipality",
                area_field="body__area",
            ),
            body__is_public=True,
            status=MeetingStatus.PLANNED,
            starts_at__gte=now,
        )
        .select_related("body__area__municipality")
        .order_by("starts_at", "id")[:LIMIT]
    )
    result.meetings = [
        Line(
            title=m.body.name,
            url=reverse(
                "meetings:meeting", args=[m.body.area.municipality.slug, m.body.area.slug, m.pk]
            ),
            when=m.starts_at,
            with_time=True,
            note=m.location,
            place=where(m.body.area.municipality, m.body.area),
        )
        for m in meetings
    ]

    answers = (
        _across(AgendaItem, municipality, area)
        .filter(answered_at__isnull=False)
        .exclude(verdict="")
        .select_related("area__municipality")
        .order_by("-answered_at", "-id")[:LIMIT]
    )
    result.answers = [
        Line(
            title=i.title,
            url=reverse("agenda:item", args=[i.area.municipality.slug, i.area.slug, i.pk]),
            when=i.answered_at,
            note=i.get_verdict_display(),
            place=borders.note_of(i, area) if area else where(i.area.municipality, i.area),
        )
        for i in answers
    ]

    awarded = (
        _across(Initiative, municipality, area)
        .filter(status__in=AWARDED, decided_at__isnull=False)
        .select_related("area__municipality", "voucher")
        .order_by("-decided_at", "-id")[:LIMIT]
    )
    result.awarded = [
        Line(
            title=i.title,
            url=reverse("initiatives:detail", args=[i.area.municipality.slug, i.area.slug, i.pk]),
            when=i.decided_at,
            note=_awarded_note(i),
            place=borders.note_of(i, area) if area else where(i.area.municipality, i.area),
        )
        for i in awarded
    ]

    reports = (
        Report.objects.filter(
            _scope(municipality, area, municipality_field="municipality", area_field="wijk"),
            duplicate_of__isnull=True,
        )
        .select_related("municipality", "category", "wijk")
        .order_by("-created_at", "-id")[:LIMIT]
    )
    result.reports = [
        Line(
            title=r.category.name,
            url=reverse("reports:detail", args=[r.municipality.slug, r.pk]),
            when=r.created_at,
            note=r.get_status_display(),
            place=where(r.municipality, r.wijk),
        )
        for r in reports
    ]
    return result


def _across(model, municipality: Municipality | None, area: Area | None):
    """A wijk's agenda items or initiatives, with those of other wijken that also concern it
    (each once, with the names for "ook in"); a municipality's or all, each once."""
    qs = model.objects.all()
    if area is not None:
        return borders.concerning(qs, area).annotate(also_names=borders.also_in_names(model, area))
    if municipality is not None:
        return qs.filter(area__municipality=municipality.pk)
    return qs


def _awarded_note(initiative: Initiative) -> str:
    voucher = getattr(initiative, "voucher", None)
    if voucher is None:
        return ""
    euros = f"{voucher.amount_cents / 100:,.0f}".replace(",", ".")
    return _("€ %(amount)s awarded") % {"amount": euros}
