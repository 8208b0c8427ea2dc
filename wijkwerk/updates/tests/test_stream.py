"""The news stream is written from the decisions of the apps, through their own services:
one entry per public event, none for closed bodies or personal data, and rebuilding it
changes nothing that was right."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from wijkwerk.agenda import services as agenda
from wijkwerk.agenda.models import Status
from wijkwerk.core.models import AuditEvent
from wijkwerk.initiatives import services as initiatives
from wijkwerk.initiatives.tests.factories import draft, funded_budget, ruleset_for
from wijkwerk.inspections import services as inspections
from wijkwerk.inspections.models import Status as InspectionStatus
from wijkwerk.inspections.tests.factories import started
from wijkwerk.meetings import services as meetings
from wijkwerk.meetings.tests.factories import held, meeting
from wijkwerk.pb import services as pb
from wijkwerk.pb.tests.factories import ProposalFactory, make_round, move_to
from wijkwerk.surveys import services as surveys
from wijkwerk.surveys.tests.factories import open_survey
from wijkwerk.updates.headlines import headline
from wijkwerk.updates.models import Kind, NewsEntry
from wijkwerk.updates.selectors import news_list
from wijkwerk.updates.services import news_rebuild

pytestmark = pytest.mark.django_db


def only(kind: str) -> NewsEntry:
    return NewsEntry.objects.get(kind=kind)


def test_each_answer_on_the_wijkagenda_is_news_with_its_motivation(item, wijkmanager, gemeente_org):
    agenda.agenda_item_answer(
        item=item,
        actor=wijkmanager,
        verdict="ooit",
        conditions="Wacht op de herinrichting van het plein.",
        answer_by=timezone.localdate() + datetime.timedelta(days=60),
    )
    agenda.agenda_item_answer(
        item=item, actor=wijkmanager, verdict="nu", owner_organisation=gemeente_org
    )
    entries = list(NewsEntry.objects.filter(kind=Kind.AGENDA_ANSWER).order_by("id"))
    assert [e.data["verdict"] for e in entries] == ["ooit", "nu"]
    assert entries[0].summary == "Wacht op de herinrichting van het plein."
    assert entries[0].data["answer_by"]
    assert headline(entries[1]) == "Now: Speeltuin Kerkgracht opknappen will be done"
    assert entries[0].url == f"/gemeente/den-helder/stad-oost/wijkagenda/{item.pk}/"
    assert entries[0].area == item.area and entries[0].source_id == str(item.pk)


def test_a_never_carries_its_motivation(item, wijkmanager):
    agenda.agenda_item_answer(
        item=item, actor=wijkmanager, verdict="nooit", motivation="Er is geen ruimte."
    )
    entry = only(Kind.AGENDA_ANSWER)
    assert entry.summary == "Er is geen ruimte."
    assert headline(entry).startswith("Never:")


def test_progress_and_done_are_news(item, wijkmanager, gemeente_org):
    agenda.agenda_item_answer(
        item=item, actor=wijkmanager, verdict="nu", owner_organisation=gemeente_org
    )
    agenda.agenda_item_report_progress(
        item=item, actor=wijkmanager, text="Aannemer besteld.", new_status=Status.IN_PROGRESS
    )
    agenda.agenda_item_report_progress(
        item=item, actor=wijkmanager, text="De speeltuin is weer open.", new_status=Status.DONE
    )
    assert only(Kind.AGENDA_PROGRESS).data == {"status": "in_progress"}
    done = only(Kind.AGENDA_DONE)
    assert done.summary == "De speeltuin is weer open."
    assert headline(done) == "Done: Speeltuin Kerkgracht opknappen"


def test_a_review_of_the_agenda_is_news(item, wijk, wijkmanager):
    agenda.agenda_review_create(
        area=wijk, year=2026, actor=wijkmanager, held_on=timezone.localdate(), title="Voorjaar 2026"
    )
    entry = only(Kind.AGENDA_REVIEW)
    assert entry.title == "Voorjaar 2026" and entry.data["items"] == 1


def test_meetings_planned_moved_cancelled_and_minutes_are_news(platform, wijkmanager):
    planned = meeting(body=platform, actor=wijkmanager, days=10)
    starts = planned.starts_at + datetime.timedelta(days=2)
    meetings.meeting_move(
        meeting=planned,
        actor=wijkmanager,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
    )
    other = meeting(body=platform, actor=wijkmanager, days=20)
    meetings.meeting_cancel(meeting=other, actor=wijkmanager, reason="Te weinig agendapunten.")
    held(body=platform, actor=wijkmanager, minutes="Jan de Vries vertelde over de speeltuin.")

    assert NewsEntry.objects.filter(kind=Kind.MEETING_PLANNED).count() == 3
    moved = only(Kind.MEETING_MOVED)
    assert datetime.datetime.fromisoformat(moved.data["starts_at"]) == starts
    assert moved.data["from"]
    assert only(Kind.MEETING_CANCELLED).summary == "Te weinig agendapunten."
    minutes = only(Kind.MEETING_MINUTES)
    # The minutes may name people: the entry only points to them.
    assert "Jan de Vries" not in minutes.summary + minutes.title + str(minutes.data)
    assert minutes.title == "Wijkplatform"


def test_a_closed_bodys_meetings_never_make_the_news(closed_body, wijkmanager):
    planned = meeting(body=closed_body, actor=wijkmanager)
    meetings.meeting_cancel(meeting=planned, actor=wijkmanager, reason="Vertrouwelijk")
    held(body=closed_body, actor=wijkmanager)
    assert AuditEvent.objects.filter(action__startswith="meetings.meeting").count() == 4
    assert not NewsEntry.objects.exists()


def test_correcting_minutes_is_not_news_again(platform, wijkmanager):
    found = held(body=platform, actor=wijkmanager)
    meetings.meeting_record(meeting=found, actor=wijkmanager, minutes="Verbeterd verslag.")
    assert NewsEntry.objects.filter(kind=Kind.MEETING_MINUTES).count() == 1


def test_an_awarded_initiative_is_news_without_its_initiators(
    wijk, resident, regiegroep_member, treasurer, gemeente_org
):
    ruleset_for(wijk.municipality, treasurer)
    budget = funded_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org)
    initiative = initiatives.initiative_submit(
        initiative=draft(wijk=wijk, resident=resident), actor=resident
    )
    for point in initiatives.checklist_points(initiative.ruleset):
        initiatives.checklist_answer(
            initiative=initiative, actor=regiegroep_member, point=point, met=True
        )
    initiatives.initiative_award(
        initiative=initiative, actor=regiegroep_member, budget=budget, reason="Goed plan"
    )
    entry = only(Kind.INITIATIVE_AWARDED)
    assert entry.title == "Buurtfeest in de Linie"
    assert entry.data["amount_cents"] == 40_000
    text = f"{entry.title} {entry.summary} {entry.data}"
    assert "Bewoner Bep" not in text and "Buurvrouw Ans" not in text and "1781" not in text


def test_published_budget_round_results_are_news(wijk, wijkmanager, treasurer, gemeente_org):
    from wijkwerk.pb.tests.factories import funded_budget as pb_budget

    budget = pb_budget(wijk=wijk, treasurer=treasurer, organisation=gemeente_org)
    pb_round = make_round(wijk=wijk, actor=wijkmanager, budget=budget, phase="voting")
    ProposalFactory(round=pb_round, title="Speeltuin", estimated_cost_cents=400_000)
    pb_round.rule = "greedy"
    pb_round.save()
    move_to(pb_round, "closed")
    pb.round_tally(round=pb_round, actor=wijkmanager, reason="Na de sluiting")
    assert not NewsEntry.objects.exists()  # counting is not publishing
    pb.round_results_publish(round=pb_round, actor=wijkmanager)
    entry = only(Kind.PB_RESULTS)
    assert entry.title == pb_round.title and entry.area == wijk


def test_closing_a_survey_publishes_its_results(municipality, wijk, treasurer):
    survey = open_survey(municipality=municipality, actor=treasurer)
    assert not NewsEntry.objects.exists()  # opening it is not results
    surveys.survey_close(survey=survey, actor=treasurer)
    entry = only(Kind.SURVEY_RESULTS)
    assert entry.area is None  # the whole municipality: in every wijk's stream
    assert list(news_list(municipality=municipality, area=wijk)) == [entry]


def test_a_finished_wijkschouw_is_news(wijk, wijkmanager):
    inspection = started(area=wijk, actor=wijkmanager)
    assert not NewsEntry.objects.exists()
    inspections.inspection_transition(
        inspection=inspection, actor=wijkmanager, to=InspectionStatus.DONE
    )
    assert only(Kind.INSPECTION_DONE).url.endswith(f"/schouw/{inspection.pk}/uitkomsten/")


def test_rebuilding_adds_nothing_twice_and_keeps_entry_ids(item, wijkmanager, platform):
    agenda.agenda_item_answer(item=item, actor=wijkmanager, verdict="nooit", motivation="Nee.")
    meeting(body=platform, actor=wijkmanager)
    before = dict(NewsEntry.objects.values_list("key", "id"))
    assert len(before) == 2
    written, removed = news_rebuild()
    assert (written, removed) == (2, 0)
    out = io.StringIO()
    call_command("updates_rebuild", municipality="GM0400", stdout=out)
    assert out.getvalue().startswith("2 news entries written, 0 removed")
    assert dict(NewsEntry.objects.values_list("key", "id")) == before


def test_rebuilding_restores_lost_entries_and_removes_ones_no_longer_public(
    platform, wijkmanager, item
):
    meeting(body=platform, actor=wijkmanager)
    agenda.agenda_item_answer(item=item, actor=wijkmanager, verdict="nooit", motivation="Nee.")
    NewsEntry.objects.filter(kind=Kind.AGENDA_ANSWER).delete()
    platform.is_public = False  # the body became closed
    platform.save()
    news_rebuild()
    assert list(NewsEntry.objects.values_list("kind", flat=True)) == [Kind.AGENDA_ANSWER]


def test_a_fault_in_the_stream_never_undoes_a_decision(item, wijkmanager, monkeypatch):
    from wijkwerk.updates import sources

    def broken(event):
        raise RuntimeError("bug in a reader")

    monkeypatch.setitem(sources.READERS, "agenda.answer.nooit", broken)
    agenda.agenda_item_answer(item=item, actor=wijkmanager, verdict="nooit", motivation="Nee.")
    item.refresh_from_db()
    assert item.status == Status.REJECTED
    assert not NewsEntry.objects.exists()
