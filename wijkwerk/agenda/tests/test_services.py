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


def test_ooit_without_conditions_or_date_is_refused_and_nothing_changes(wijk, resident, wijkmanager):
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
