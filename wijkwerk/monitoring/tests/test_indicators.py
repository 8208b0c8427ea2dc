"""Every figure of the monitor, computed by hand from rows with known dates."""

import datetime

from wijkwerk.agenda.models import Status
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.initiatives.models import DecidingBody, LadderStep
from wijkwerk.monitoring import indicators
from wijkwerk.monitoring.tests import data
from wijkwerk.organisations.tests.factories import OrganisationFactory

TODAY = datetime.date(2025, 12, 1)


def _by_area(rows):
    return {r["area_id"]: r for r in rows}


def test_percentiles_by_hand():
    assert indicators.median([1, 3, 10, 2]) == 2.5
    assert indicators.percentile90(list(range(1, 11))) == 9
    assert indicators.percentile90([5]) == 5
    assert indicators.median([]) is None and indicators.percentile90([]) is None


def test_reviews_count_what_was_agreed_and_what_became_of_it(wijk, wijk2):
    due = datetime.date(2025, 6, 30)
    on_time = data.item(wijk, status=Status.DONE, completed_at=data.at(2025, 6, 1))
    late_done = data.item(wijk, status=Status.DONE, completed_at=data.at(2025, 7, 15))
    late = data.item(wijk, status=Status.IN_PROGRESS)
    not_due = data.item(wijk, status=Status.PLANNED)
    dropped = data.item(wijk, status=Status.DROPPED)
    proposed = data.item(wijk, status=Status.PROPOSED)
    data.review(
        wijk,
        datetime.date(2025, 3, 1),
        [
            (on_time, Status.PLANNED, due),
            (late_done, Status.PLANNED, due),
            (late, Status.PLANNED, due),
            (not_due, Status.IN_PROGRESS, datetime.date(2026, 3, 1)),
            (dropped, Status.PLANNED, due),
            (proposed, Status.PROPOSED, None),  # not agreed: not counted
        ],
    )
    second = data.review(wijk, datetime.date(2025, 9, 1), [(on_time, Status.DONE, due)])
    data.review(wijk2, datetime.date(2024, 9, 1), [(late, Status.PLANNED, None)])

    rows = indicators.agenda_reviews(municipality=wijk.municipality, year=2025, today=TODAY)
    assert [r["area_id"] for r in rows] == [wijk.pk, wijk.pk]
    first = rows[0]
    assert (
        first["agreed"],
        first["done_on_time"],
        first["done_late"],
        first["late"],
        first["open"],
        first["dropped"],
    ) == (5, 1, 1, 1, 1, 1)
    latest = indicators.latest_reviews(rows)
    assert [(r["review_id"], r["agreed"], r["done_on_time"]) for r in latest] == [(second.pk, 1, 1)]
    over_years = indicators.agenda_reviews(municipality=wijk.municipality, wijk=wijk2, today=TODAY)
    assert [(r["year"], r["agreed"], r["open"]) for r in over_years] == [(2024, 1, 1)]


def test_answers_and_waiting_days_per_wijk(wijk, wijk2):
    start = data.at(2025, 3, 1)
    for days, verdict in [(0, "nu"), (2, "nu"), (4, "ooit"), (10, "nooit"), (30, "nu")]:
        data.answered(wijk, start, days, verdict)
    data.answered(wijk2, start, 7, "nooit")
    data.answered(wijk2, data.at(2024, 3, 1), 100, "nu")  # another year
    data.item(wijk, created_at=start)  # not answered

    rows = _by_area(indicators.agenda_answers(municipality=wijk.municipality, year=2025))
    a = rows[wijk.pk]
    assert (a["nu"], a["ooit"], a["nooit"], a["answered"]) == (3, 1, 1, 5)
    assert (a["median_days"], a["p90_days"]) == (4.0, 30)
    b = rows[wijk2.pk]
    assert (b["nooit"], b["median_days"], b["p90_days"]) == (1, 7.0, 7)
    years = indicators.agenda_answers(municipality=wijk.municipality, wijk=wijk2)
    assert [(r["year"], r["median_days"]) for r in years] == [(2024, 100.0), (2025, 7.0)]


