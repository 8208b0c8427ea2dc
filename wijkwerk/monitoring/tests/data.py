"""Builders of monitor fixtures: rows written directly with chosen dates, so that every
figure has an answer known by hand."""

import datetime
from typing import Any

from django.utils import timezone

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.agenda.models import AgendaItem, AgendaReview, AgendaReviewItem, Status
from wijkwerk.budgets.models import Account, AccountKind
from wijkwerk.budgets.tests.factories import FundFactory
from wijkwerk.initiatives.models import Initiative, Participant, RuleSet, Voucher
from wijkwerk.meetings.models import ActionPoint, Body, BodyKind, Meeting
from wijkwerk.reports.models import Channel, Report
from wijkwerk.reports.tests.factories import CategoryFactory


def at(year: int, month: int, day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


def item(area, **values: Any) -> AgendaItem:
    defaults = {"year": 2025, "title": "Punt", "source": "resident"}
    return AgendaItem.objects.create(area=area, **{**defaults, **values})


def answered(area, created: datetime.datetime, days: int, verdict: str) -> AgendaItem:
    extra: dict[str, Any] = {}
    if verdict == "ooit":
        extra = {"conditions": "Na de verbouwing", "answer_by": datetime.date(2030, 1, 1)}
        extra["status"] = Status.WAITING
    elif verdict == "nooit":
        extra = {"motivation": "Geen ruimte", "status": Status.REJECTED}
    else:
        extra = {"status": Status.PLANNED}
    return item(
        area,
        created_at=created,
        answered_at=created + datetime.timedelta(days=days),
        verdict=verdict,
        **extra,
    )


def review(area, held_on: datetime.date, entries: list[tuple[AgendaItem, str, Any]]):
    """A review whose snapshot holds (item, status then, due date then)."""
    r = AgendaReview.objects.create(area=area, year=held_on.year, held_on=held_on, title="V")
    for it, status, due in entries:
        AgendaReviewItem.objects.create(
            review=r, item=it, title=it.title, status=status, due_date=due
        )
    return r


def ruleset(municipality, body: str) -> RuleSet:
    version = RuleSet.objects.filter(municipality=municipality).count() + 1
    return RuleSet.objects.create(
        municipality=municipality,
        version=version,
        max_amount_cents=500_000,
        deciding_body=body,
    )


def initiative(area, *, submitted=None, decided=None, status="submitted", due=None, rules=None):
    i = Initiative.objects.create(
        area=area,
        created_by=UserFactory(),
        title="Buurtfeest",
        summary="Een feest",
        purpose="Elkaar leren kennen",
        requested_cents=10_000,
        status=status,
        submitted_at=submitted,
        decided_at=decided,
        decision_due=due,
        decision_reason="Past niet" if status == "rejected" else "",
        ruleset=rules,
    )
    return i


def voucher(i: Initiative, cents: int, issued: datetime.datetime) -> Voucher:
    fund = FundFactory(municipality=i.area.municipality)
    budget = Account.objects.create(fund=fund, kind=AccountKind.BUDGET, name="b", area=i.area)
    hold = Account.objects.create(
        fund=fund, kind=AccountKind.HOLD, name="h", owner_kind="initiatives.voucher", owner_id=i.pk
    )
    v = Voucher.objects.create(
        initiative=i, code=f"V{i.pk:06d}", amount_cents=cents, budget=budget, hold=hold
    )
    Voucher.objects.filter(pk=v.pk).update(issued_at=issued)
    return v


def participant(i: Initiative, step: str) -> Participant:
    return Participant.objects.create(
        initiative=i, name="P", postcode="1781AA", house_number="1", step=step
    )


def report(municipality, wijk, *, created, deadline_days=3, handled_days=None, **values):
    category = values.pop("category", None) or CategoryFactory(municipality=municipality)
    r = Report.objects.create(
        municipality=municipality,
        category=category,
        description="Kapotte lantaarnpaal",
        lat=52.95,
        lon=4.76,
        wijk=wijk,
        channel=Channel.WEB,
        deadline=created + datetime.timedelta(days=deadline_days),
        handled_at=created + datetime.timedelta(days=handled_days)
        if handled_days is not None
        else None,
        status="handled" if handled_days is not None else values.pop("status", "reported"),
        **values,
    )
    Report.objects.filter(pk=r.pk).update(created_at=created)
    return r


def body(area) -> Body:
    return Body.objects.create(
        area=area,
        kind=BodyKind.WIJKPLATFORM,
        name=f"Wijkplatform {Body.objects.count() + 1}",
        per_year=5,
        start_time=datetime.time(19, 30),
    )


def meeting(b: Body, starts: datetime.datetime, status: str) -> Meeting:
    return Meeting.objects.create(
        body=b, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2), status=status
    )


def action(m: Meeting, organisation, agenda_item=None) -> ActionPoint:
    return ActionPoint.objects.create(
        meeting=m, title="Actie", owner_organisation=organisation, agenda_item=agenda_item
    )
