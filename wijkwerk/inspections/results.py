"""What a schouw found, and how a wijk does over its schouwen.

The measure is the share of scored objects at or above the level agreed for them at the
time of scoring (copied onto each score), per kind of object and over all of them. The
trend of a wijk takes its finished schouwen, oldest first.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from wijkwerk.areas.models import Area

from .levels import ObjectType
from .models import Finding, Inspection, Score, Status, Stop


@dataclass
class Share:
    scored: int = 0
    at_or_above: int = 0

    @property
    def percent(self) -> float | None:
        return None if not self.scored else 100 * self.at_or_above / self.scored

    @property
    def width(self) -> str:
        """The bar's length in a chart, as an SVG percentage."""
        return f"{self.percent or 0:.1f}%"

    def add(self, score: Score) -> None:
        self.scored += 1
        self.at_or_above += not score.below_agreed


@dataclass
class TypeShare:
    object_type: str
    label: str
    share: Share


@dataclass
class StopScores:
    stop: Stop
    scores: list[Score]


@dataclass
class InspectionResults:
    inspection: Inspection
    stops: list[StopScores]
    per_type: list[TypeShare]
    overall: Share
    findings: list[Finding] = field(default_factory=list)

    @property
    def type_shares(self) -> list[Share]:
        return [row.share for row in self.per_type]


def _per_type(scores: Iterable[Score]) -> tuple[list[TypeShare], Share]:
    shares: dict[str, Share] = defaultdict(Share)
    overall = Share()
    for score in scores:
        shares[score.object_type].add(score)
        overall.add(score)
    per_type = [
        TypeShare(kind.value, str(kind.label), shares[kind.value])
        for kind in ObjectType
        if kind.value in shares
    ]
    return per_type, overall


def inspection_results(*, inspection: Inspection) -> InspectionResults:
    stops = list(inspection.stops.order_by("position"))
    scores = list(
        Score.objects.filter(stop__inspection=inspection).order_by("stop__position", "object_type")
    )
    by_stop: dict[int, list[Score]] = defaultdict(list)
    for score in scores:
        by_stop[score.stop_id].append(score)
    per_type, overall = _per_type(scores)
    findings = list(Finding.objects.filter(inspection=inspection).select_related("score__stop"))
    return InspectionResults(
        inspection=inspection,
        stops=[StopScores(stop, by_stop[stop.pk]) for stop in stops],
        per_type=per_type,
        overall=overall,
        findings=findings,
    )


@dataclass
class TrendPoint:
    inspection: Inspection
    overall: Share
    per_type: dict[str, Share]


@dataclass
class Trend:
    points: list[TrendPoint]
    object_types: list[tuple[str, str]]  # (value, label) of the kinds scored at least once

    @property
    def overall_shares(self) -> list[Share]:
        return [point.overall for point in self.points]

    def rows(self) -> list[tuple[str, list[Share | None]]]:
        """Per kind of object its share in each schouw (None: not scored then)."""
        return [
            (label, [point.per_type.get(kind) for point in self.points])
            for kind, label in self.object_types
        ]


def wijk_trend(*, area: Area) -> Trend:
    """The finished schouwen of the wijk, oldest first, with their shares."""
    inspections = list(
        Inspection.objects.filter(area=area.wijk, status=Status.DONE).order_by("starts_at", "id")
    )
    scores: dict[int, list[Score]] = defaultdict(list)
    for score in Score.objects.filter(stop__inspection__in=inspections).select_related("stop"):
        scores[score.stop.inspection_id].append(score)
    points = []
    seen: set[str] = set()
    for inspection in inspections:
        per_type, overall = _per_type(scores[inspection.pk])
        seen.update(t.object_type for t in per_type)
        points.append(TrendPoint(inspection, overall, {t.object_type: t.share for t in per_type}))
    kinds = [(kind.value, str(kind.label)) for kind in ObjectType if kind.value in seen]
    return Trend(points=points, object_types=kinds)
