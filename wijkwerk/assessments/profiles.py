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


# --- charts --------------------------------------------------------------------------------
# Geometry in em (down) and percent of the width (across), so the SVG scales with the text
# and the screen; the template only draws what is listed here.

LABEL = 1.0  # height of a label line
BAR = 0.8  # height of a bar
GAP = 0.5  # space below a section


@dataclass
class Shape:
    kind: str  # "text", "rect" or "line"
    css: str = ""
    x: str = "0"
    y: str = "0"
    width: str = ""
    height: str = ""
    x2: str = ""
    y2: str = ""
    text: str = ""


@dataclass
class Chart:
    height: str
    shapes: list[Shape]


def _em(value: float) -> str:
    return f"{value:.2f}em"


def _ticks(scale_max: int, height: float) -> list[Shape]:
    """A thin vertical line at every value of the scale."""
    return [
        Shape("line", "axis", x=x, y="0", x2=x, y2=_em(height))
        for x in (f"{to_percent(v, scale_max):.1f}%" for v in range(1, scale_max + 1))
    ]


def profile_chart(profile: Profile) -> Chart:
    """Per section its title, a bar to its average and a line across its spread."""
    shapes: list[Shape] = []
    y = 0.0
    for s in profile.sections:
        shapes.append(Shape("text", y=_em(y + 0.85), text=s.section.title))
        y += LABEL + 0.1
        shapes.append(Shape("rect", "mean", y=_em(y), width=s.bar, height=_em(BAR)))
        if s.whisker:
            middle = _em(y + BAR / 2)
            shapes.append(
                Shape("line", "spread", x=s.whisker[0], y=middle, x2=s.whisker[1], y2=middle)
            )
        y += BAR + GAP
    return Chart(height=_em(y), shapes=_ticks(profile.scale_max, y) + shapes)


def series_css(series: int) -> str:
    """The colour class of the n-th assessment in a comparison (six colours, then again)."""
    return f"series-{(series - 1) % 6 + 1}"


def comparison_chart(rows: list["ComparisonRow"], scale_max: int) -> Chart:
    """Per section its title and one bar per assessment, in the colours of the legend."""
    shapes: list[Shape] = []
    y = 0.0
    for row in rows:
        shapes.append(Shape("text", y=_em(y + 0.85), text=row.title))
        y += LABEL + 0.1
        for series, width in row.bars:
            css = series_css(series)
            shapes.append(Shape("rect", css, y=_em(y), width=width, height=_em(BAR * 0.6)))
            y += BAR * 0.75
        y += GAP
    return Chart(height=_em(y), shapes=_ticks(scale_max, y) + shapes)
