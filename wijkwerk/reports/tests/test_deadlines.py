"""Deadline arithmetic: calendar days, working days across weekends and Dutch holidays."""

import datetime

import pytest
from django.utils import timezone

from wijkwerk.reports.deadlines import deadline_for, working_days_left
from wijkwerk.reports.models import DayType


def at(year, month, day, hour=10, minute=0):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, minute))


@pytest.mark.parametrize(
    ("created", "days", "day_type", "expected"),
    [
        # Monday + 3 working days = Thursday, same time.
        (at(2026, 11, 16), 3, DayType.WORKING, at(2026, 11, 19)),
        # Thursday + 3 working days skips the weekend: Tuesday.
        (at(2026, 11, 19), 3, DayType.WORKING, at(2026, 11, 24)),
        # Saturday: counting starts Monday 00:00, so 1 working day ends Tuesday 00:00.
        (at(2026, 11, 21, 15), 1, DayType.WORKING, at(2026, 11, 24, 0)),
        # Kerstmis: Thursday 24 December 2026 + 2 working days skips 25 and 26 December and
        # the weekend: Tuesday 29 December.
        (at(2026, 12, 24), 2, DayType.WORKING, at(2026, 12, 29)),
        # Koningsdag 2026 is Monday 27 April: Friday 24 April + 1 working day = Tuesday 28.
        (at(2026, 4, 24), 1, DayType.WORKING, at(2026, 4, 28)),
        # Hemelvaartsdag 2026 (Thursday 14 May) is skipped.
        (at(2026, 5, 13), 1, DayType.WORKING, at(2026, 5, 15)),
        # Calendar days count weekends and holidays alike.
        (at(2026, 12, 24), 2, DayType.CALENDAR, at(2026, 12, 26)),
        # Nothing to do: zero days is the moment itself on a working day.
        (at(2026, 11, 16), 0, DayType.WORKING, at(2026, 11, 16)),
    ],
)
def test_deadlines(created, days, day_type, expected):
    assert deadline_for(created, days, day_type) == expected


def test_bevrijdingsdag_counts_as_a_holiday_in_a_lustrum_year_only():
    # 5 May 2025 (lustrum) is a holiday; 5 May 2026 is not.
    assert deadline_for(at(2025, 5, 2), 1, DayType.WORKING) == at(2025, 5, 6)
    assert deadline_for(at(2026, 5, 4), 1, DayType.WORKING) == at(2026, 5, 5)


def test_working_days_left_is_negative_when_overdue():
    assert working_days_left(at(2026, 11, 19), at(2026, 11, 16)) == 3
    assert working_days_left(at(2026, 11, 16), at(2026, 11, 19)) == -3
