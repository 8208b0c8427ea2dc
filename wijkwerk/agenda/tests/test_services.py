"""The rules of the wijkagenda: every idea gets a proper answer, and only by the right role."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkwerk.agenda import services
from wijkwerk.agenda.models import AgendaItem, Status, Verdict
from wijkwerk.core.models import AuditEvent


def test_resident_proposal_waits_for_an_answer(wijk, resident):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Bankje bij de speeltuin")
    assert item.status == Status.PROPOSED
    assert item.proposed_by == resident
    assert AuditEvent.objects.for_target(item).filter(action="agenda.propose").exists()


def test_ooit_without_conditions_or_date_is_refused_and_nothing_changes(
    wijk, resident, wijkmanager
):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Nieuw trapveld")
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_answer(item=item, actor=wijkmanager, verdict=Verdict.OOIT)
    assert set(excinfo.value.message_dict) == {"conditions", "answer_by"}
    item.refresh_from_db()
    assert item.status == Status.PROPOSED and item.verdict == ""


def test_nooit_requires_a_motivation(wijk, resident, wijkmanager):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Parkeergarage")
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_answer(item=item, actor=wijkmanager, verdict=Verdict.NOOIT)
    assert "motivation" in excinfo.value.message_dict


def test_resident_cannot_answer(wijk, resident):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Meer groen")
    with pytest.raises(PermissionDenied):
        services.agenda_item_answer(
            item=item, actor=resident, verdict=Verdict.NOOIT, motivation="zelf afgewezen"
        )
    assert AgendaItem.objects.get(pk=item.pk).status == Status.PROPOSED


def test_ooit_answer_is_logged_with_who_and_why(wijk, resident, wijkmanager):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Jongerenplek")
    answer_by = timezone.localdate() + datetime.timedelta(days=90)
    services.agenda_item_answer(
        item=item,
        actor=wijkmanager,
        verdict=Verdict.OOIT,
        conditions="Wacht op de herinrichting van het plein",
        answer_by=answer_by,
    )
    item.refresh_from_db()
    assert (item.status, item.answer_by) == (Status.WAITING, answer_by)
    event = AuditEvent.objects.for_target(item).get(action="agenda.answer.ooit")
    assert event.actor == wijkmanager
    assert event.reason == "Wacht op de herinrichting van het plein"


def test_nu_needs_a_probleemeigenaar_and_then_the_item_is_agreed(
    wijk, resident, wijkmanager, gemeente_org
):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Extra prullenbakken")
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_answer(item=item, actor=wijkmanager, verdict=Verdict.NU)
    assert "owner_organisation" in excinfo.value.message_dict
    services.agenda_item_answer(
        item=item, actor=wijkmanager, verdict=Verdict.NU, owner_organisation=gemeente_org
    )
    item.refresh_from_db()
    assert (item.status, item.owner_organisation) == (Status.PLANNED, gemeente_org)


def test_a_definite_answer_cannot_be_given_twice(wijk, resident, wijkmanager):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Hondenuitlaatplek")
    services.agenda_item_answer(
        item=item, actor=wijkmanager, verdict=Verdict.NOOIT, motivation="Geen ruimte"
    )
    with pytest.raises(ValidationError):
        services.agenda_item_answer(
            item=item, actor=wijkmanager, verdict=Verdict.NOOIT, motivation="Nogmaals"
        )
    assert (
        AuditEvent.objects.for_target(item).filter(action__startswith="agenda.answer").count() == 1
    )


def test_ooit_item_later_gets_its_definite_answer(wijk, resident, wijkmanager, gemeente_org):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Buurtmoestuin")
    services.agenda_item_answer(
        item=item,
        actor=wijkmanager,
        verdict=Verdict.OOIT,
        conditions="Grond moet vrijkomen",
        answer_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.agenda_item_answer(
        item=item, actor=wijkmanager, verdict=Verdict.NU, owner_organisation=gemeente_org
    )
    item.refresh_from_db()
    assert item.status == Status.PLANNED and item.conditions == "" and item.answer_by is None


def test_ooit_date_must_lie_in_the_future(wijk, resident, wijkmanager):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Speeltoestel")
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_answer(
            item=item,
            actor=wijkmanager,
            verdict=Verdict.OOIT,
            conditions="Budget",
            answer_by=timezone.localdate(),
        )
    assert list(excinfo.value.message_dict) == ["answer_by"]


def test_duplicate_proposal_by_the_same_resident_is_refused(wijk, resident):
    services.agenda_item_propose(area=wijk, actor=resident, title="Zebrapad bij school")
    with pytest.raises(ValidationError):
        services.agenda_item_propose(area=wijk, actor=resident, title="zebrapad bij school")
    assert AgendaItem.objects.filter(area=wijk).count() == 1


def test_proposal_for_a_buurt_of_another_wijk_is_refused(wijk, resident):
    from wijkwerk.areas.tests.factories import BuurtFactory

    elsewhere = BuurtFactory(parent__municipality=wijk.municipality)
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_item_propose(
            area=wijk, actor=resident, title="Lantaarnpaal", buurt=elsewhere
        )
    assert "buurt" in excinfo.value.message_dict
    assert not AgendaItem.objects.exists()


def test_progress_follows_the_transition_map(wijk, wijkmanager, gemeente_org):
    item = services.agenda_item_create(
        area=wijk,
        actor=wijkmanager,
        title="Opruimactie",
        year=2026,
        source="partner",
        owner_organisation=gemeente_org,
    )
    with pytest.raises(ValidationError):
        services.agenda_item_report_progress(
            item=item, actor=wijkmanager, text="Klaar", new_status=Status.REJECTED
        )
    services.agenda_item_report_progress(
        item=item, actor=wijkmanager, text="Gestart", new_status=Status.IN_PROGRESS
    )
    services.agenda_item_report_progress(
        item=item, actor=wijkmanager, text="Gedaan", new_status=Status.DONE
    )
    item.refresh_from_db()
    assert item.status == Status.DONE and item.completed_at is not None
    assert [u.status_after for u in item.updates.order_by("created_at", "id")] == [
        "in_progress",
        "done",
    ]


def test_edit_logs_old_and_new_values_with_reason(wijk, wijkmanager, gemeente_org):
    item = services.agenda_item_create(
        area=wijk,
        actor=wijkmanager,
        title="Bankjes",
        year=2026,
        source="meeting",
        owner_organisation=gemeente_org,
    )
    services.agenda_item_edit(
        item=item, actor=wijkmanager, title="Vier bankjes", reason="Afgesproken in het wijkplatform"
    )
    event = AuditEvent.objects.for_target(item).get(action="agenda.edit")
    assert event.changes["title"] == ["Bankjes", "Vier bankjes"]
    assert event.changes["_by"] == {"role": "wijkmanager", "organisation": "Gemeente Den Helder"}
    assert event.reason == "Afgesproken in het wijkplatform"
