"""The year planning: spreading each body's meetings evenly over a year.

A body that meets N times a year gets N equal windows of the year and one meeting in each,
on the usable day nearest to the window's middle. A day is usable when it is a working day
(Monday to Friday, no public holiday: `core.workdays`), lies outside the school holidays of
the municipality's region (`schoolholidays`), the body does not meet that day yet, and none
of its members meets in another body that day. The densest bodies are placed first: they
have the least room. A body whose window has no usable day cannot keep its cadence; the
plan is then refused as a whole (`PlanRefused`), naming the body and the window.

Pure functions, no database: the service feeds in the bodies, their members and the days
on which each person is already busy.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from wijkwerk.core.workdays import is_working_day

from .schoolholidays import covers, is_school_holiday

# At most one meeting a week: a denser cadence is not a rhythm a wijk can keep up.
MAX_PER_YEAR = 52


@dataclass(frozen=True)
class BodyToPlan:
    key: int
    name: str
    count: int  # meetings in this year
    members: frozenset[int]
    # The windows to meet in, where they are not `count` equal parts of the year: the
    # college's rounds that fall to this wijk (`rotation_rounds`).
    rounds: tuple[tuple[date, date], ...] = ()


@dataclass
class PlanRefused(Exception):
    body: str
    first: date
    last: date
    count: int


@dataclass
class Plan:
    days: dict[int, list[date]] = field(default_factory=dict)


def usable(day: date, region: str | None) -> bool:
    if not is_working_day(day):
        return False
    return not (region and covers(day.year) and is_school_holiday(day, region))


def windows(year: int, count: int) -> list[tuple[date, date]]:
    """`count` consecutive windows of (almost) equal length that together make up the year."""
    first = date(year, 1, 1)
    length = (date(year + 1, 1, 1) - first).days
    return [
        (
            first + timedelta(days=length * k // count),
            first + timedelta(days=length * (k + 1) // count - 1),
        )
        for k in range(count)
    ]


def plan_year(
    *,
    year: int,
    bodies: Iterable[BodyToPlan],
    region: str | None,
    busy: dict[int, set[date]] | None = None,
) -> Plan:
    """Days for every body's meetings in `year`. `busy`: per person, the days on which they
    already meet (other bodies, other wijken); it is extended with the days chosen here."""
    busy = {person: set(days) for person, days in (busy or {}).items()}
    plan = Plan()
    for body in sorted(bodies, key=lambda b: (-b.count, b.key)):
        if body.count > MAX_PER_YEAR:
            raise PlanRefused(body.name, date(year, 1, 1), date(year, 12, 31), body.count)
        chosen: list[date] = []
        for first, last in body.rounds or windows(year, body.count):
            day = _nearest(first, last, region, body.members, busy)
            if day is None:
                raise PlanRefused(body.name, first, last, body.count)
            chosen.append(day)
            for person in body.members:
                busy.setdefault(person, set()).add(day)
        plan.days[body.key] = chosen
    return plan


def _nearest(
    first: date, last: date, region: str | None, members: frozenset[int], busy: dict
) -> date | None:
    middle = first + (last - first) / 2
    candidates = sorted(
        (first + timedelta(days=i) for i in range((last - first).days + 1)),
        key=lambda d: (abs((d - middle).days), d),
    )
    for day in candidates:
        if usable(day, region) and not any(day in busy.get(p, ()) for p in members):
            return day
    return None


def rotation_rounds(
    year: int, per_year: int, position: int, of: int
) -> tuple[tuple[date, date], ...]:
    """The rounds of a visit that goes to one wijk at a time (the college's wijkbezoek: every
    three months a wijk, after the Den Helder seed): the year has `per_year` rounds, the
    rounds go to the `of` wijken in turn, counted on from year to year, and this returns the
    windows of the rounds that fall to the wijk at `position`."""
    return tuple(
        window
        for number, window in enumerate(windows(year, per_year))
        if (year * per_year + number) % of == position
    )
