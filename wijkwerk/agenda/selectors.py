"""Reading the wijkagenda: public lists, counts, history and the review report."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.models import AuditEvent

from .models import (
    AGREED,
    AgendaItem,
    AgendaItemUpdate,
    AgendaReview,
    DevelopmentPlan,
    Status,
    Theme,
)


def agenda_item_list(
    *,
    area: Area | None = None,
    municipality: Municipality | None = None,
    year: int | None = None,
    theme: Theme | int | None = None,
    status: str | None = None,
) -> QuerySet[AgendaItem]:
    """The items of a wijk (or municipality), newest first, ready for display."""
    qs = AgendaItem.objects.select_related(
        "area", "area__municipality", "theme", "owner_organisation", "owner_organisation__parent"
    )
    if area is not None:
        qs = qs.filter(area=area)
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
        AgendaItem.objects.filter(area=area, year=year)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Status.values, 0)
    counts.update({r["status"]: r["n"] for r in rows})
    return counts


def agenda_years(*, area: Area) -> list[int]:
    years = set(
        AgendaItem.objects.filter(area=area).values_list("year", flat=True).distinct().order_by()
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
}


@dataclass
class HistoryEntry:
    when: Any
    who: str
    action: str
    text: str
    changes: dict


def agenda_item_history(*, item: AgendaItem) -> list[HistoryEntry]:
    """Every logged change of an item, oldest first. Residents are not named."""
    events = (
        AuditEvent.objects.for_target(item).select_related("actor").order_by("created_at", "id")
    )
    entries = []
    for event in events:
        who = _("resident")
        if event.actor_id and event.actor_id != item.proposed_by_id:
            who = str(event.actor)
        action = str(ACTION_LABELS.get(event.action, event.action))
        entries.append(
            HistoryEntry(event.created_at, str(who), action, event.reason, event.changes)
        )
    return entries


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
    row = AgendaItem.objects.filter(area=area).aggregate(n=Count("id"), last=Max("updated_at"))
    return _stamp(row["n"], row["last"])


def wijk_agenda_stamp(*, municipality_slug: str, wijk_slug: str) -> tuple[int, str] | None:
    """The id of the wijk at this address and its `agenda_stamp`, in one query.

    None when there is no such wijk. Lets a cached page be served without first loading
    the wijk itself.
    """
    row = (
        Area.objects.wijken()
        .filter(municipality__slug=municipality_slug, slug=wijk_slug)
        .values_list("pk")
        .annotate(n=Count("agenda_items"), last=Max("agenda_items__updated_at"))
        .order_by()
        .first()
    )
    if row is None:
        return None
    pk, n, last = row
    return pk, _stamp(n, last)


def _stamp(n: int, last) -> str:
    return f"{n}-{last.timestamp() if last else 0:.6f}"
