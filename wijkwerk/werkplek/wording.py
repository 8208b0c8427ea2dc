"""When, in words a person says: "wacht 4 dagen", "termijn verloopt morgen", "3 dagen te laat".

Never "0 dagen": the day itself is "vandaag", the next "morgen", the one before "gisteren".
Message ids are English; the Dutch is in the locale.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkwerk.core.workdays import working_days_between


def waiting(since: datetime.date, today: datetime.date) -> str:
    """How long something has waited for an answer."""
    days = (today - since).days
    if days <= 0:
        return _("waiting since today")
    return ngettext("waiting %(n)d day", "waiting %(n)d days", days) % {"n": days}


def deadline(due: datetime.date, today: datetime.date) -> str:
    """A term in calendar days: how long is left, or how late it is."""
    days = (due - today).days
    if days == 0:
        return _("deadline is today")
    if days == 1:
        return _("deadline is tomorrow")
    if days > 1:
        return ngettext("deadline in %(n)d day", "deadline in %(n)d days", days) % {"n": days}
    return late(due, today)


def deadline_at(moment: datetime.datetime, now: datetime.datetime) -> str:
    """A term that ends at a moment (a melding's deadline): on its own day, before or after."""
    day, today = timezone.localdate(moment), timezone.localdate(now)
    if day == today:
        return _("deadline is today") if moment > now else _("deadline passed today")
    return deadline(day, today)


def late(due: datetime.date, today: datetime.date) -> str:
    days = (today - due).days
    if days <= 0:
        return _("due today")
    return ngettext("%(n)d day late", "%(n)d days late", days) % {"n": days}


def working_deadline(due: datetime.date, today: datetime.date) -> str:
    """A term in working days (initiatives: a small request within 3 working days)."""
    if due == today:
        return _("deadline is today")
    left = working_days_between(today, due)
    if due > today:
        if left <= 1:
            return (
                _("deadline is tomorrow")
                if (due - today).days == 1
                else _("deadline on the next working day")
            )
        return ngettext("deadline in %(n)d working day", "deadline in %(n)d working days", left) % {
            "n": left
        }
    behind = -left
    if behind <= 0:
        # Past, but only weekend or holidays in between: late by the calendar, not by work.
        return late(due, today)
    return ngettext("%(n)d working day late", "%(n)d working days late", behind) % {"n": behind}


def event(day: datetime.date, today: datetime.date) -> str:
    """A day something happens (or happened): a meeting, a schouw, the close of a survey."""
    days = (day - today).days
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    if days == -1:
        return _("yesterday")
    if days > 1:
        return ngettext("in %(n)d day", "in %(n)d days", days) % {"n": days}
    return ngettext("%(n)d day ago", "%(n)d days ago", -days) % {"n": -days}
