"""The figures of a survey, per question, for everyone and per wijk, age group and both,
with the five-respondent floor.

The floor
---------
No figure is given for a group of fewer than `MIN_RESPONDENTS` respondents: not its count,
not its answers. Hiding those groups is not enough, because the groups add up: the whole
survey is the sum of its wijken, a wijk the sum of its age groups. If a survey of 12 shows
wijk A with 8, the hidden wijk B has 4, with figures to match. So after hiding the small
groups (primary suppression) `hidden_groups` also hides as few of the larger ones as it
takes (secondary suppression) until nothing small can be worked out from what is shown: no
hidden small group's count follows from the sums (a linear system, solved for what it
determines), and the hidden groups in a sum whose total is known add up to
`MIN_RESPONDENTS` or more.

The same is done per question with the number of respondents who answered it (optional
questions), and a question's figures are shown in a group only when that number passes the
floor. Open answers are given only to the survey's staff, and only for shown groups.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area

from .models import AgeGroup, Answer, Question, QuestionKind, Response, Status, Survey

MIN_RESPONDENTS = 5

# Why a figure is missing.
FEW = "few"  # the group itself has fewer than MIN_RESPONDENTS
PROTECT = "protect"  # hidden so that a smaller group cannot be worked out

ALL = ("all",)


def hidden_text(why: str) -> str:
    """What stands where a figure is left out."""
    if why == FEW:
        return _("fewer than 5 respondents")
    return _("not shown, so that a smaller group cannot be worked out")


# --- suppression ---------------------------------------------------------------------------


def hidden_groups(
    counts: dict[Hashable, int],
    sums: Iterable[tuple[Hashable, list[Hashable]]],
    *,
    already: Iterable[Hashable] = (),
) -> dict[Hashable, str]:
    """Which groups to hide, and why (FEW or PROTECT).

    `counts` gives each group's number of respondents; `sums` lists (total, parts): groups
    whose parts add up to the total. Groups in `already` are hidden from the start (PROTECT
    unless they are small themselves)."""
    equations = [
        (total, [p for p in parts if p in counts])
        for total, parts in sums
        if total in counts and any(p in counts for p in parts)
    ]
    hidden = {g: FEW for g, n in counts.items() if n < MIN_RESPONDENTS}
    for g in already:
        if g in counts:
            hidden.setdefault(g, PROTECT)
    parts_of_sums = {p for _total, parts in equations for p in parts}
    while (leak := _first_leak(counts, equations, hidden)) is not None:
        # Hide the smallest shown group that stops this leak, the sum's own parts first;
        # the whole (a group that is no part of anything) only when nothing else is left.
        own = leak[1] if leak[0] == "sum" else []
        shown = sorted(
            (g for g in counts if g not in hidden),
            key=lambda g: (g not in own, counts[g], str(g)),
        )
        candidates = [g for g in shown if g in parts_of_sums] or shown
        if not candidates:
            break
        for g in candidates:
            trial = {**hidden, g: PROTECT}
            if not _leaks(leak, counts, equations, trial):
                hidden = trial
                break
        else:  # no single group stops it: hide the smallest and look again
            hidden[candidates[0]] = PROTECT
    return hidden


def _derivable(equations: list[tuple[Hashable, list[Hashable]]], hidden: dict) -> set:
    """The hidden groups whose count follows from the shown ones through the sums.

    Each sum is a linear equation in the hidden counts (the shown ones are constants); a
    hidden count is determined exactly when no solution of the homogeneous system moves it,
    i.e. when its column is zero in every null-space vector."""
    columns = {g: i for i, g in enumerate(hidden)}
    rows = []
    for total, parts in equations:
        row = np.zeros(len(columns))
        if total in columns:
            row[columns[total]] = 1
        for part in parts:
            if part in columns:
                row[columns[part]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    _u, singular, vt = np.linalg.svd(matrix)
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    return {g for g, i in columns.items() if not null.size or np.abs(null[:, i]).max() < 1e-9}


Leak = tuple[str, Any]  # ("group", a derivable small group) or ("sum", its parts)


def _first_leak(
    counts: dict[Hashable, int],
    equations: list[tuple[Hashable, list[Hashable]]],
    hidden: dict[Hashable, str],
) -> Leak | None:
    """Something small that can be worked out from the shown groups, or None."""
    derivable = _derivable(equations, hidden)
    for g in counts:
        if g in derivable and 0 < counts[g] < MIN_RESPONDENTS:
            return ("group", g)
    for total, parts in equations:
        if total in hidden and total not in derivable:
            continue
        gap = sum(counts[g] for g in parts if g in hidden)
        if 0 < gap < MIN_RESPONDENTS:
            return ("sum", [total, *parts])
    return None


def _leaks(
    leak: Leak,
    counts: dict[Hashable, int],
    equations: list[tuple[Hashable, list[Hashable]]],
    hidden: dict[Hashable, str],
) -> bool:
    """Does this leak remain with these groups hidden?"""
    derivable = _derivable(equations, hidden)
    if leak[0] == "group":
        return leak[1] in derivable
    total, *parts = leak[1]
    if total in hidden and total not in derivable:
        return False
    gap = sum(counts[g] for g in parts if g in hidden)
    return 0 < gap < MIN_RESPONDENTS


# --- figures -------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    percent: float

    @property
    def width(self) -> str:
        """The bar's length in a chart, as an SVG percentage."""
        return f"{min(max(self.percent, 0), 100):.1f}%"


