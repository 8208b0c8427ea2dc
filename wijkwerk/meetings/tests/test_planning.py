"""The generated year calendar against the seeds' cadences: the right number of meetings per
body, spread over the year, never on a weekend, a public holiday or in the school holidays of
the region, and no person in two meetings on one day. A cadence that cannot fit is refused
with a clear message and nothing is saved."""

import datetime
import itertools
from collections import Counter, defaultdict

import holidays
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.meetings import services
from wijkwerk.meetings.models import Body, BodyKind, Meeting
from wijkwerk.meetings.planning import (
    BodyToPlan,
    PlanRefused,
    plan_year,
    rotation_rounds,
    windows,
)
from wijkwerk.meetings.schoolholidays import Region, is_school_holiday

from .factories import body

pytestmark = pytest.mark.django_db

YEAR = 2026  # a year the school-holiday table covers completely
DEN_HELDER = {
    "Wijkplatform": 5,
    "Wijkcoördinatieteam": 10,
    "Spreekuur van de wijkwethouder": 12,
    "Wijkbezoek van het college": 4,
    "Wijkbezoek van de raad": 1,
}


def _local_days(meetings):
    return [timezone.localtime(m.starts_at).date() for m in meetings]


def test_the_den_helder_template_gives_the_seed_cadences_on_usable_days(
    wijk, wijkmanager, accountmanager, chair_resident, corporatie
):
    services.bodies_from_template(area=wijk, actor=wijkmanager, template="den-helder")
    # Shared members: the accountmanager sits in three bodies, the corporatie in two.
    bodies = {b.name: b for b in Body.objects.filter(area=wijk)}
    for name in ("Wijkplatform", "Wijkcoördinatieteam", "Wijkbezoek van het college"):
        services.member_add(body=bodies[name], actor=wijkmanager, user=accountmanager,
                            organisation=corporatie, mandate="Beheer")  # fmt: skip
    services.member_add(body=bodies["Wijkplatform"], actor=wijkmanager, user=chair_resident,
                        is_chair=True)  # fmt: skip
    services.member_add(body=bodies["Spreekuur van de wijkwethouder"], actor=wijkmanager,
                        user=chair_resident)  # fmt: skip

    result = services.year_plan(area=wijk, actor=wijkmanager, year=YEAR)

    assert result.region == Region.NOORD and result.school_holidays_known
    counts = Counter(m.body.name for m in result.meetings)
    assert counts == DEN_HELDER
    nl = holidays.country_holidays("NL", years=YEAR)
    for meeting in Meeting.objects.all():
        day = timezone.localtime(meeting.starts_at).date()
        assert day.year == YEAR and day.weekday() < 5, meeting
        assert day not in nl, meeting
        assert not is_school_holiday(day, Region.NOORD), meeting
        assert timezone.localtime(meeting.starts_at).time() == meeting.body.start_time
        assert meeting.ends_at - meeting.starts_at == datetime.timedelta(
            minutes=meeting.body.duration_minutes
        )
    per_person = defaultdict(list)
    for meeting in Meeting.objects.prefetch_related("body__members"):
        for member in meeting.body.members.all():
            per_person[member.user_id].append(timezone.localtime(meeting.starts_at).date())
    assert per_person[accountmanager.pk] and per_person[chair_resident.pk]
    for days in per_person.values():
        assert len(days) == len(set(days)), "a person has two meetings on one day"
    # Evenly spread: the monthly spreekuur falls once in every month.
    spreekuur = Meeting.objects.filter(body=bodies["Spreekuur van de wijkwethouder"])
    assert sorted(d.month for d in _local_days(spreekuur)) == list(range(1, 13))


def test_the_etten_leur_template_meets_once_per_three_years_where_the_seed_says_so(
    wijk, wijkmanager
):
    services.bodies_from_template(area=wijk, actor=wijkmanager, template="etten-leur")
    first = Body.objects.get(area=wijk, name="Vertel het de raad").first_year
    expected = {
        first: {"Vertel het de raad": 1, "Wijkbezoek van het college": 1,
                "Wijkoverleg met de wijkwethouder": 2, "Wijkpartners": 4},
        first + 1: {"Wijkoverleg met de wijkwethouder": 2, "Wijkpartners": 4},
        first + 3: {"Vertel het de raad": 1, "Wijkbezoek van het college": 1,
                    "Wijkoverleg met de wijkwethouder": 2, "Wijkpartners": 4},
    }  # fmt: skip
    for year, counts in expected.items():
        result = services.year_plan(area=wijk, actor=wijkmanager, year=year)
        assert Counter(m.body.name for m in result.meetings) == counts, year


