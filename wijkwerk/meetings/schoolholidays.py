"""School holidays (schoolvakanties) of primary and secondary schools per region, for planning
meetings outside them: residents with children are away, and so are many professionals.

Source: the recommended dates published by the Rijksoverheid ("Schoolvakanties",
rijksoverheid.nl/onderwerpen/schoolvakanties), which the minister of OCW fixes years ahead;
schools may shift the herfst-, voorjaars- and meivakantie somewhat. 2025–2026 was
cross-checked against published school rosters; the dates of 2026–2027 are the advance dates
and must be checked against rijksoverheid.nl before a year is planned on them. A year that
the table does not cover is planned around public holidays only (`covers` says so).

Regions: noord (among others Noord-Holland, Drenthe, Groningen, Friesland, Overijssel),
midden (Utrecht, Zuid-Holland, parts of Gelderland) and zuid (Zeeland, Noord-Brabant,
Limburg, parts of Gelderland). The region of a municipality is looked up in
`REGION_BY_MUNICIPALITY` and chosen by the secretary otherwise.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NOORD = "noord", _("north")
    MIDDEN = "midden", _("middle")
    ZUID = "zuid", _("south")


# (first day, last day) per region; both days included.
HOLIDAYS: dict[str, list[tuple[date, date]]] = {
    Region.NOORD: [
        (date(2025, 10, 18), date(2025, 10, 26)),
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 2, 21), date(2026, 3, 1)),
        (date(2026, 4, 25), date(2026, 5, 3)),
        (date(2026, 7, 4), date(2026, 8, 16)),
        (date(2026, 10, 10), date(2026, 10, 18)),
        (date(2026, 12, 19), date(2027, 1, 3)),
        (date(2027, 2, 13), date(2027, 2, 21)),
        (date(2027, 4, 24), date(2027, 5, 2)),
        (date(2027, 7, 10), date(2027, 8, 22)),
    ],
    Region.MIDDEN: [
        (date(2025, 10, 18), date(2025, 10, 26)),
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 2, 14), date(2026, 2, 22)),
        (date(2026, 4, 25), date(2026, 5, 3)),
        (date(2026, 7, 18), date(2026, 8, 30)),
        (date(2026, 10, 17), date(2026, 10, 25)),
        (date(2026, 12, 19), date(2027, 1, 3)),
        (date(2027, 2, 20), date(2027, 2, 28)),
        (date(2027, 4, 24), date(2027, 5, 2)),
        (date(2027, 7, 3), date(2027, 8, 15)),
    ],
    Region.ZUID: [
        (date(2025, 10, 11), date(2025, 10, 19)),
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 2, 14), date(2026, 2, 22)),
        (date(2026, 4, 25), date(2026, 5, 3)),
        (date(2026, 7, 11), date(2026, 8, 23)),
        (date(2026, 10, 17), date(2026, 10, 25)),
        (date(2026, 12, 19), date(2027, 1, 3)),
        (date(2027, 2, 6), date(2027, 2, 14)),
        (date(2027, 4, 24), date(2027, 5, 2)),
        (date(2027, 7, 17), date(2027, 8, 29)),
    ],
}
# The calendar years the table covers completely, for every region.
COVERED_YEARS = frozenset({2026})

# CBS code → region, for the municipalities whose region is known here.
REGION_BY_MUNICIPALITY = {
    "GM0400": Region.NOORD,  # Den Helder (Noord-Holland)
    "GM0118": Region.NOORD,  # Hoogeveen (Drenthe)
    "GM0777": Region.ZUID,  # Etten-Leur (Noord-Brabant)
}


def covers(year: int) -> bool:
    return year in COVERED_YEARS


def region_for(municipality_code: str) -> str:
    return REGION_BY_MUNICIPALITY.get(municipality_code, Region.MIDDEN)


@lru_cache(maxsize=8)
def school_holiday_days(region: str) -> frozenset[date]:
    days: set[date] = set()
    for first, last in HOLIDAYS[region]:
        day = first
        while day <= last:
            days.add(day)
            day += timedelta(days=1)
    return frozenset(days)


def is_school_holiday(day: date, region: str) -> bool:
    return day in school_holiday_days(region)
