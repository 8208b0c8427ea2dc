"""The indicators of the monitor, each one a function over the other apps' data.

Every function takes a municipality, optionally one wijk and optionally one year, and
answers with plain rows keyed by wijk (`area_id`, None where the figure belongs to no wijk)
and year. Each runs a fixed number of aggregate queries, grouped by area in SQL, so the
dashboard's cost does not grow with the number of wijken. Figures that need the whole
distribution (median and 90th percentile of waiting times) fetch one narrow row per item of
the selected municipality and year; that is bounded by the municipality's own activity.

Definitions (shown on the dashboard as well):

- Agreed and done on time — per agenda review (vaststelling): the items that stood as Now,
  in progress or done in its snapshot, and what became of them by the date agreed then
  (the same rule as the review page, `agenda.selectors.outcome_of`).
- Waiting days — from the day an idea was put on the agenda to the day it was answered,
  in local dates; median and 90th percentile (nearest rank).
- Money decided by residents — vouchers of initiatives decided by a regiegroep or
  wijkplatform, and the projects residents chose in a participatory budget round whose
  results are published; by professionals — vouchers decided by a wijkmanager and convenant
  projects awarded by the stuurgroep.
- Topics across borders — an agenda item, agreement or initiative that also concerns other
  wijken (`other_areas`) counts in the row of its own wijk only: the indicators never join
  the extra areas, so the municipality's figures count such a topic once.
- Meldingen handled within their deadline — handled at or before the deadline set when they
  came in; cancelled meldingen and duplicates are left out.
"""

import datetime
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear, TruncDate
from django.utils import timezone

from wijkwerk.agenda.models import AGREED, AgendaItem, AgendaReviewItem, Status, Verdict
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.initiatives.models import (
    AWAITING_DECISION,
    PUBLIC_STATUSES,
    ConvenantProject,
    DecidingBody,
    Initiative,
    LadderStep,
    Participant,
    ProjectStatus,
    Voucher,
)
from wijkwerk.initiatives.models import Status as InitiativeStatus
from wijkwerk.meetings.models import ActionPoint, Meeting, MeetingStatus
from wijkwerk.pb.models import TallyResult
from wijkwerk.reports.models import OPEN_STATUSES, Report
from wijkwerk.reports.models import Status as ReportStatus
from wijkwerk.surveys.models import QuestionKind, Survey
from wijkwerk.surveys.models import Status as SurveyStatus
from wijkwerk.surveys.results import survey_results

Row = dict[str, Any]

RESIDENT_BODIES = frozenset({DecidingBody.REGIEGROEP, DecidingBody.WIJKPLATFORM})
# At most this many surveys feed the satisfaction figures (the latest finished ones).
SURVEYS_SHOWN = 5


# --- helpers --------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """The first moment of `year` and of the next, in the local time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    return start, datetime.datetime(year + 1, 1, 1, tzinfo=tz)


def _in_year(qs: QuerySet, field: str, year: int | None) -> QuerySet:
    """Filter on a timestamp by range, so that an index on it can be used."""
    if year is None:
        return qs
    start, end = year_bounds(year)
    return qs.filter(**{f"{field}__gte": start, f"{field}__lt": end})


def _scope(qs: QuerySet, area_path: str, municipality: Municipality, wijk: Area | None):
    if wijk is not None:
        return qs.filter(**{area_path: wijk.pk})
    return qs.filter(**{f"{area_path}__municipality": municipality.pk})