def test_ooit_items_past_their_promised_date(wijk, wijk2):
    data.item(wijk, status=Status.PROPOSED)
    for answer_by in (datetime.date(2025, 11, 30), datetime.date(2025, 12, 1)):
        data.item(wijk, status=Status.WAITING, verdict="ooit", conditions="x", answer_by=answer_by)
    data.item(
        wijk2,
        status=Status.WAITING,
        verdict="ooit",
        conditions="x",
        answer_by=datetime.date(2025, 1, 1),
    )
    rows = _by_area(indicators.agenda_waiting_now(municipality=wijk.municipality, today=TODAY))
    assert (rows[wijk.pk]["awaiting"], rows[wijk.pk]["ooit_waiting"]) == (1, 2)
    assert rows[wijk.pk]["ooit_overdue"] == 1  # due on TODAY itself is not yet overdue
    assert rows[wijk2.pk]["ooit_overdue"] == 1


def test_money_decided_by_residents_and_professionals(wijk, wijk2):
    municipality = wijk.municipality
    regiegroep = data.ruleset(municipality, DecidingBody.REGIEGROEP)
    platform = data.ruleset(municipality, DecidingBody.WIJKPLATFORM)
    manager = data.ruleset(municipality, DecidingBody.WIJKMANAGER)
    issued = data.at(2025, 5, 1)
    for rules, cents in [(regiegroep, 30_000), (platform, 20_000), (manager, 50_000)]:
        data.voucher(data.initiative(wijk, status="awarded", rules=rules), cents, issued)
    data.voucher(data.initiative(wijk2, status="awarded", rules=manager), 12_300, issued)
    data.voucher(data.initiative(wijk2, status="awarded", rules=manager), 1, data.at(2024, 5, 1))
    # Another municipality's money is not counted.
    elsewhere = WijkFactory(municipality=MunicipalityFactory())
    data.voucher(data.initiative(elsewhere, status="awarded", rules=None), 99_999, issued)

    rows = _by_area(indicators.money_decided(municipality=municipality, year=2025))
    assert set(rows) == {wijk.pk, wijk2.pk}
    assert (rows[wijk.pk]["residents_cents"], rows[wijk.pk]["professionals_cents"]) == (
        50_000,
        50_000,
    )
    assert rows[wijk.pk]["residents_percent"] == 50
    assert (rows[wijk2.pk]["residents_cents"], rows[wijk2.pk]["professionals_cents"]) == (
        0,
        12_300,
    )


def test_money_from_a_published_pb_round_and_a_convenant_project(wijk, gemeente_org):
    from wijkwerk.initiatives.models import ConvenantProject, ProjectCall
    from wijkwerk.pb.models import Round, TallyResult

    fund = data.FundFactory(municipality=wijk.municipality)
    budget = data.Account.objects.create(fund=fund, kind="budget", name="b", area=wijk)
    day = datetime.date(2025, 3, 1)
    pb_round = Round.objects.create(
        municipality=wijk.municipality,
        area=wijk,
        budget=budget,
        title="Wijkbudget",
        proposals_from=day,
        proposals_until=day,
        review_until=day + datetime.timedelta(days=1),
        voting_from=day + datetime.timedelta(days=2),
        voting_until=day + datetime.timedelta(days=3),
        results_published_at=data.at(2025, 4, 1),
    )
    TallyResult.objects.create(
        round=pb_round,
        rule="greedy",
        utility="cost",
        budget_cents=100_000,
        ballots_count=40,
        spent_cents=80_000,
        tallied_at=data.at(2025, 4, 1),
    )
    call = ProjectCall.objects.create(fund=fund, title="Oproep", closes_on=day)
    for title, cents, status in [("Project", 200_000, "awarded"), ("Afgewezen", 7_000, "rejected")]:
        ConvenantProject.objects.create(
            call=call,
            organisation=gemeente_org,
            area=wijk,
            title=title,
            description="x",
            requested_cents=cents,
            status=status,
            decided_at=data.at(2025, 6, 1),
        )
    [row] = indicators.money_decided(municipality=wijk.municipality, year=2025)
    assert (row["residents_cents"], row["professionals_cents"], row["residents_percent"]) == (
        80_000,
        200_000,
        29,
    )


