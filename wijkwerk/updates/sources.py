"""From audit events to news: which decisions of which apps make the news, and what is public.

Each app records its decisions in the audit log (`core.AuditEvent`: action, target kind + id,
changes, reason). A reader here turns one event into a `Draft` of a news entry, or into
nothing when the event is not news or not public: a closed body's meeting, an initiative that
is not public. Readers look at the event first (what changed then) and at the object only for
what the event does not say (its wijk, its title), so rebuilding later tells the same story.
Personal data never goes into an entry: no names, no minutes' text, no e-mail addresses.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from wijkwerk.agenda.models import AgendaItem, AgendaReview, Status, Verdict
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.models import AuditEvent
from wijkwerk.initiatives.models import Initiative
from wijkwerk.inspections.models import Inspection
from wijkwerk.inspections.models import Status as InspectionStatus
from wijkwerk.meetings.models import Meeting, MeetingStatus
from wijkwerk.pb.models import Round
from wijkwerk.surveys.models import Survey

from .models import Kind

SUMMARY_LENGTH = 600


@dataclass
class Draft:
    municipality: Municipality
    area: Area | None
    kind: str
    title: str
    url: str
    summary: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    is_public: bool = True


Reader = Callable[[AuditEvent], Draft | None]


def _wijk(area: Area | None) -> Area | None:
    return area.wijk if area is not None else None


def _changed_to(event: AuditEvent, name: str) -> Any:
    """The new value of a field the event changed, or None."""
    pair = (event.changes or {}).get(name)
    return pair[1] if isinstance(pair, list) and len(pair) == 2 else None


def _iso(value: Any) -> str | None:
    """A logged datetime (str() of an aware datetime) as ISO 8601, or None."""
    if not value:
        return None
    try:
        return datetime.datetime.fromisoformat(str(value)).isoformat()
    except ValueError:
        return None


def _short(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _get(model: Any, event: AuditEvent, *related: str) -> Any:
    return model.objects.select_related(*related).filter(pk=event.target_id).first()


# --- wijkagenda --------------------------------------------------------------------------------


def _item_draft(item: AgendaItem, kind: str, **values: Any) -> Draft:
    area = item.area
    return Draft(
        municipality=area.municipality,
        area=_wijk(area),
        kind=kind,
        title=item.title,
        url=reverse("agenda:item", args=[area.municipality.slug, area.slug, item.pk]),
        **values,
    )


def agenda_answer(event: AuditEvent) -> Draft | None:
    item = _get(AgendaItem, event, "area__municipality")
    verdict = event.action.rsplit(".", 1)[-1]
    if item is None or verdict not in Verdict.values:
        return None
    data: dict[str, Any] = {"verdict": verdict}
    if verdict == Verdict.OOIT:
        data["answer_by"] = _changed_to(event, "answer_by") or (
            item.answer_by.isoformat() if item.answer_by else None
        )
    # The reason logged is the motivation (Nu, Nooit) or the conditions (Ooit).
    return _item_draft(item, Kind.AGENDA_ANSWER, summary=_short(event.reason), data=data)


def agenda_progress(event: AuditEvent) -> Draft | None:
    item = _get(AgendaItem, event, "area__municipality")
    if item is None:
        return None
    status = _changed_to(event, "status")
    kind = Kind.AGENDA_DONE if status == Status.DONE else Kind.AGENDA_PROGRESS
    data = {"status": status} if status in Status.values else {}
    return _item_draft(item, kind, summary=_short(event.reason), data=data)


def agenda_review(event: AuditEvent) -> Draft | None:
    review = _get(AgendaReview, event, "area__municipality")
    if review is None:
        return None
    area = review.area
    return Draft(
        municipality=area.municipality,
        area=_wijk(area),
        kind=Kind.AGENDA_REVIEW,
        title=review.title,
        url=reverse("agenda:review", args=[area.municipality.slug, area.slug, review.pk]),
        data={"year": review.year, "items": (event.changes or {}).get("items")},
    )


# --- meetings ----------------------------------------------------------------------------------


def _meeting_draft(event: AuditEvent, kind: str, **values: Any) -> Draft | None:
    meeting = _get(Meeting, event, "body__area__municipality")
    if meeting is None or not meeting.body.is_public:
        return None  # a closed body's meetings are for its members only
    area = meeting.body.area
    values.setdefault("data", {}).setdefault("starts_at", meeting.starts_at.isoformat())
    return Draft(
        municipality=area.municipality,
        area=_wijk(area),
        kind=kind,
        title=meeting.body.name,
        url=reverse("meetings:meeting", args=[area.municipality.slug, area.slug, meeting.pk]),
        **values,
    )


def meeting_planned(event: AuditEvent) -> Draft | None:
    starts_at = _iso((event.changes or {}).get("starts_at"))
    return _meeting_draft(
        event, Kind.MEETING_PLANNED, data={"starts_at": starts_at} if starts_at else {}
    )


def meeting_moved(event: AuditEvent) -> Draft | None:
    changes = event.changes or {}
    data: dict[str, Any] = {}
    if "starts_at" in changes:
        data = {"from": _iso(changes["starts_at"][0]), "starts_at": _iso(changes["starts_at"][1])}
    if "location" in changes:
        data["location"] = changes["location"][1]
    return _meeting_draft(event, Kind.MEETING_MOVED, data=data)


def meeting_cancelled(event: AuditEvent) -> Draft | None:
    return _meeting_draft(event, Kind.MEETING_CANCELLED, summary=_short(event.reason))


def meeting_minutes(event: AuditEvent) -> Draft | None:
    # News when minutes first appear; a later correction of them is not.
    if (event.changes or {}).get("minutes", [None])[0] != "":
        return None
    # The minutes may name people: the entry only points to them.
    return _meeting_draft(event, Kind.MEETING_MINUTES)


def year_planned(event: AuditEvent) -> Draft | None:
    area = Area.objects.select_related("municipality").filter(pk=event.target_id).first()
    year = (event.changes or {}).get("year")
    if area is None or not isinstance(year, int):
        return None
    public = Meeting.objects.filter(
        body__area=area, body__is_public=True, starts_at__year=year
    ).exclude(status=MeetingStatus.CANCELLED)
    count = public.count()
    if not count:
        return None
    return Draft(
        municipality=area.municipality,
        area=_wijk(area),
        kind=Kind.MEETING_PLANNED,
        title=area.name,
        url=reverse("meetings:wijk", args=[area.municipality.slug, area.slug]),
        data={"year": year, "count": count},
    )


# --- initiatives, budget rounds, surveys, wijkschouw ---------------------------------------------


def initiative_awarded(event: AuditEvent) -> Draft | None:
    initiative = _get(Initiative, event, "area__municipality")
    if initiative is None or not initiative.is_public:
        return None
    area = initiative.area
    return Draft(
        municipality=area.municipality,
        area=_wijk(area),
        kind=Kind.INITIATIVE_AWARDED,
        title=initiative.title,
        url=reverse("initiatives:detail", args=[area.municipality.slug, area.slug, initiative.pk]),
        summary=_short(initiative.summary),
        data={"amount_cents": (event.changes or {}).get("amount_cents")},
    )


def pb_results(event: AuditEvent) -> Draft | None:
    pb_round = _get(Round, event, "municipality", "area")
    if pb_round is None or not pb_round.results_published:
        return None
    return Draft(
        municipality=pb_round.municipality,
        area=_wijk(pb_round.area),
        kind=Kind.PB_RESULTS,
        title=pb_round.title,
        url=reverse("pb:round", args=[pb_round.municipality.slug, pb_round.pk]),
        data={"selected": len((event.changes or {}).get("selected") or [])},
    )


def survey_results(event: AuditEvent) -> Draft | None:
    survey = _get(Survey, event, "municipality", "area")
    if survey is None:
        return None
    return Draft(
        municipality=survey.municipality,
        area=_wijk(survey.area),
        kind=Kind.SURVEY_RESULTS,
        title=survey.title,
        url=reverse("surveys:results", args=[survey.municipality.slug, survey.pk]),
    )


def inspection_done(event: AuditEvent) -> Draft | None:
    if _changed_to(event, "status") != InspectionStatus.DONE:
        return None
    inspection = _get(Inspection, event, "municipality", "area")
    if inspection is None:
        return None
    return Draft(
        municipality=inspection.municipality,
        area=_wijk(inspection.area),
        kind=Kind.INSPECTION_DONE,
        title=inspection.title,
        url=reverse("inspections:results", args=[inspection.municipality.slug, inspection.pk]),
    )


READERS: dict[str, Reader] = {
    "agenda.answer.nu": agenda_answer,
    "agenda.answer.ooit": agenda_answer,
    "agenda.answer.nooit": agenda_answer,
    "agenda.progress": agenda_progress,
    "agenda.review": agenda_review,
    "meetings.meeting_create": meeting_planned,
    "meetings.year_plan": year_planned,
    "meetings.meeting_move": meeting_moved,
    "meetings.meeting_cancel": meeting_cancelled,
    "meetings.meeting_record": meeting_minutes,
    "initiatives.award": initiative_awarded,
    "pb.results_publish": pb_results,
    "surveys.survey_closed": survey_results,
    "inspections.status": inspection_done,
}


def draft_for(event: AuditEvent) -> Draft | None:
    reader = READERS.get(event.action)
    return reader(event) if reader is not None else None
