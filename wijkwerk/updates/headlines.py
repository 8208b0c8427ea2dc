"""The headline of a news entry in the reader's language, from its kind and details. Entries
store what people wrote (titles, motivations) as they wrote it; the words around them are
translated when the entry is shown, so one stream serves Dutch and English readers."""

import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkwerk.agenda.models import Status, Verdict

from .models import Kind, NewsEntry


def _when(value: Any) -> str:
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except (TypeError, ValueError):
        return ""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _day(value: Any) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
    except (TypeError, ValueError):
        return ""


def headline(entry: NewsEntry) -> str:
    data, title = entry.data or {}, entry.title
    kind = entry.kind
    if kind == Kind.AGENDA_ANSWER:
        verdict = data.get("verdict")
        if verdict == Verdict.NU:
            return _("Now: %(title)s will be done") % {"title": title}
        if verdict == Verdict.OOIT:
            return _("Some day: %(title)s waits for conditions") % {"title": title}
        return _("Never: %(title)s will not happen") % {"title": title}
    if kind == Kind.AGENDA_DONE:
        return _("Done: %(title)s") % {"title": title}
    if kind == Kind.AGENDA_PROGRESS:
        if data.get("status") in Status.values:
            return _("%(title)s is now %(status)s") % {
                "title": title,
                "status": Status(data["status"]).label,
            }
        return _("Progress on %(title)s") % {"title": title}
    if kind == Kind.AGENDA_REVIEW:
        return _("The wijkagenda was reviewed: %(title)s") % {"title": title}
    if kind == Kind.MEETING_PLANNED:
        if "count" in data:
            return ngettext(
                "%(count)s meeting planned in %(year)s",
                "%(count)s meetings planned in %(year)s",
                data["count"],
            ) % {"count": data["count"], "year": data.get("year")}
        return _("Meeting of %(body)s planned for %(when)s") % {
            "body": title,
            "when": _when(data.get("starts_at")),
        }
    if kind == Kind.MEETING_MOVED:
        if data.get("starts_at"):
            return _("Meeting of %(body)s moved to %(when)s") % {
                "body": title,
                "when": _when(data.get("starts_at")),
            }
        return _("Meeting of %(body)s moved to %(place)s") % {
            "body": title,
            "place": data.get("location") or "",
        }
    if kind == Kind.MEETING_CANCELLED:
        return _("Meeting of %(body)s on %(when)s cancelled") % {
            "body": title,
            "when": _when(data.get("starts_at")),
        }
    if kind == Kind.MEETING_MINUTES:
        return _("Minutes of %(body)s of %(when)s published") % {
            "body": title,
            "when": _when(data.get("starts_at")),
        }
    if kind == Kind.INITIATIVE_AWARDED:
        return _("Voucher awarded to the initiative %(title)s") % {"title": title}
    if kind == Kind.PB_RESULTS:
        return _("Results of the budget round %(title)s") % {"title": title}
    if kind == Kind.SURVEY_RESULTS:
        return _("Results of the survey %(title)s") % {"title": title}
    if kind == Kind.INSPECTION_DONE:
        return _("Wijkschouw finished: %(title)s") % {"title": title}
    return title


def detail(entry: NewsEntry) -> str:
    """A line of facts under the headline (a date, an amount), or ''."""
    data = entry.data or {}
    if entry.kind == Kind.AGENDA_ANSWER and data.get("answer_by"):
        return _("A definite answer follows by %(date)s.") % {"date": _day(data["answer_by"])}
    if entry.kind == Kind.MEETING_MOVED and data.get("from"):
        return _("It was planned for %(when)s.") % {"when": _when(data["from"])}
    if entry.kind == Kind.INITIATIVE_AWARDED and isinstance(data.get("amount_cents"), int):
        return _("Amount: € %(amount)s") % {
            "amount": formats.number_format(data["amount_cents"] / 100, 2, use_l10n=True)
        }
    if entry.kind == Kind.PB_RESULTS and data.get("selected"):
        n = data["selected"]
        return ngettext("%(n)s project selected.", "%(n)s projects selected.", n) % {"n": n}
    return ""
