"""What a dashboard covers: a municipality with its wijken in one year, or one wijk."""

from wijkwerk.areas.models import Area, Municipality

from .tables import Scope


def municipality_scope(*, municipality: Municipality, year: int) -> Scope:
    wijken = list(Area.objects.wijken().filter(municipality=municipality).order_by("name"))
    return Scope(municipality=municipality, year=year, wijken=wijken)


def wijk_scope(*, wijk: Area) -> Scope:
    return Scope(municipality=wijk.municipality, wijk=wijk, wijken=[wijk])
