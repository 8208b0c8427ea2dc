"""The school holidays in the year plan: a 2027 plan puts no meeting in its region's school
holidays (the Rijksoverheid's dates of 2026–27 and 2027–28), and a year the table does not
cover completely says so on the page."""

import datetime
from itertools import pairwise

import pytest
from django.utils import timezone

from wijkwerk.meetings import schoolholidays, services
from wijkwerk.meetings.models import Meeting
from wijkwerk.meetings.schoolholidays import HOLIDAYS, Region, covers, is_school_holiday

from .factories import body

pytestmark = pytest.mark.django_db

# One day in each holiday of 2027, as the sources give them (see the module's docstring).
IN_2027 = {
    Region.NOORD: ["2027-02-24", "2027-04-28", "2027-08-02", "2027-10-20", "2027-12-28"],
    Region.MIDDEN: ["2027-02-24", "2027-04-28", "2027-08-25", "2027-10-20", "2027-12-28"],
    Region.ZUID: ["2027-02-10", "2027-04-28", "2027-08-25", "2027-10-27", "2028-01-06"],
}


@pytest.mark.parametrize("region", list(Region))
def test_a_2027_plan_puts_no_meeting_in_the_regions_school_holidays(wijk, wijkmanager, region):
    body(area=wijk, actor=wijkmanager, name="Wijkplatform", per_year=12)
    body(area=wijk, actor=wijkmanager, name="Wijkcoördinatieteam", per_year=10)
    body(area=wijk, actor=wijkmanager, name="Spreekuur", per_year=12)
    result = services.year_plan(area=wijk, actor=wijkmanager, year=2027, region=region)
    assert result.school_holidays_known and len(result.meetings) == 34
    for meeting in Meeting.objects.all():
        day = timezone.localtime(meeting.starts_at).date()
        assert day.year == 2027 and not is_school_holiday(day, region), (region, day)
    for day in IN_2027[region]:
        assert is_school_holiday(datetime.date.fromisoformat(day), region), day


def test_the_table_is_in_order_and_covers_2026_and_2027_completely():
    for periods in HOLIDAYS.values():
        assert all(a[1] < b[0] for a, b in pairwise(periods))
        assert all(first <= last for first, last in periods)
        # Five holidays a school year, three school years.
        assert len(periods) == 15
    assert covers(2026) and covers(2027) and not covers(2028) and not covers(2025)
    # The summers of 2027 and 2028 per region, as published.
    assert (datetime.date(2027, 7, 10), datetime.date(2027, 8, 22)) in HOLIDAYS[Region.NOORD]
    assert (datetime.date(2028, 7, 8), datetime.date(2028, 8, 20)) in HOLIDAYS[Region.MIDDEN]
    assert (datetime.date(2028, 7, 22), datetime.date(2028, 9, 3)) in HOLIDAYS[Region.ZUID]


def test_a_year_not_covered_says_so_on_the_page_and_after_planning(client, wijk, wijkmanager):
    body(area=wijk, actor=wijkmanager, per_year=5)
    base = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"
    client.force_login(wijkmanager)
    page = client.get(base).content.decode()
    assert "De schoolvakanties staan in Wijkwerk voor 2026, 2027." in page
    assert "Plan het jaar toch en verplaats daarna de vergaderingen" in page
    response = client.post(f"{base}jaarplanning/", {"year": 2028, "region": "noord"}, follow=True)
    text = response.content.decode()
    assert "De schoolvakanties van 2028 staan nog niet in Wijkwerk" in text
    assert Meeting.objects.count() == 5
    result = services.year_plan(area=wijk, actor=wijkmanager, year=2029)
    assert not result.school_holidays_known
    assert schoolholidays.covered_years() == [2026, 2027]
