"""School holidays (schoolvakanties) of primary and secondary schools per region, for planning
meetings outside them: residents with children are away, and so are many professionals.

The dates are the ones the Rijksoverheid publishes ("Schoolvakanties",
rijksoverheid.nl/onderwerpen/schoolvakanties, also as open data at opendata.rijksoverheid.nl,
infotype "schoolholidays"). The kerst-, mei- and zomervakantie are fixed by the minister of
OCW; the herfst- and voorjaarsvakantie are advice, and schools may shift them somewhat. A
school's own roster (schoolgids) may also add a second week to the meivakantie.

Where each school year comes from, and how sure it is (checked in December 2026):

- 2025–2026: the Rijksoverheid dates, cross-checked earlier against published school rosters.
- 2026–2027: not read from rijksoverheid.nl itself; every period was cross-checked in two
  independent public sources that give the Rijksoverheid dates or follow them:
  noord: a public planning repository citing the "Regeling vaststelling schoolvakanties" and
  the roster of CKC De Regenboog (a school in regio noord); midden: a public booking
  repository (GeoFort, regio midden) and the rosters of CSG De Waard and the Mariaschool;
  zuid: the roster of the Montessori College Nijmegen (regio zuid) and this table's earlier
  advance dates (one independent source: the least sure year and region here). This check
  corrected two advance dates: the voorjaarsvakantie noord is 20–28 February 2027 (not
  13–21) and the zomervakantie midden 17 July–29 August 2027 (not 3 July–15 August).
- 2027–2028: rijksoverheid.nl "Overzicht schoolvakanties 2027-2028" (the government's own
  page); regio noord also agrees with the public planning repository above.
- 2028–2029 and later: not in the table yet. `covers` says so, and a year plan then keeps to
  working days and public holidays only and tells the secretary to check the dates.

Regions: noord (among others Noord-Holland, Drenthe, Groningen, Friesland, Overijssel),
midden (Utrecht, Zuid-Holland, parts of Gelderland) and zuid (Zeeland, Noord-Brabant,
Limburg, parts of Gelderland such as Arnhem and Nijmegen). The region of a municipality is
looked up in `REGION_BY_MUNICIPALITY` and chosen by the secretary otherwise.
"""

from datetime import date, timedelta
from functools import lru_cache

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    NOORD = "noord", _("north")
    MIDDEN = "midden", _("middle")
    ZUID = "zuid", _("south")


# (first day, last day) per region; both days included. Per school year: herfst, kerst,
# voorjaar, mei, zomer.
HOLIDAYS: dict[str, list[tuple[date, date]]] = {
    Region.NOORD: [
        # 2025–2026
        (date(2025, 10, 18), date(2025, 10, 26)),
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 2, 21), date(2026, 3, 1)),
        (date(2026, 4, 25), date(2026, 5, 3)),
        (date(2026, 7, 4), date(2026, 8, 16)),
        # 2026–2027
        (date(2026, 10, 10), date(2026, 10, 18)),
        (date(2026, 12, 19), date(2027, 1, 3)),
        (date(2027, 2, 20), date(2027, 2, 28)),
        (date(2027, 4, 24), date(2027, 5, 2)),
        (date(2027, 7, 10), date(2027, 8, 22)),
        # 2027–2028
        (date(2027, 10, 16), date(2027, 10, 24)),
        (date(2027, 12, 25), date(2028, 1, 9)),
        (date(2028, 2, 19), date(2028, 2, 27)),
        (date(2028, 4, 29), date(2028, 5, 7)),
        (date(2028, 7, 15), date(2028, 8, 27)),
    ],
    Region.MIDDEN: [
        # 2025–2026
        (date(2025, 10, 18), date(2025, 10, 26)),
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 2, 14), date(2026, 2, 22)),
        (date(2026, 4, 25), date(2026, 5, 3)),
        (date(2026, 7, 18), date(2026, 8, 30)),
        # 2026–2027
        (date(2026, 10, 17), date(2026, 10, 25)),
        (date(2026, 12, 19), date(2027, 1, 3)),
        (date(2027, 2, 20), date(2027, 2, 28)),
        (date(2027, 4, 24), date(2027, 5, 2)),
        (date(2027, 7, 17), date(2027, 8, 29)),
        # 2027–2028
        (date(2027, 10, 16), date(2027, 10, 24)),
        (date(2027, 12, 25), date(2028, 1, 9)),
        (date(2028, 2, 26), date(2028, 3, 5)),
        (date(2028, 4, 29), date(2028, 5, 7)),
        (date(2028, 7, 8), date(2028, 8, 20)),
    ],
    Region.ZUID: [
        # 2025–2026
        (date(2025, 10, 11), date(2025, 10, 19)),
        (date(2025, 12, 20), date(2026, 1, 4)),
        (date(2026, 2, 14), date(2026, 2, 22)),
        (date(2026, 4, 25), date(2026, 5, 3)),
        (date(2026, 7, 11), date(2026, 8, 23)),
        # 2026–2027
        (date(2026, 10, 17), date(2026, 10, 25)),
        (date(2026, 12, 19), date(2027, 1, 3)),
        (date(2027, 2, 6), date(2027, 2, 14)),
        (date(2027, 4, 24), date(2027, 5, 2)),
        (date(2027, 7, 17), date(2027, 8, 29)),
        # 2027–2028
        (date(2027, 10, 23), date(2027, 10, 31)),
        (date(2027, 12, 25), date(2028, 1, 9)),
        (date(2028, 2, 26), date(2028, 3, 5)),
        (date(2028, 4, 29), date(2028, 5, 7)),
        (date(2028, 7, 22), date(2028, 9, 3)),
    ],
}
# The calendar years the table covers completely, for every region: 2028 is not among them,
# for its herfst- and kerstvakantie belong to 2028–2029.
COVERED_YEARS = frozenset({2026, 2027})

# CBS code → region, for the municipalities whose region is known here.
REGION_BY_MUNICIPALITY = {
    "GM0400": Region.NOORD,  # Den Helder (Noord-Holland)
    "GM0118": Region.NOORD,  # Hoogeveen (Drenthe)
    "GM0777": Region.ZUID,  # Etten-Leur (Noord-Brabant)
}


def covers(year: int) -> bool:
    return year in COVERED_YEARS


def covered_years() -> list[int]:
    return sorted(COVERED_YEARS)


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