def median(values: list[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def percentile90(values: list[int]) -> int | None:
    """The 90th percentile by nearest rank: the smallest value that at least 90% of the
    values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def _sorted(rows: Iterable[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r["year"], r["area_id"] is None, r["area_id"] or 0))


# --- wijkagenda -----------------------------------------------------------------------------


def agenda_reviews(
    *,
    municipality: Municipality,
    wijk: Area | None = None,
    year: int | None = None,
    today: datetime.date | None = None,
) -> list[Row]:
    """Per agenda review: how many items were agreed and what became of them."""
    today = today or timezone.localdate()
    qs = _scope(
        AgendaReviewItem.objects.filter(status__in=AGREED), "review__area", municipality, wijk
    )
    if year is not None:
        qs = qs.filter(review__year=year)
    done = Q(item__status=Status.DONE)
    dropped = Q(item__status__in=[Status.DROPPED, Status.REJECTED])
    late_done = done & Q(due_date__isnull=False, completed_on__gt=F("due_date"))
    rows = (
        qs.annotate(completed_on=TruncDate("item__completed_at"))
        .values("review_id", "review__area_id", "review__year", "review__held_on")
        .annotate(
            agreed=Count("id"),
            done_on_time=Count("id", filter=done & ~late_done),
            done_late=Count("id", filter=late_done),
            dropped=Count("id", filter=dropped),
            late=Count("id", filter=~done & ~dropped & Q(due_date__lt=today)),
        )
        .order_by("review__held_on", "review_id")
    )
    result = []
    for r in rows:
        row = {
            "area_id": r["review__area_id"],
            "year": r["review__year"],
            "review_id": r["review_id"],
            "held_on": r["review__held_on"],
            "agreed": r["agreed"],
            "done_on_time": r["done_on_time"],
            "done_late": r["done_late"],
            "late": r["late"],
            "dropped": r["dropped"],
        }
        row["open"] = row["agreed"] - row["done_on_time"] - row["done_late"] - row["late"]
        row["open"] -= row["dropped"]
        result.append(row)
    return result


def latest_reviews(rows: list[Row]) -> list[Row]:
    """Of each wijk and year, the latest review only (rows come ordered by date)."""
    latest: dict[tuple, Row] = {}
    for row in rows:
        latest[row["area_id"], row["year"]] = row
    return _sorted(latest.values())


def agenda_answers(
    *, municipality: Municipality, wijk: Area | None = None, year: int | None = None
) -> list[Row]:
    """Per wijk and year of answering: answers Now / Some day / Never, and the days the
    ideas waited for them (median and 90th percentile)."""
    qs = _scope(AgendaItem.objects.filter(answered_at__isnull=False), "area", municipality, wijk)
    qs = _in_year(qs, "answered_at", year)
    groups: dict[tuple, Row] = {}
    waits: dict[tuple, list[int]] = defaultdict(list)
    for area_id, verdict, created_at, answered_at in qs.values_list(
        "area_id", "verdict", "created_at", "answered_at"
    ).order_by():
        answered_on = _local_date(answered_at)
        key = (area_id, answered_on.year)
        row = groups.setdefault(
            key, {"area_id": area_id, "year": key[1], "nu": 0, "ooit": 0, "nooit": 0}
        )
        if verdict in Verdict.values:
            row[verdict] += 1
        waits[key].append(max(0, (answered_on - _local_date(created_at)).days))
    for key, row in groups.items():
        row["answered"] = row["nu"] + row["ooit"] + row["nooit"]
        row["median_days"] = median(waits[key])
        row["p90_days"] = percentile90(waits[key])
    return _sorted(groups.values())


def agenda_waiting_now(
    *, municipality: Municipality, wijk: Area | None = None, today: datetime.date | None = None
) -> list[Row]:
    """Per wijk, today: ideas still awaiting an answer, and Some-day items whose promised
    date for a definite answer has passed."""
    today = today or timezone.localdate()
    qs = _scope(AgendaItem.objects.all(), "area", municipality, wijk)
    rows = (
        qs.filter(status__in=[Status.PROPOSED, Status.WAITING])
        .values("area_id")
        .annotate(
            awaiting=Count("id", filter=Q(status=Status.PROPOSED)),
            ooit_waiting=Count("id", filter=Q(status=Status.WAITING)),
            ooit_overdue=Count("id", filter=Q(status=Status.WAITING, answer_by__lt=today)),
        )
        .order_by("area_id")
    )
    return [{**r, "year": today.year} for r in rows]


# --- money ----------------------------------------------------------------------------------


def money_decided(
    *, municipality: Municipality, wijk: Area | None = None, year: int | None = None
) -> list[Row]:
    """Per wijk and year: euros decided by residents and by professionals (in cents)."""
    groups: dict[tuple, Row] = {}

    def add(area_id: int | None, year_: int, who: str, cents: int | None) -> None:
        row = groups.setdefault(
            (area_id, year_),
            {"area_id": area_id, "year": year_, "residents_cents": 0, "professionals_cents": 0},
        )
        row[who] += cents or 0

    vouchers = _in_year(
        _scope(Voucher.objects.all(), "initiative__area", municipality, wijk), "issued_at", year
    )
    for r in (
        vouchers.annotate(y=ExtractYear("issued_at"))
        .values("initiative__area_id", "y", "initiative__ruleset__deciding_body")
        .annotate(cents=Sum("amount_cents"))
        .order_by()
    ):
        body = r["initiative__ruleset__deciding_body"]
        who = "residents_cents" if body in RESIDENT_BODIES else "professionals_cents"
        add(r["initiative__area_id"], r["y"], who, r["cents"])

    tallies = TallyResult.objects.filter(round__results_published_at__isnull=False)
    tallies = _in_year(tallies, "round__results_published_at", year)
    if wijk is not None:
        tallies = tallies.filter(round__area=wijk.pk)
    else:
        tallies = tallies.filter(round__municipality=municipality.pk)
    for r in (
        tallies.annotate(y=ExtractYear("round__results_published_at"))
        .values("round__area_id", "y")
        .annotate(cents=Sum("spent_cents"))
        .order_by()
    ):
        add(r["round__area_id"], r["y"], "residents_cents", r["cents"])

    projects = ConvenantProject.objects.filter(status=ProjectStatus.AWARDED)
    projects = _in_year(projects, "decided_at", year)
    if wijk is not None:
        projects = projects.filter(area=wijk.pk)
    else:
        projects = projects.filter(call__fund__municipality=municipality.pk)
    for r in (
        projects.annotate(y=ExtractYear("decided_at"))
        .values("area_id", "y")
        .annotate(cents=Sum("requested_cents"))
        .order_by()
    ):
        add(r["area_id"], r["y"], "professionals_cents", r["cents"])
    for row in groups.values():
        total = row["residents_cents"] + row["professionals_cents"]
        row["residents_percent"] = round(100 * row["residents_cents"] / total) if total else None
    return _sorted(groups.values())


# --- initiatives ----------------------------------------------------------------------------


def initiative_decisions(
    *,
    municipality: Municipality,
    wijk: Area | None = None,
    year: int | None = None,
    today: datetime.date | None = None,
) -> list[Row]:
    """Per wijk and year of submission: initiatives submitted, awarded, rejected, still
    awaiting a decision, decided in time, and the days to a decision."""
    today = today or timezone.localdate()
    qs = _scope(Initiative.objects.filter(submitted_at__isnull=False), "area", municipality, wijk)
    qs = _in_year(qs, "submitted_at", year)
    awarded = {
        InitiativeStatus.AWARDED,
        InitiativeStatus.IN_EXECUTION,
        InitiativeStatus.ACCOUNTED,
        InitiativeStatus.CLOSED,
    }
    groups: dict[tuple, Row] = {}
    days: dict[tuple, list[int]] = defaultdict(list)
    for area_id, status, submitted_at, decided_at, due in qs.values_list(
        "area_id", "status", "submitted_at", "decided_at", "decision_due"
    ).order_by():
        submitted_on = _local_date(submitted_at)
        key = (area_id, submitted_on.year)
        row = groups.setdefault(
            key,
            {
                "area_id": area_id,
                "year": key[1],
                "submitted": 0,
                "awarded": 0,
                "rejected": 0,
                "awaiting": 0,
                "awaiting_overdue": 0,
                "decided_in_time": 0,
            },
        )
        row["submitted"] += 1
        if status in awarded:
            row["awarded"] += 1
        elif status == InitiativeStatus.REJECTED:
            row["rejected"] += 1
        elif status in AWAITING_DECISION:
            row["awaiting"] += 1
            if due and due < today:
                row["awaiting_overdue"] += 1
        if decided_at and status in awarded | {InitiativeStatus.REJECTED}:
            decided_on = _local_date(decided_at)
            days[key].append(max(0, (decided_on - submitted_on).days))
            if due is None or decided_on <= due:
                row["decided_in_time"] += 1
    for key, row in groups.items():
        row["median_days"] = median(days[key])
        row["p90_days"] = percentile90(days[key])
    return _sorted(groups.values())


def ladder_steps(
    *, municipality: Municipality, wijk: Area | None = None, year: int | None = None
) -> list[Row]:
    """Per wijk and year of submission: residents taking part in (public) initiatives, per
    step of the participatieladder. A resident in two initiatives counts twice."""
    qs = _scope(
        Participant.objects.filter(initiative__status__in=PUBLIC_STATUSES),
        "initiative__area",
        municipality,
        wijk,
    )
    qs = _in_year(qs, "initiative__submitted_at", year)
    groups: dict[tuple, Row] = {}
    for r in (
        qs.annotate(y=ExtractYear("initiative__submitted_at"))
        .values("initiative__area_id", "y", "step")
        .annotate(n=Count("id"))
        .order_by()
    ):
        key = (r["initiative__area_id"], r["y"])
        row = groups.setdefault(
            key, {"area_id": key[0], "year": key[1], **dict.fromkeys(LadderStep.values, 0)}
        )
        row[r["step"]] += r["n"]
    for row in groups.values():
        row["total"] = sum(row[s] for s in LadderStep.values)
    return _sorted(groups.values())


# --- meldingen ------------------------------------------------------------------------------


def reports_handling(
    *,
    municipality: Municipality,
    wijk: Area | None = None,
    year: int | None = None,
    now: datetime.datetime | None = None,
) -> list[Row]:
    """Per wijk and year of reporting: meldingen, handled, handled within the deadline, and
    still open past it."""
    now = now or timezone.now()
    qs = Report.objects.filter(municipality=municipality.pk, duplicate_of__isnull=True).exclude(
        status=ReportStatus.CANCELLED
    )
    if wijk is not None:
        qs = qs.filter(wijk=wijk.pk)
    qs = _in_year(qs, "created_at", year)
    handled = Q(status=ReportStatus.HANDLED)
    rows = (
        qs.annotate(y=ExtractYear("created_at"))
        .values("wijk_id", "y")
        .annotate(
            reports=Count("id"),
            handled=Count("id", filter=handled),
            handled_in_time=Count("id", filter=handled & Q(handled_at__lte=F("deadline"))),
            open_overdue=Count("id", filter=Q(status__in=OPEN_STATUSES, deadline__lt=now)),
        )
        .order_by()
    )
    result = []
    for r in rows:
        row = {"area_id": r.pop("wijk_id"), "year": r.pop("y"), **r}
        row["in_time_percent"] = (
            round(100 * row["handled_in_time"] / row["handled"]) if row["handled"] else None
        )
        result.append(row)
    return _sorted(result)


# --- meetings -------------------------------------------------------------------------------


def meetings_held(
    *,
    municipality: Municipality,
    wijk: Area | None = None,
    year: int | None = None,
    now: datetime.datetime | None = None,
) -> list[Row]:
    """Per wijk and year: meetings planned (all scheduled), held, cancelled, and past but not
    recorded as held; action points and how many of them reached the wijkagenda."""
    now = now or timezone.now()
    meetings = _in_year(
        _scope(Meeting.objects.all(), "body__area", municipality, wijk), "starts_at", year
    )
    groups: dict[tuple, Row] = {}

    def row_for(area_id: int, y: int) -> Row:
        return groups.setdefault(
            (area_id, y),
            {
                "area_id": area_id,
                "year": y,
                "planned": 0,
                "held": 0,
                "cancelled": 0,
                "past_not_held": 0,
                "actions": 0,
                "actions_on_agenda": 0,
            },
        )

    for r in (
        meetings.annotate(y=ExtractYear("starts_at"))
        .values("body__area_id", "y")
        .annotate(
            planned=Count("id"),
            held=Count("id", filter=Q(status=MeetingStatus.HELD)),
            cancelled=Count("id", filter=Q(status=MeetingStatus.CANCELLED)),
            past_not_held=Count("id", filter=Q(status=MeetingStatus.PLANNED, starts_at__lt=now)),
        )
        .order_by()
    ):
        row = row_for(r["body__area_id"], r["y"])
        for name in ("planned", "held", "cancelled", "past_not_held"):
            row[name] = r[name]
    actions = _in_year(
        _scope(ActionPoint.objects.all(), "meeting__body__area", municipality, wijk),
        "meeting__starts_at",
        year,
    )
    for r in (
        actions.annotate(y=ExtractYear("meeting__starts_at"))
        .values("meeting__body__area_id", "y")
        .annotate(
            actions=Count("id"),
            actions_on_agenda=Count("id", filter=Q(agenda_item__isnull=False)),
        )
        .order_by()
    ):
        row = row_for(r["meeting__body__area_id"], r["y"])
        row["actions"], row["actions_on_agenda"] = r["actions"], r["actions_on_agenda"]
    return _sorted(groups.values())


# --- surveys --------------------------------------------------------------------------------


def satisfaction(
    *, municipality: Municipality, wijk: Area | None = None, year: int | None = None
) -> list[Row]:
    """The mean answer to each scale question of the latest finished surveys, for everyone
    and per wijk, as the surveys app publishes them: a group below its floor of respondents
    (or hidden to protect a smaller one) gives no figure (`hidden` says why)."""
    surveys = Survey.objects.filter(municipality=municipality.pk).exclude(status=SurveyStatus.DRAFT)
    if year is not None:
        surveys = surveys.filter(opens_on__year=year)
    if wijk is not None:
        surveys = surveys.filter(Q(area__isnull=True) | Q(area=wijk.pk))
    finished = [s for s in surveys.order_by("-closes_on", "-id")[:50] if s.is_finished()]
    rows: list[Row] = []
    for survey in finished[:SURVEYS_SHOWN]:
        results = survey_results(survey=survey)
        # A wijk's own survey speaks for that wijk only; a municipal one for all and per wijk.
        if survey.area_id:
            groups = [(survey.area_id, results.overall)]
        else:
            groups = [(None, results.overall), *((g.key[1], g) for g in results.by_wijk)]
        for area_id, group in groups:
            if area_id == "-" or (wijk is not None and area_id not in (None, wijk.pk)):
                continue
            for figure in group.figures:
                if figure.question.kind != QuestionKind.SCALE:
                    continue
                rows.append(
                    {
                        "area_id": area_id,
                        "year": survey.year,
                        "survey_id": survey.pk,
                        "survey": survey.title,
                        "question": figure.question.key,
                        "question_text": figure.question.text,
                        "scale": f"{figure.question.scale_min}–{figure.question.scale_max}",
                        "respondents": group.respondents,
                        "mean": round(figure.mean, 1) if figure.mean is not None else None,
                        "hidden": figure.hidden_text or group.hidden_text,
                    }
                )
    return rows