def test_a_members_meetings_in_another_wijk_are_avoided(wijk, wijkmanager, accountmanager):
    other = WijkFactory(municipality=wijk.municipality, code="WK040002", slug="west")
    from wijkwerk.accounts.roles import Role
    from wijkwerk.accounts.tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(area=other, role=Role.WIJKMANAGER, user=wijkmanager)
    here = body(area=wijk, actor=wijkmanager, per_year=12)
    there = body(area=other, actor=wijkmanager, per_year=12)
    for b in (here, there):
        services.member_add(body=b, actor=wijkmanager, user=accountmanager)
    services.year_plan(area=wijk, actor=wijkmanager, year=YEAR)
    services.year_plan(area=other, actor=wijkmanager, year=YEAR)
    days = _local_days(Meeting.objects.all())
    assert len(days) == 24 and len(set(days)) == 24


def test_planning_again_leaves_planned_bodies_alone(wijk, wijkmanager):
    body(area=wijk, actor=wijkmanager)
    services.year_plan(area=wijk, actor=wijkmanager, year=YEAR)
    again = services.year_plan(area=wijk, actor=wijkmanager, year=YEAR)
    assert again.meetings == [] and [b.name for b in again.skipped] == ["Wijkplatform"]
    assert Meeting.objects.count() == 5


def test_a_cadence_that_does_not_fit_is_refused_and_nothing_is_saved(wijk, wijkmanager):
    body(area=wijk, actor=wijkmanager, name="Wekelijks", per_year=52)
    body(area=wijk, actor=wijkmanager, name="Maandelijks", per_year=12)
    with pytest.raises(ValidationError) as refused:
        services.year_plan(area=wijk, actor=wijkmanager, year=YEAR)
    message = refused.value.message_dict["year"][0]
    assert "Wekelijks cannot meet 52 times in 2026" in message and "July" in message
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError) as too_many:
        body(area=wijk, actor=wijkmanager, name="Dagelijks", per_year=250)
    assert "do not fit in a year" in too_many.value.message_dict["per_year"][0]


def test_windows_cover_the_year_and_a_full_window_is_refused():
    parts = windows(2026, 12)
    assert parts[0][0] == datetime.date(2026, 1, 1) and parts[-1][1] == datetime.date(2026, 12, 31)
    assert all(b[0] == a[1] + datetime.timedelta(days=1) for a, b in itertools.pairwise(parts))
    # One person busy on every day of the year: nothing fits.
    busy = {1: {datetime.date(2026, 1, 1) + datetime.timedelta(days=i) for i in range(365)}}
    with pytest.raises(PlanRefused):
        plan_year(year=2026, region=None,
                  bodies=[BodyToPlan(1, "X", 1, frozenset({1}))], busy=busy)  # fmt: skip


def test_the_college_visits_one_wijk_per_round_the_wijken_in_turn(wijk, wijkmanager):
    """Den Helder's seed: the college visits a wijk every three months, so four visits a year
    for the whole city, not four for every wijk."""
    from wijkwerk.accounts.roles import Role
    from wijkwerk.accounts.tests.factories import RoleAssignmentFactory

    wijken = [wijk]
    for n in range(2, 7):
        other = WijkFactory(municipality=wijk.municipality, code=f"WK04000{n}", slug=f"wijk-{n}")
        RoleAssignmentFactory(area=other, role=Role.WIJKMANAGER, user=wijkmanager)
        wijken.append(other)
    for each in wijken:
        body(area=each, actor=wijkmanager, name="Wijkbezoek van het college",
             kind=BodyKind.COLLEGE_VISIT, per_year=4)  # fmt: skip
    for year in (YEAR, YEAR + 1, YEAR + 2):
        for each in wijken:
            services.year_plan(area=each, actor=wijkmanager, year=year)
        visits = Meeting.objects.filter(starts_at__year=year)
        # One visit in each quarter of the year, in the whole municipality.
        assert sorted((d.month - 1) // 3 for d in _local_days(visits)) == [0, 1, 2, 3], year
    # Over three years (twelve rounds) each of the six wijken is visited twice.
    per_wijk = Counter(m.body.area_id for m in Meeting.objects.select_related("body"))
    assert sorted(per_wijk.values()) == [2] * 6
    assert "in the whole municipality" in str(Body.objects.first().cadence_display())


def test_rotation_rounds_hand_out_every_round_once():
    for year in (2026, 2027):
        handed = [rotation_rounds(year, 4, position, 3) for position in range(3)]
        assert sorted(w for rounds in handed for w in rounds) == windows(year, 4)