@dataclass
class Figure:
    """One question in one group; empty with `hidden` set when the floor applies."""

    question: Question
    answered: int | None = None
    hidden: str = ""
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    texts: list[str] = field(default_factory=list)

    @property
    def hidden_text(self) -> str:
        return hidden_text(self.hidden) if self.hidden else ""


@dataclass
class Group:
    kind: str  # "all", "wijk", "age", "wijk_age"
    key: tuple
    label: str
    respondents: int | None
    hidden: str
    figures: list[Figure] = field(default_factory=list)

    @property
    def hidden_text(self) -> str:
        return hidden_text(self.hidden) if self.hidden else ""


@dataclass
class Results:
    survey: Survey
    respondents: int | None  # None below the floor
    overall: Group
    by_wijk: list[Group]
    by_age: list[Group]
    by_wijk_age: list[Group]
    questions: list[Question]

    def groups(self) -> list[Group]:
        return [self.overall, *self.by_wijk, *self.by_age, *self.by_wijk_age]


NO_WIJK = "-"
NO_AGE = "-"


def _keys(area_id: int | None, age: str) -> list[tuple]:
    wijk = area_id if area_id is not None else NO_WIJK
    age = age or NO_AGE
    return [ALL, ("wijk", wijk), ("age", age), ("wijk_age", wijk, age)]


def _sums(keys: set[tuple]) -> list[tuple[tuple, list[tuple]]]:
    wijken = sorted({k[1] for k in keys if k[0] == "wijk"}, key=str)
    ages = sorted({k[1] for k in keys if k[0] == "age"}, key=str)
    sums = [
        (ALL, [("wijk", w) for w in wijken]),
        (ALL, [("age", a) for a in ages]),
    ]
    sums += [(("wijk", w), [("wijk_age", w, a) for a in ages]) for w in wijken]
    sums += [(("age", a), [("wijk_age", w, a) for w in wijken]) for a in ages]
    return sums


def _figure(
    question: Question,
    answers: list[Answer],
    answered: int,
    hidden: str,
    include_texts: bool,
) -> Figure:
    if hidden:
        return Figure(question=question, hidden=hidden)
    figure = Figure(question=question, answered=answered)

    def percent(count: int) -> float:
        return 100 * count / answered if answered else 0.0

    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = Counter(a.option_id for a in answers)
        figure.bars = [
            Bar(o.label, counts[o.pk], percent(counts[o.pk])) for o in question.options.all()
        ]
    elif question.kind == QuestionKind.SCALE:
        counts = Counter(a.value for a in answers)
        figure.bars = [Bar(str(v), counts[v], percent(counts[v])) for v in question.scale_values]
        values = [a.value for a in answers if a.value is not None]
        figure.mean = sum(values) / len(values) if values else None
    elif include_texts:
        figure.texts = sorted(a.text for a in answers if a.text)
    return figure