def test_initiatives_and_their_decision_times(wijk):
    sub = data.at(2025, 2, 1)
    due = datetime.date(2025, 2, 10)
    data.initiative(
        wijk, submitted=sub, decided=data.at(2025, 2, 4), status="awarded", due=due
    )  # 3 days
    data.initiative(
        wijk, submitted=sub, decided=data.at(2025, 2, 21), status="rejected", due=due
    )  # 20 days, late
    data.initiative(
        wijk, submitted=sub, decided=data.at(2025, 2, 11), status="closed", due=due
    )  # 10 days, late
    data.initiative(wijk, submitted=sub, status="in_review", due=due)  # overdue
    data.initiative(wijk, submitted=None, status="draft")  # never submitted: not counted
    [row] = indicators.initiative_decisions(municipality=wijk.municipality, year=2025, today=TODAY)
    assert (row["submitted"], row["awarded"], row["rejected"], row["awaiting"]) == (4, 2, 1, 1)
    assert (row["awaiting_overdue"], row["decided_in_time"]) == (1, 1)
    assert (row["median_days"], row["p90_days"]) == (10.0, 20)


def test_residents_per_ladder_step(wijk, wijk2):
    one = data.initiative(wijk, submitted=data.at(2025, 4, 1), status="awarded")
    two = data.initiative(wijk, submitted=data.at(2025, 5, 1), status="submitted")
    draft = data.initiative(wijk, submitted=None, status="draft")
    for i, step in [
        (one, LadderStep.INITIATIEFNEMER),
        (one, LadderStep.OPDRACHTGEVER),
        (two, LadderStep.INITIATIEFNEMER),
        (draft, LadderStep.PARTICIPANT),  # a draft is not public: not counted
    ]:
        data.participant(i, step)
    [row] = indicators.ladder_steps(municipality=wijk.municipality, year=2025)
    assert row["area_id"] == wijk.pk
    assert (row["initiatiefnemer"], row["participant"], row["opdrachtgever"], row["total"]) == (
        2,
        0,
        1,
        3,
    )


def test_meldingen_handled_within_deadline(wijk, wijk2):
    m = wijk.municipality
    created = data.at(2025, 5, 1)
    now = data.at(2025, 12, 1)
    data.report(m, wijk, created=created, handled_days=1)  # in time
    data.report(m, wijk, created=created, handled_days=3)  # exactly at the deadline
    data.report(m, wijk, created=created, handled_days=5)  # late
    data.report(m, wijk, created=created, status="in_progress")  # open past deadline
    data.report(m, wijk, created=data.at(2025, 11, 30), status="reported")  # open, not yet due
    data.report(m, wijk, created=created, status="cancelled")  # left out
    original = data.report(m, wijk2, created=created, handled_days=1)
    data.report(m, wijk2, created=created, duplicate_of=original)  # left out
    data.report(m, None, created=created, handled_days=9)  # no wijk known
    rows = _by_area(indicators.reports_handling(municipality=m, year=2025, now=now))
    a = rows[wijk.pk]
    assert (a["reports"], a["handled"], a["handled_in_time"], a["open_overdue"]) == (5, 3, 2, 1)
    assert a["in_time_percent"] == 67
    assert (rows[wijk2.pk]["reports"], rows[wijk2.pk]["in_time_percent"]) == (1, 100)
    assert (rows[None]["reports"], rows[None]["in_time_percent"]) == (1, 0)


def test_meetings_held_and_action_points_on_the_agenda(wijk, wijk2):
    org = OrganisationFactory(municipality=wijk.municipality)
    platform = data.body(wijk)
    now = data.at(2025, 12, 1)
    held = data.meeting(platform, data.at(2025, 2, 1), "held")
    data.meeting(platform, data.at(2025, 4, 1), "held")
    data.meeting(platform, data.at(2025, 6, 1), "cancelled")
    data.meeting(platform, data.at(2025, 9, 1), "planned")  # past, no minutes
    data.meeting(platform, data.at(2025, 12, 10), "planned")  # still to come
    data.action(held, org, agenda_item=data.item(wijk))
    data.action(held, org)
    data.action(held, org)
    data.meeting(data.body(wijk2), data.at(2024, 3, 1), "held")
    [row] = indicators.meetings_held(municipality=wijk.municipality, year=2025, now=now)
    assert row["area_id"] == wijk.pk
    assert (row["planned"], row["held"], row["cancelled"], row["past_not_held"]) == (5, 2, 1, 1)
    assert (row["actions"], row["actions_on_agenda"]) == (3, 1)
