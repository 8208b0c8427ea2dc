"""Reading the wijkagenda: public lists, counts, history and the review report."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkwerk.accounts.models import RoleAssignment, User
from wijkwerk.accounts.roles import MANAGE_AGENDA, ROLE_CAPABILITIES, Role
from wijkwerk.areas import borders
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.workdays import add_working_days

from .models import (
    AGREED,
    AgendaItem,
    AgendaItemUpdate,
    AgendaNotice,
    AgendaReview,
    AgendaSettings,
    DevelopmentPlan,
    Goal,
    NoticeKind,
    PlannedAction,
    Status,
    Theme,
)
from .services._common import ACTOR_KEY, acting_as, role_label


def agenda_item_list(
    *,
    area: Area | None = None,
    municipality: Municipality | None = None,
    year: int | None = None,
    theme: Theme | int | None = None,
    status: str | None = None,
) -> QuerySet[AgendaItem]:
    """The items of a wijk (or municipality), newest first, ready for display. A wijk's
    list holds the items that also concern it (another wijk's, across the border), once."""
    qs = AgendaItem.objects.select_related(
        "area",
        "area__municipality",
        "theme",
        "owner_organisation",
        "owner_organisation__parent",
        "source_organisation__parent",
    ).prefetch_related(borders.prefetch())
    if area is not None:
        qs = borders.concerning(qs, area)
    if municipality is not None:
        qs = qs.filter(area__municipality=municipality)
    if year:
        qs = qs.filter(year=year)
    if theme:
        qs = qs.filter(theme=theme)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def agenda_status_counts(*, area: Area, year: int) -> dict[str, int]:
    rows = (
        borders.concerning(AgendaItem.objects.filter(year=year), area)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Status.values, 0)
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def agenda_years(*, area: Area) -> list[int]:
    years = set(
        borders.concerning(AgendaItem.objects.all(), area)
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def wijk_overview(*, municipality: Municipality, year: int) -> list[dict[str, Any]]:
    """Per wijk: items on the agenda, ideas awaiting an answer, and items done."""
    return list(
        municipality.areas.wijken()
        .annotate(
            items=Count("agenda_items", filter=Q(agenda_items__year=year)),
            awaiting=Count(
                "agenda_items",
                filter=Q(agenda_items__year=year, agenda_items__status=Status.PROPOSED),
            ),
            done=Count(
                "agenda_items", filter=Q(agenda_items__year=year, agenda_items__status=Status.DONE)
            ),
        )
        .order_by("code")
        .values("code", "name", "slug", "kind", "items", "awaiting", "done")
    )


def theme_list(*, municipality: Municipality) -> QuerySet[Theme]:
    return Theme.objects.filter(municipality=municipality).order_by("name")


def plan_current(*, area: Area, year: int) -> DevelopmentPlan | None:
    return (
        DevelopmentPlan.objects.filter(area=area, first_year__lte=year, first_year__gt=year - 4)
        .prefetch_related("goals__theme", "goals__actions__owner_organisation")
        .first()
    )


ACTION_LABELS = {
    "agenda.propose": _("idea proposed"),
    "agenda.create": _("put on the wijkagenda"),
    "agenda.answer.nu": _("answered: Now"),
    "agenda.answer.ooit": _("answered: Some day"),
    "agenda.answer.nooit": _("answered: Never"),
    "agenda.edit": _("changed"),
    "agenda.progress": _("progress reported"),
    "agenda.escalate": _("answer term passed: escalated"),
    "agenda.plan_create": _("WOP started"),
    "agenda.plan_update": _("WOP revised"),
    "agenda.plan_yearly_update": _("yearly update: actions put on the wijkagenda"),
    "agenda.goal_create": _("goal added"),
    "agenda.goal_update": _("goal revised"),
    "agenda.action_create": _("action planned"),
    "agenda.action_update": _("action revised"),
    "agenda.theme_create": _("theme added"),
}


@dataclass
class HistoryEntry:
    when: Any
    who: str
    action: str
    text: str
    changes: dict


def _who(event: AuditEvent, area: Area) -> str:
    """The role and organisation in which someone acted, never their name: recorded with
    the change, or (for changes logged before roles were recorded) their role now."""
    by = event.changes.get(ACTOR_KEY) if isinstance(event.changes, dict) else None
    if by is None:
        by = acting_as(event.actor, area) if event.actor_id else None
    return role_label(by)


def agenda_item_history(*, item: AgendaItem) -> list[HistoryEntry]:
    """Every logged change of an item, oldest first, each with the role (and organisation)
    of who made it. Nobody is named: a resident shows as 'resident'."""
    events = (
        AuditEvent.objects.for_target(item).select_related("actor").order_by("created_at", "id")
    )
    entries = []
    for event in events:
        action = str(ACTION_LABELS.get(event.action, event.action))
        entries.append(
            HistoryEntry(
                event.created_at, _who(event, item.area), action, event.reason, event.changes
            )
        )
    return entries


def plan_history(*, plan: DevelopmentPlan) -> list[HistoryEntry]:
    """The decision log of a WOP: every change of the plan, its goals and its actions,
    newest first, with who (by role) and why."""
    goal_ids = [str(pk) for pk in Goal.objects.filter(plan=plan).values_list("pk", flat=True)]
    action_ids = [
        str(pk) for pk in PlannedAction.objects.filter(goal__plan=plan).values_list("pk", flat=True)
    ]
    events = AuditEvent.objects.filter(
        Q(target_kind="agenda.developmentplan", target_id=str(plan.pk))
        | Q(target_kind="agenda.goal", target_id__in=goal_ids)
        | Q(target_kind="agenda.plannedaction", target_id__in=action_ids)
    ).order_by("-created_at", "-id")[:200]
    return [
        HistoryEntry(
            event.created_at,
            _who(event, plan.area),
            str(ACTION_LABELS.get(event.action, event.action)),
            event.reason,
            event.changes,
        )
        for event in events
    ]


def plan_get(*, area: Area, pk: int) -> DevelopmentPlan:
    return DevelopmentPlan.objects.select_related("area__municipality").get(area=area, pk=pk)


# --- answer terms ----------------------------------------------------------------------------


def answer_term_of(municipality: Municipality) -> int:
    found = AgendaSettings.objects.filter(municipality=municipality).first()
    return (found or AgendaSettings()).answer_working_days


def answer_deadline(item: AgendaItem, term: int | None = None) -> date:
    """The day by which the idea is to be answered: its recorded term, or (for ideas from
    before terms were recorded) the municipality's term counted from its proposal."""
    if item.answer_due:
        return item.answer_due
    if term is None:
        term = answer_term_of(item.area.municipality)
    return add_working_days(timezone.localtime(item.created_at).date(), term)


def escalation_targets(*, municipality: Municipality) -> list[Any]:
    """Who a term that passed is escalated to: the municipality's manager of the wijkmanagers
    (its agenda settings), else everyone who manages the wijkagenda for the whole
    municipality. The initiatives' decision term escalates to the same people."""
    found = (
        AgendaSettings.objects.filter(municipality=municipality)
        .select_related("escalate_to")
        .first()
    )
    if found is not None and found.escalate_to_id and found.escalate_to.is_active:
        return [found.escalate_to]
    managing = [role for role, caps in ROLE_CAPABILITIES.items() if MANAGE_AGENDA in caps]
    people: dict[int, Any] = {}
    assignments = (
        RoleAssignment.objects.current()
        .filter(
            municipality=municipality,
            area__isnull=True,
            role__in=managing,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    )
    # The functioneel beheerder keeps the system, not the wijkmanagers: only when nobody
    # else manages the agenda for the whole municipality.
    for assignment in sorted(assignments, key=lambda a: a.role == Role.BEHEERDER):
        if people and assignment.role == Role.BEHEERDER:
            break
        people.setdefault(assignment.user_id, assignment.user)
    return list(people.values())


@dataclass(frozen=True)
class AnswerLate:
    """An idea not answered within its term, as shown on its public page: since when, and
    (once the daily run escalated it) to whom and when."""

    deadline: date
    escalated_on: date | None
    escalated_to: list[str]


def answer_late(*, item: AgendaItem, today: date | None = None) -> AnswerLate | None:
    """None while the idea is answered or still within its term."""
    if item.status != Status.PROPOSED:
        return None
    deadline = answer_deadline(item)
    if deadline >= (today or timezone.localdate()):
        return None
    notice = (
        AgendaNotice.objects.filter(item=item, kind=NoticeKind.ANSWER_OVERDUE)
        .order_by("-sent_at", "-id")
        .first()
    )
    if notice is None:
        return AnswerLate(deadline, None, [])
    return AnswerLate(deadline, timezone.localdate(notice.sent_at), people_named(notice.recipients))


def people_named(recipients: str) -> list[str]:
    """The public names of the people behind a notice's addresses (never the addresses)."""
    emails = [e.strip() for e in recipients.split(",") if e.strip()]
    users = User.objects.filter(email__in=emails).order_by("full_name", "pk")
    return [u.full_name or str(_("the manager of the wijkmanagers")) for u in users]


def items_awaiting_answer(areas: Iterable[Area]) -> list[AgendaItem]:
    """Ideas in these wijken still waiting for an answer, the first deadline first. Each
    item carries `answer_deadline` (a date) and `answer_overdue` (past it today)."""
    areas = list(areas)
    items = list(
        AgendaItem.objects.awaiting_answer()
        .filter(area__in=[a.wijk for a in areas])
        .select_related("area__municipality", "theme", "source_organisation__parent")
    )
    terms: dict[int, int] = {}
    today = timezone.localdate()
    for item in items:
        municipality_id = item.area.municipality_id
        if item.answer_due is None and municipality_id not in terms:
            terms[municipality_id] = answer_term_of(item.area.municipality)
        item.answer_deadline = answer_deadline(item, terms.get(municipality_id))
        item.answer_overdue = item.answer_deadline < today
    items.sort(key=lambda i: (i.answer_deadline, i.pk))
    return items


# --- where an item came from -----------------------------------------------------------------


@dataclass
class OriginLink:
    text: str
    url: str
    minutes_url: str = ""


def origin_link(*, item: AgendaItem, user: Any) -> OriginLink | None:
    """A link back to where the item came from, when the person may see it: the meeting
    (and its minutes) of an action point, or the WOP of a planned action.

    The meetings app lies above this one, so its action point is looked up by name through
    the app registry rather than imported; the permission is asked by its name too.
    """
    municipality, area = item.area.municipality, item.area
    if item.origin_kind == "meetings.actionpoint" and apps.is_installed("wijkwerk.meetings"):
        model = apps.get_model("meetings", "ActionPoint")
        action = (
            model.objects.select_related("meeting__body").filter(pk=item.origin_id or 0).first()
        )
        if action is None or not user.has_perm("meetings.view_meeting", action.meeting):
            return None
        meeting = action.meeting
        url = reverse("meetings:meeting", args=[municipality.slug, area.slug, meeting.pk])
        when = timezone.localtime(meeting.starts_at).date()
        return OriginLink(
            text=_("Action point of %(body)s, %(date)s")
            % {"body": meeting.body.name, "date": date_format(when, "j F Y")},
            url=f"{url}#action-{action.pk}",
            minutes_url=f"{url}#minutes-heading" if meeting.minutes else "",
        )
    if item.origin_kind == "agenda.plannedaction":
        return OriginLink(
            text=_("Action of the wijk development plan (WOP)"),
            url=reverse("agenda:plan", args=[municipality.slug, area.slug]),
        )
    return None


def agenda_item_updates(*, item: AgendaItem) -> QuerySet[AgendaItemUpdate]:
    return item.updates.select_related("author", "organisation").order_by("-created_at", "-id")


# --- "afspraak is afspraak": what became of what was agreed at a review -------------------


class Outcome:
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    LATE = "late"
    OPEN = "open"
    DROPPED = "dropped"


OUTCOME_LABELS = {
    Outcome.DONE_ON_TIME: _("done on time"),
    Outcome.DONE_LATE: _("done, but late"),
    Outcome.LATE: _("late: not done by the agreed date"),
    Outcome.OPEN: _("not yet due"),
    Outcome.DROPPED: _("dropped"),
}


@dataclass
class ReviewRow:
    title: str
    owner_name: str
    due_date: date | None
    status_then: str
    status_now: str
    outcome: str
    item_id: int

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])

    @property
    def status_now_label(self) -> str:
        return str(Status(self.status_now).label)


def outcome_of(
    *, status: str, due_date: date | None, completed_on: date | None, today: date
) -> str:
    if status == Status.DONE:
        if due_date and completed_on and completed_on > due_date:
            return Outcome.DONE_LATE
        return Outcome.DONE_ON_TIME
    if status in (Status.DROPPED, Status.REJECTED):
        return Outcome.DROPPED
    if due_date and due_date < today:
        return Outcome.LATE
    return Outcome.OPEN


def review_report(
    *, review: AgendaReview, today: date | None = None
) -> tuple[list[ReviewRow], dict[str, int]]:
    """Each item agreed at the review, with what became of it; plus totals per outcome.

    An item counts as agreed when it stood as Now, in progress or done in the snapshot. The
    date it is held to is the one agreed then, not a later postponement.
    """
    today = today or timezone.localdate()
    entries = review.entries.filter(status__in=AGREED).select_related("item").order_by("id")
    rows = []
    for entry in entries:
        item = entry.item
        completed_on = timezone.localtime(item.completed_at).date() if item.completed_at else None
        rows.append(
            ReviewRow(
                title=entry.title,
                owner_name=entry.owner_name,
                due_date=entry.due_date,
                status_then=entry.status,
                status_now=item.status,
                outcome=outcome_of(
                    status=item.status,
                    due_date=entry.due_date,
                    completed_on=completed_on,
                    today=today,
                ),
                item_id=item.pk,
            )
        )
    totals = dict.fromkeys(OUTCOME_LABELS, 0)
    for row in rows:
        totals[row.outcome] += 1
    return rows, totals


def review_list(*, area: Area) -> QuerySet[AgendaReview]:
    return area.agenda_reviews.annotate(n_items=Count("entries")).order_by("-held_on", "-id")


def agenda_stamp(*, area: Area) -> str:
    """A value that changes whenever an item of the wijk is added, changed or removed.

    Used as part of cache keys: one indexed aggregate instead of rendering the agenda.
    """
    row = borders.concerning(AgendaItem.objects.all(), area).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    return _stamp(row["n"], row["last"])


def wijk_agenda_stamp(*, municipality_slug: str, wijk_slug: str) -> tuple[int, str] | None:
    """The id of the wijk at this address and its `agenda_stamp`, in one query.

    None when there is no such wijk. Lets a cached page be served without first loading
    the wijk itself.
    """
    # The wijk's own items and those of other wijken that also concern it (or one of its
    # buurten), counted in a subquery each so that no item is counted twice.
    through = AgendaItem.other_areas.through
    also = through.objects.filter(
        Q(area_id=OuterRef(OuterRef("pk"))) | Q(area__parent_id=OuterRef(OuterRef("pk")))
    ).values("agendaitem_id")
    concerning = (
        AgendaItem.objects.filter(Q(area_id=OuterRef("pk")) | Q(pk__in=also))
        .order_by()
        .annotate(one=Value(1))
        .values("one")
    )
    row = (
        Area.objects.wijken()
        .filter(municipality__slug=municipality_slug, slug=wijk_slug)
        .annotate(
            n=Subquery(concerning.annotate(n=Count("id")).values("n")),
            last=Subquery(concerning.annotate(last=Max("updated_at")).values("last")),
        )
        .values_list("pk", "n", "last")
        .first()
    )
    if row is None:
        return None
    pk, n, last = row
    return pk, _stamp(n or 0, last)


def _stamp(n: int, last) -> str:
    return f"{n}-{last.timestamp() if last else 0:.6f}"
