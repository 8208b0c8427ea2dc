"""Reading meldingen: public lists without personal data, likely duplicates, the dashboard."""

import datetime
import math
import statistics
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from wijkwerk.areas.models import Area, Municipality

from .models import OPEN_STATUSES, Report, Status

# Roughly 111 km per degree of latitude; a degree of longitude is shorter by cos(latitude).
METRES_PER_DEGREE = 111_320


def public_report_list(*, area: Area, days: int = 30) -> QuerySet[Report]:
    """Open reports and those handled in the last `days`, for the public map of a wijk.
    Use `.values()` of non-personal fields only (see PUBLIC_FIELDS)."""
    since = timezone.now() - datetime.timedelta(days=days)
    return Report.objects.filter(wijk=area.wijk).filter(
        Q(status__in=OPEN_STATUSES) | Q(handled_at__gte=since)
    )


PUBLIC_FIELDS = ("id", "category__name", "status", "created_at", "deadline", "lat", "lon")


def likely_duplicates(*, report: Report, metres: int = 50, days: int = 14) -> list[Report]:
    """Open reports of the same category, close by and recent: candidates to link."""
    dlat = metres / METRES_PER_DEGREE
    dlon = metres / (METRES_PER_DEGREE * max(math.cos(math.radians(report.lat)), 0.01))
    since = report.created_at - datetime.timedelta(days=days)
    candidates = Report.objects.filter(
        category=report.category,
        status__in=OPEN_STATUSES,
        created_at__gte=since,
        lat__range=(report.lat - dlat, report.lat + dlat),
        lon__range=(report.lon - dlon, report.lon + dlon),
        duplicate_of__isnull=True,
    ).exclude(pk=report.pk)
    return sorted(
        candidates,
        key=lambda r: (r.lat - report.lat) ** 2 + ((r.lon - report.lon) * dlat / dlon) ** 2,
    )


@dataclass
class DashboardLine:
    label: str
    total: int
    open: int
    overdue: int
    handled: int
    median_hours: float | None
    within_deadline_percent: float | None


def _line(label: str, reports: list[dict], now: datetime.datetime) -> DashboardLine:
    handled = [r for r in reports if r["handled_at"] is not None]
    durations = [(r["handled_at"] - r["created_at"]).total_seconds() / 3600 for r in handled]
    in_time = [r for r in handled if r["handled_at"] <= r["deadline"]]
    open_ = [r for r in reports if r["status"] in OPEN_STATUSES]
    return DashboardLine(
        label=label,
        total=len(reports),
        open=len(open_),
        overdue=sum(1 for r in open_ if r["deadline"] < now),
        handled=len(handled),
        median_hours=round(statistics.median(durations), 1) if durations else None,
        within_deadline_percent=round(100 * len(in_time) / len(handled), 1) if handled else None,
    )


def dashboard(
    *, municipality: Municipality, group_by: str, since: datetime.date, area: Area | None = None
) -> list[DashboardLine]:
    """Per wijk, category or organisation: number, open, overdue, median handling time and
    the share handled within the deadline, for reports made since `since`."""
    field = {
        "wijk": "wijk__name",
        "category": "category__name",
        "organisation": "organisation__name",
    }[group_by]
    qs = Report.objects.filter(municipality=municipality, created_at__date__gte=since)
    if area is not None:
        qs = qs.filter(wijk=area.wijk)
    rows = qs.exclude(status=Status.CANCELLED).values(
        "status", "created_at", "handled_at", "deadline", label=F(field)
    )
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row["label"] or "—", []).append(row)
    now = timezone.now()
    return [_line(label, grouped[label], now) for label in sorted(grouped)]


def overdue_list(*, municipality: Municipality, area: Area | None = None) -> QuerySet[Report]:
    qs = Report.objects.overdue(timezone.now()).filter(municipality=municipality)
    if area is not None:
        qs = qs.filter(wijk=area.wijk)
    return qs.select_related("category", "organisation", "wijk").order_by("deadline")
