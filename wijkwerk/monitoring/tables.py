"""The dashboard's tables and the bar charts drawn from them.

A table has one row per wijk (the municipality's dashboard, one year) or per year (a wijk's
dashboard); the same table is shown under its chart, downloaded as CSV and, as numbers,
served by the API. Charts are plain geometry computed here and drawn as inline SVG by the
template, so no script or outside library is needed.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.initiatives.models import LadderStep

from . import indicators
from .indicators import Row

LABEL_WIDTH = 170
CHART_WIDTH = 640
BAR_HEIGHT = 14
GROUP_GAP = 10
# Bar colours with at least 3:1 contrast against white (WCAG 1.4.11).
COLOURS = ("#1f5fa8", "#b35900", "#2e7d32", "#6a1b9a")


@dataclass
class Bar:
    """One bar; coordinates as strings, so that no locale formats them."""

    x: str
    y: str
    width: str
    height: str
    text_x: str
    text_y: str
    value: Any
    colour: str


@dataclass
class Chart:
    title: str
    series: list[str]
    labels: list[tuple[str, str]]  # (label, y of its text)
    bars: list[Bar]
    height: str
    unit: str = ""
    width: str = str(CHART_WIDTH)
    label_x: str = str(LABEL_WIDTH - 6)
    legend: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, colour, x, text x


@dataclass
class Table:
    key: str
    caption: str
    note: str
    header: list[str]
    rows: list[list[Any]]
    chart: Chart | None = None

    @property
    def is_empty(self) -> bool:
        return not any(any(v not in (None, 0, "") for v in row[1:]) for row in self.rows)


def bar_chart(
    title: str, rows: list[list[Any]], columns: list[int], names: list[str], *, unit: str = ""
) -> Chart | None:
    """Horizontal bars: one group per row (label = first cell), one bar per column."""
    values = [row[c] for row in rows for c in columns if isinstance(row[c], int | float)]
    top = max(values, default=0)
    if not top:
        return None
    span = CHART_WIDTH - LABEL_WIDTH - 60
    group = len(columns) * BAR_HEIGHT + GROUP_GAP
    legend_height = 24
    bars, labels = [], []
    for i, row in enumerate(rows):
        y0 = legend_height + i * group
        labels.append((str(row[0]), str(y0 + len(columns) * BAR_HEIGHT // 2 + 4)))
        for j, c in enumerate(columns):
            value = row[c]
            if not isinstance(value, int | float):
                continue
            width = span * value / top
            y = y0 + j * BAR_HEIGHT
            bars.append(
                Bar(
                    str(LABEL_WIDTH),
                    str(y),
                    f"{width:.1f}",
                    str(BAR_HEIGHT - 2),
                    f"{LABEL_WIDTH + width + 4:.1f}",
                    str(y + 11),
                    value,
                    COLOURS[j % len(COLOURS)],
                )
            )
    legend = [
        (
            name,
            COLOURS[j % len(COLOURS)],
            str(LABEL_WIDTH + j * 150),
            str(LABEL_WIDTH + j * 150 + 16),
        )
        for j, name in enumerate(names)
    ]
    return Chart(
        title=title,
        series=names,
        labels=labels,
        bars=bars,
        height=str(legend_height + len(rows) * group),
        unit=unit,
        legend=legend,
    )


def _euros(cents: int | None) -> int | None:
    return None if cents is None else round(cents / 100)


def _percent(part: int | None, whole: int | None) -> int | None:
    return round(100 * part / whole) if whole and part is not None else None


@dataclass
class Scope:
    """What a dashboard shows: one municipality in one year (wijken side by side), or one
    wijk over the years."""

    municipality: Municipality
    wijk: Area | None = None
    year: int | None = None
    wijken: list[Area] = field(default_factory=list)

    def kwargs(self) -> dict[str, Any]:
        return {"municipality": self.municipality, "wijk": self.wijk, "year": self.year}

    def lines(self, rows: list[Row]) -> list[tuple[str, Row | None]]:
        """(label, row) per wijk in a municipality's year, or per year for one wijk."""
        if self.wijk is not None:
            return [(str(r["year"]), r) for r in rows]
        by_area = {r["area_id"]: r for r in rows}
        lines: list[tuple[str, Row | None]] = [(w.name, by_area.get(w.pk)) for w in self.wijken]
        if None in by_area:
            lines.append((_("Whole municipality or no wijk"), by_area[None]))
        return lines


