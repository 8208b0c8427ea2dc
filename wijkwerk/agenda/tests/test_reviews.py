"""Afspraak is afspraak: a review freezes the agenda, and its report tells what became of it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wijkwerk.agenda import services
from wijkwerk.agenda.models import DevelopmentPlan, Goal, PlannedAction, Source, Status
from wijkwerk.agenda.selectors import Outcome, review_report
from wijkwerk.agenda.tests.factories import ThemeFactory

TODAY = datetime.date(2026, 11, 23)


def _agreed(wijk, actor, org, title, due):
    return services.agenda_item_create(
        area=wijk,
        actor=actor,
        title=title,
        year=TODAY.year,
        source=Source.PARTNER,
        owner_organisation=org,
        due_date=due,
    )


def _finish(item, actor, on: datetime.date):
    services.agenda_item_report_progress(
        item=item, actor=actor, text="Klaar", new_status=Status.DONE
    )
    item.refresh_from_db()
    item.completed_at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    item.save(update_fields=["completed_at"])


def test_report_holds_items_to_the_date_agreed_at_the_review(
    wijk, wijkmanager, gemeente_org, resident
):
    due = TODAY - datetime.timedelta(days=10)
    on_time = _agreed(wijk, wijkmanager, gemeente_org, "Op tijd", due)
    done_late = _agreed(wijk, wijkmanager, gemeente_org, "Te laat gedaan", due)
    late = _agreed(wijk, wijkmanager, gemeente_org, "Nog niet gedaan", due)
    not_due = _agreed(
        wijk,
        wijkmanager,
        gemeente_org,
        "Nog niet aan de beurt",
        TODAY + datetime.timedelta(days=30),
    )
    dropped = _agreed(wijk, wijkmanager, gemeente_org, "Vervallen", due)
    services.agenda_item_propose(area=wijk, actor=resident, title="Nog geen antwoord")

    review = services.agenda_review_create(
        area=wijk,
        year=TODAY.year,
        actor=wijkmanager,
        held_on=timezone.localdate(),
        title="Voorjaar",
    )
    # After the review the due date of `late` is postponed: the report keeps the agreed one.
    services.agenda_item_edit(
        item=late, actor=wijkmanager, due_date=TODAY + datetime.timedelta(days=60)
    )
    _finish(on_time, wijkmanager, due - datetime.timedelta(days=1))
    _finish(done_late, wijkmanager, due + datetime.timedelta(days=3))
    services.agenda_item_report_progress(
        item=dropped, actor=wijkmanager, text="Niet meer nodig", new_status=Status.DROPPED
    )

    rows, totals = review_report(review=review, today=TODAY)
    outcomes = {row.title: row.outcome for row in rows}
    assert outcomes == {
        "Op tijd": Outcome.DONE_ON_TIME,
        "Te laat gedaan": Outcome.DONE_LATE,
        "Nog niet gedaan": Outcome.LATE,
        "Nog niet aan de beurt": Outcome.OPEN,
        "Vervallen": Outcome.DROPPED,
    }
    assert totals == {"done_on_time": 1, "done_late": 1, "late": 1, "open": 1, "dropped": 1}
    assert review.entries.count() == 6  # the unanswered idea is in the snapshot, not in the report
    assert not_due.pk in {row.item_id for row in rows}


def test_only_reviewers_can_vaststellen(wijk, resident):
    with pytest.raises(PermissionDenied):
        services.agenda_review_create(
            area=wijk, year=TODAY.year, actor=resident, held_on=timezone.localdate(), title="X"
        )


def test_wop_actions_of_a_year_land_on_the_agenda_once(wijk, wijkmanager, gemeente_org):
    plan = DevelopmentPlan.objects.create(area=wijk, first_year=2025, title="WOP 2025-2028")
    goal = Goal.objects.create(
        plan=plan, theme=ThemeFactory(municipality=wijk.municipality), title="Schone straten"
    )
    PlannedAction.objects.create(
        goal=goal, year=2026, title="Zwerfvuilacties", owner_organisation=gemeente_org
    )
    PlannedAction.objects.create(
        goal=goal, year=2027, title="Later", owner_organisation=gemeente_org
    )

    created = services.plan_actions_to_agenda(plan=plan, year=2026, actor=wijkmanager)
    again = services.plan_actions_to_agenda(plan=plan, year=2026, actor=wijkmanager)

    assert [i.title for i in created] == ["Zwerfvuilacties"] and again == []
    item = created[0]
    assert (item.source, item.status, item.origin_kind) == (
        "wop",
        Status.PLANNED,
        "agenda.plannedaction",
    )
