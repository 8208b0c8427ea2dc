"""What a dashboard covers: a municipality with its wijken in one year, or one wijk."""

import datetime

from wijkwerk.areas.models import Area, Municipality

from . import indicators
from .indicators import Row
from .tables import Scope


def municipality_scope(*, municipality: Municipality, year: int) -> Scope:
    wijken = list(Area.objects.wijken().filter(municipality=municipality).order_by("name"))
    return Scope(municipality=municipality, year=year, wijken=wijken)


def wijk_scope(*, wijk: Area) -> Scope:
    return Scope(municipality=wijk.municipality, wijk=wijk, wijken=[wijk])


def indicators_all(scope: Scope, *, today: datetime.date | None = None) -> dict[str, list[Row]]:
    """Every indicator for the scope, as plain rows (the API's answer)."""
    kw = scope.kwargs()
    where = {"municipality": scope.municipality, "wijk": scope.wijk}
    return {
        "agenda_reviews": indicators.agenda_reviews(**kw, today=today),
        "agenda_answers": indicators.agenda_answers(**kw),
        "agenda_waiting": indicators.agenda_waiting_now(**where, today=today),
        "money": indicators.money_decided(**kw),
        "initiatives": indicators.initiative_decisions(**kw, today=today),
        "reports": indicators.reports_handling(**kw),
        "meetings": indicators.meetings_held(**kw),
        "ladder": indicators.ladder_steps(**kw),
        "satisfaction": indicators.satisfaction(**kw),
    }