def _table(
    scope: Scope,
    key: str,
    caption: str,
    note: str,
    columns: list[tuple[str, str | Callable[[Row], Any]]],
    rows: list[Row],
    chart: tuple[str, list[int], str] | None = None,
) -> Table:
    """A table of the dashboard; a column gives its figure by the row's key, or computes it."""
    first = _("Year") if scope.wijk is not None else _("Wijk")
    getters = [itemgetter(get) if isinstance(get, str) else get for _name, get in columns]
    body = [
        [label, *(get(row) if row else None for get in getters)] for label, row in scope.lines(rows)
    ]
    table = Table(key, caption, note, [first, *(name for name, _get in columns)], body)
    if chart:
        title, cols, unit = chart
        table.chart = bar_chart(title, body, cols, [table.header[c] for c in cols], unit=unit)
    return table


def dashboard_tables(scope: Scope, *, today: datetime.date | None = None) -> list[Table]:
    """Every table of the dashboard, in the order shown."""
    kw = scope.kwargs()
    tables = []

    reviews = indicators.latest_reviews(indicators.agenda_reviews(**kw, today=today))
    tables.append(
        _table(
            scope,
            "afspraken",
            _("Wijkagenda: agreed and done on time"),
            _(
                "Per wijk and year, the latest review (vaststelling) of the wijkagenda: the "
                "items that stood as agreed in its snapshot, and what became of them by the "
                "date agreed then."
            ),
            [
                (_("Review"), lambda r: r["held_on"].isoformat()),
                (_("Agreed"), "agreed"),
                (_("Done on time"), "done_on_time"),
                (_("Done late"), "done_late"),
                (_("Late, not done"), "late"),
                (_("Not yet due"), "open"),
                (_("Dropped"), "dropped"),
                (_("Done on time (%)"), lambda r: _percent(r["done_on_time"], r["agreed"])),
            ],
            reviews,
            (_("Agreed and done on time"), [2, 3], ""),
        )
    )
    tables.append(
        _table(
            scope,
            "antwoorden",
            _("Answers to ideas and how long residents waited"),
            _(
                "Ideas answered in the year, by answer, and the days from the day an idea "
                "was put on the wijkagenda to its answer: the median and the 90th percentile "
                "(nine in ten waited at most this long)."
            ),
            [
                (_("Now"), "nu"),
                (_("Some day"), "ooit"),
                (_("Never"), "nooit"),
                (_("Median days waited"), "median_days"),
                (_("90th percentile of days waited"), "p90_days"),
            ],
            indicators.agenda_answers(**kw),
            (_("Days residents waited for an answer"), [4, 5], _("days")),
        )
    )
    if scope.year is None or scope.year == (today or timezone.localdate()).year:
        waiting = indicators.agenda_waiting_now(
            municipality=scope.municipality, wijk=scope.wijk, today=today
        )
        tables.append(
            _table(
                scope,
                "wachtend",
                _("Waiting today"),
                _(
                    "Today: ideas still awaiting an answer, items answered Some day, and those "
                    "of them whose promised date for a definite answer has passed."
                ),
                [
                    (_("Awaiting an answer"), "awaiting"),
                    (_("Some day"), "ooit_waiting"),
                    (_("Some day, past the promised date"), "ooit_overdue"),
                ],
                waiting,
                (_("Some-day items past their promised answer date"), [3], ""),
            )
        )
    tables.append(
        _table(
            scope,
            "geld",
            _("Money decided by residents and by professionals"),
            _(
                "Euros awarded in the year. By residents: vouchers of initiatives decided by a "
                "regiegroep or wijkplatform, and projects chosen by residents in a published "
                "participatory budget. By professionals: vouchers decided by a wijkmanager and "
                "convenant projects awarded by the stuurgroep."
            ),
            [
                (_("By residents (€)"), lambda r: _euros(r["residents_cents"])),
                (_("By professionals (€)"), lambda r: _euros(r["professionals_cents"])),
                (_("By residents (%)"), "residents_percent"),
            ],
            indicators.money_decided(**kw),
            (_("Money decided"), [1, 2], "€"),
        )
    )
    tables.append(
        _table(
            scope,
            "initiatieven",
            _("Resident initiatives and their decision times"),
            _(
                "Initiatives submitted in the year; days from submission to the decision "
                "(median and 90th percentile), and decisions given by their due date."
            ),
            [
                (_("Submitted"), "submitted"),
                (_("Awarded"), "awarded"),
                (_("Rejected"), "rejected"),
                (_("Awaiting a decision"), "awaiting"),
                (_("Decided by the due date"), "decided_in_time"),
                (_("Median days to a decision"), "median_days"),
                (_("90th percentile of days to a decision"), "p90_days"),
            ],
            indicators.initiative_decisions(**kw, today=today),
            (_("Days to a decision"), [6, 7], _("days")),
        )
    )
    tables.append(
        _table(
            scope,
            "meldingen",
            _("Meldingen handled within their deadline"),
            _(
                "Meldingen received in the year (without cancelled ones and duplicates), "
                "handled, handled within the deadline set when they came in, and still open "
                "past it."
            ),
            [
                (_("Meldingen"), "reports"),
                (_("Handled"), "handled"),
                (_("Handled within the deadline"), "handled_in_time"),
                (_("Open past the deadline"), "open_overdue"),
                (_("Handled within the deadline (%)"), "in_time_percent"),
            ],
            indicators.reports_handling(**kw),
            (_("Handled within the deadline"), [5], "%"),
        )
    )
    tables.append(
        _table(
            scope,
            "overleg",
            _("Meetings held and action points on the wijkagenda"),
            _(
                "Meetings of the wijk's bodies in the year: scheduled, held, cancelled and past "
                "without being recorded as held; action points agreed in them and how many "
                "reached the wijkagenda."
            ),
            [
                (_("Planned"), "planned"),
                (_("Held"), "held"),
                (_("Cancelled"), "cancelled"),
                (_("Past, not recorded as held"), "past_not_held"),
                (_("Action points"), "actions"),
                (_("On the wijkagenda"), "actions_on_agenda"),
            ],
            indicators.meetings_held(**kw),
            (_("Meetings planned and held"), [1, 2], ""),
        )
    )
    steps = list(LadderStep)
    tables.append(
        _table(
            scope,
            "ladder",
            _("Residents active per step of the participatieladder"),
            _(
                "Residents taking part in resident initiatives submitted in the year, by the "
                "step recorded for them. A resident in two initiatives counts twice. Wijkwerk "
                "records the step only for initiatives: residents active in a wijkplatform, "
                "a schouw or a participatory budget are not counted here."
            ),
            [*((str(s.label), str(s.value)) for s in steps)] + [(_("All steps"), "total")],
            indicators.ladder_steps(**kw),
            (_("Residents per step"), list(range(1, len(steps) + 1)), ""),
        )
    )
    return tables