def survey_results(*, survey: Survey, include_texts: bool = False) -> Results:
    """Every figure of the survey that the floor lets through."""
    questions = list(survey.questions.prefetch_related("options").order_by("position"))
    responses = list(
        Response.objects.filter(survey=survey).values_list("pk", "area_id", "age_group")
    )
    groups_of = {pk: _keys(area_id, age) for pk, area_id, age in responses}
    counts: Counter = Counter(k for keys in groups_of.values() for k in keys)
    counts[ALL] = len(responses)
    sums = _sums(set(counts))
    hidden = hidden_groups(dict(counts), sums)

    answers: dict[tuple[int, tuple], list[Answer]] = defaultdict(list)
    answered: dict[int, Counter] = defaultdict(Counter)
    seen: set[tuple[Any, int]] = set()
    for answer in Answer.objects.filter(response__survey=survey).only(
        "response_id", "question_id", "option_id", "value", "text"
    ):
        for key in groups_of[answer.response_id]:
            answers[answer.question_id, key].append(answer)
        if (answer.response_id, answer.question_id) not in seen:
            seen.add((answer.response_id, answer.question_id))
            for key in groups_of[answer.response_id]:
                answered[answer.question_id][key] += 1

    question_hidden = {}
    for question in questions:
        per_group = {key: answered[question.pk][key] for key in counts}
        question_hidden[question.pk] = hidden_groups(per_group, sums, already=hidden)

    wijk_names = dict(
        Area.objects.filter(
            pk__in=[k[1] for k in counts if k[0] == "wijk" and k[1] != NO_WIJK]
        ).values_list("pk", "name")
    )
    age_names = dict(AgeGroup.choices)

    def label(key: tuple) -> str:
        if key == ALL:
            return _("Everyone")
        wijk = wijk_names.get(key[1], _("Wijk not known")) if key[0] in ("wijk", "wijk_age") else ""
        age_key = key[1] if key[0] == "age" else key[-1]
        age = (
            str(age_names.get(age_key, _("Age not given"))) if key[0] in ("age", "wijk_age") else ""
        )
        return " · ".join(part for part in (str(wijk), age) if part)

    def group(key: tuple) -> Group:
        why = hidden.get(key, "")
        return Group(
            kind=key[0],
            key=key,
            label=label(key),
            respondents=None if why else counts[key],
            hidden=why,
            figures=[
                _figure(
                    q,
                    answers[q.pk, key],
                    answered[q.pk][key],
                    question_hidden[q.pk].get(key, ""),
                    include_texts,
                )
                for q in questions
            ],
        )

    def ordered(kind: str) -> list[Group]:
        keys = [k for k in counts if k[0] == kind]
        return sorted((group(k) for k in keys), key=lambda g: (g.label == "", g.label))

    overall = group(ALL)
    return Results(
        survey=survey,
        respondents=overall.respondents,
        overall=overall,
        by_wijk=ordered("wijk"),
        by_age=sorted(
            (group(k) for k in counts if k[0] == "age"),
            key=lambda g: [*AgeGroup.values, NO_AGE].index(g.key[1]),
        ),
        by_wijk_age=ordered("wijk_age"),
        questions=questions,
    )


# --- over the years ------------------------------------------------------------------------


@dataclass
class YearFigure:
    survey: Survey
    figure: Figure | None  # None: the question was not asked that year


@dataclass
class Trend:
    key: str
    text: str
    kind: str
    years: list[YearFigure]


def series_surveys(*, survey: Survey) -> list[Survey]:
    """The surveys of the same series in the municipality (and wijk) that can be compared:
    this one and the finished ones, oldest first."""
    if not survey.series:
        return [survey]
    others = Survey.objects.filter(
        municipality=survey.municipality, area=survey.area, series=survey.series
    ).exclude(status=Status.DRAFT)
    return sorted(
        [s for s in others if s.pk == survey.pk or s.is_finished()],
        key=lambda s: (s.opens_on, s.pk),
    )


def series_trends(*, survey: Survey) -> list[Trend]:
    """Each question of this survey, with its figures for everyone in every survey of the
    series (matched by the question's key), the floor applied per survey."""
    surveys = series_surveys(survey=survey)
    if len(surveys) < 2:
        return []
    overall = {s.pk: survey_results(survey=s).overall for s in surveys}
    trends = []
    for question in survey.questions.order_by("position"):
        if question.kind == QuestionKind.OPEN:
            continue
        years = []
        for s in surveys:
            found = next((f for f in overall[s.pk].figures if f.question.key == question.key), None)
            years.append(YearFigure(survey=s, figure=found))
        trends.append(Trend(question.key, question.text, question.kind, years))
    return trends
