"""The profile of an assessment: per section the average and spread of its points, the
weakest points, and the geometry of the charts that show them.

Strength
--------
Every point is scored on the instrument's scale, 1..n, for how far it holds. For a
statement or a kans that is its strength. For a valkuil holding is weak, so its strength is
the value turned round: n + 1 − value (on 1..4, "volledig" (4) is strength 1). A section's
average is the mean strength of its scored points, its spread the population standard
deviation of those strengths (0 when one point was scored). Points without a value do not
count. The weakest points are the scored points of lowest strength below the top of the
scale, the lowest first, ties in the instrument's order.
"""

from dataclasses import dataclass, field
from statistics import fmean, pstdev

from .models import Assessment, Point, Score, Section

WEAKEST = 5


def strength(value: int, *, scale_max: int, reversed: bool) -> int:
    return scale_max + 1 - value if reversed else value


def to_percent(value: float, scale_max: int) -> float:
    """Where `value` (1..scale_max) lies on the chart's axis, 0..100."""
    if scale_max <= 1:
        return 0.0
    return max(0.0, min(100.0, (value - 1) / (scale_max - 1) * 100))


@dataclass
class PointResult:
    point: Point
    value: int | None
    strength: int | None
    score: Score | None = None


@dataclass
class SectionProfile:
    section: Section
    points: list[PointResult]
    mean: float | None
    spread: float | None
    scale_max: int

    @property
    def scored(self) -> int:
        return sum(1 for p in self.points if p.value is not None)

    @property
    def bar(self) -> str:
        """The bar's length as an SVG percentage of the axis."""
        return f"{to_percent(self.mean, self.scale_max):.1f}%" if self.mean is not None else "0%"

    @property
    def whisker(self) -> tuple[str, str] | None:
        """Mean ± spread on the axis, or None when there is nothing to show."""
        if self.mean is None or not self.spread:
            return None
        low = to_percent(self.mean - self.spread, self.scale_max)
        high = to_percent(self.mean + self.spread, self.scale_max)
        return f"{low:.1f}%", f"{high:.1f}%"


@dataclass
class Profile:
    assessment: Assessment
    sections: list[SectionProfile]
    scale_max: int
    weakest: list[PointResult] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(len(s.points) for s in self.sections)

    @property
    def scored(self) -> int:
        return sum(s.scored for s in self.sections)

    @property
    def mean(self) -> float | None:
        strengths = [p.strength for s in self.sections for p in s.points if p.strength is not None]
        return fmean(strengths) if strengths else None

    def section_means(self) -> dict[str, float | None]:
        return {s.section.key: s.mean for s in self.sections}


def _section_profile(section: Section, results: list[PointResult], scale_max: int):
    strengths = [r.strength for r in results if r.strength is not None]
    return SectionProfile(
        section=section,
        points=results,
        mean=fmean(strengths) if strengths else None,
        spread=pstdev(strengths) if strengths else None,
        scale_max=scale_max,
    )


def weakest_points(results: list[PointResult], *, scale_max: int, n: int = WEAKEST):
    scored = [r for r in results if r.strength is not None and r.strength < scale_max]
    scored.sort(key=lambda r: (r.strength, r.point.number))
    return scored[:n]


def assessment_profile(*, assessment: Assessment, weakest: int = WEAKEST) -> Profile:
    instrument = assessment.instrument
    scale_max = instrument.scale_max
    scores = {
        s.point_id: s
        for s in Score.objects.filter(assessment=assessment).select_related("updated_by")
    }
    sections = []
    every: list[PointResult] = []
    for section in instrument.sections.prefetch_related("points").order_by("position"):
        results = []
        for point in sorted(section.points.all(), key=lambda p: p.number):
            score = scores.get(point.pk)
            value = score.value if score is not None else None
            results.append(
                PointResult(
                    point=point,
                    value=value,
                    strength=None
                    if value is None
                    else strength(value, scale_max=scale_max, reversed=point.reversed),
                    score=score,
                )
            )
        every += results
        sections.append(_section_profile(section, results, scale_max))
    return Profile(
        assessment=assessment,
        sections=sections,
        scale_max=scale_max,
        weakest=weakest_points(every, scale_max=scale_max, n=weakest),
    )


# --- comparing -----------------------------------------------------------------------------


@dataclass
class Column:
    """One assessment in a comparison: its label and its section averages by section key."""

    label: str
    assessment: Assessment
    means: dict[str, float | None]


@dataclass
class ComparisonRow:
    key: str
    title: str
    cells: list[float | None]
    scale_max: int

    @property
    def bars(self) -> list[tuple[int, str]]:
        """(series number, bar length) per column with a value."""
        return [
            (i, f"{to_percent(v, self.scale_max):.1f}%")
            for i, v in enumerate(self.cells, 1)
            if v is not None
        ]


def comparison_rows(sections: list[Section], columns: list[Column], scale_max: int):
    """Rows of sections (matched by key, so versions with the same sections line up)."""
    return [
        ComparisonRow(
            key=s.key,
            title=s.title,
            cells=[c.means.get(s.key) for c in columns],
            scale_max=scale_max,
        )
        for s in sections
    ]