def satisfaction_table(scope: Scope) -> Table:
    """Mean scores of the latest surveys; not one row per wijk but per survey, question and
    group, and only the figures the surveys app publishes."""
    names = {w.pk: w.name for w in scope.wijken}
    if scope.wijk is not None:
        names[scope.wijk.pk] = scope.wijk.name
    rows = [
        [
            r["year"],
            r["survey"],
            r["question_text"],
            names.get(r["area_id"], _("Everyone")) if r["area_id"] else _("Everyone"),
            r["scale"],
            r["respondents"],
            r["mean"] if r["mean"] is not None else None,
            r["hidden"],
        ]
        for r in indicators.satisfaction(**scope.kwargs())
    ]
    return Table(
        "tevredenheid",
        _("Satisfaction from surveys"),
        _(
            "Mean answers to the scale questions of the latest finished surveys (at most "
            "%(n)s). Groups with too few respondents are not shown, as on the survey's own "
            "results page."
        )
        % {"n": indicators.SURVEYS_SHOWN},
        [
            _("Year"),
            _("Survey"),
            _("Question"),
            _("Group"),
            _("Scale"),
            _("Respondents"),
            _("Mean"),
            _("Not shown because"),
        ],
        rows,
    )


def all_tables(scope: Scope, *, today: datetime.date | None = None) -> list[Table]:
    return [*dashboard_tables(scope, today=today), satisfaction_table(scope)]
