"""Handling deadlines of meldingen: the one place where terms become dates.

A term counts calendar days (the deadline is the same moment n days later) or working days
(Monday to Friday without Dutch public holidays, see `core.workdays`): a report made on a
weekend or holiday starts counting at midnight of the next working day, and the deadline is
the same time of day n working days later.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from wijkwerk.core.workdays import add_working_days, is_working_day, working_days_between

from .models import DayType


def deadline_for(created: datetime, days: int, day_type: str) -> datetime:
    if days < 0:
        raise ValueError("a handling term is not negative")
    if day_type == DayType.CALENDAR:
        return created + timedelta(days=days)
    local = timezone.localtime(created)
    start_day, start_time = local.date(), local.timetz().replace(tzinfo=None)
    if not is_working_day(start_day):
        while not is_working_day(start_day):
            start_day += timedelta(days=1)
        start_time = time.min
    due_day = add_working_days(start_day, days)
    return timezone.make_aware(datetime.combine(due_day, start_time))


def working_days_left(deadline: datetime, now: datetime) -> int:
    """Whole working days from now until the deadline's day (negative when overdue)."""
    return working_days_between(timezone.localdate(now), timezone.localtime(deadline).date())
