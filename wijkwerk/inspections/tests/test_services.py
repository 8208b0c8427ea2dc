"""The schouw services: agreed levels, planning, the walk with its bad input (nothing saved),
findings below the agreed level, and handing a finding on once as a melding or an agenda
item."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.agenda.models import AgendaItem
from wijkwerk.agenda.models import Status as AgendaStatus
from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.inspections import services
from wijkwerk.inspections.models import (
    TRANSITIONS,
    Became,
    Finding,
    Participant,
    ParticipantRole,
    QualityAgreement,
    Score,
    Status,
)

from .factories import photo, planned, score, started

pytestmark = pytest.mark.django_db

Report = apps.get_model("reports", "Report")


def agree(area, actor, object_type, level):
    return services.quality_level_set(
        area=area,
        actor=actor,
        object_type=object_type,
        level=level,
        agreed_with="Wijkplatform Oost",
        agreed_on=timezone.localdate(),
    )


def test_staff_record_an_agreed_level_and_change_it_with_who_and_when(wijk, wijkmanager):
    first = agree(wijk, wijkmanager, "zwerfafval", "A")
    again = agree(wijk, wijkmanager, "zwerfafval", "B")
    assert first.pk == again.pk and again.level == "B"
    assert again.agreed_with == "Wijkplatform Oost" and again.recorded_by == wijkmanager
    assert services.agreed_levels(area=wijk)["zwerfafval"] == "B"
    assert services.agreed_levels(area=wijk)["gras"] == "B"  # nothing agreed: basic level
    events = AuditEvent.objects.filter(action="inspections.level_set")
    assert events.count() == 2 and events.first().changes == {"level": ["A", "B"]}


def test_a_level_outside_the_scale_and_a_level_for_no_one_are_refused(wijk, wijkmanager):
    with pytest.raises(ValidationError) as error:
        services.quality_level_set(
            area=wijk, actor=wijkmanager, object_type="zwerfafval", level="E", agreed_with=" ",
            agreed_on=timezone.localdate() + datetime.timedelta(days=1),
        )  # fmt: skip
    assert set(error.value.message_dict) == {"level", "agreed_with", "agreed_on"}
    assert not QualityAgreement.objects.exists()


def test_residents_cannot_agree_levels_or_plan(wijk, resident):
    with pytest.raises(PermissionDenied):
        agree(wijk, resident, "gras", "A")
    with pytest.raises(PermissionDenied):
        planned(area=wijk, actor=resident)


def test_the_wijkconcierge_plans_a_schouw_and_the_wijkagent_does_not(wijk):
    concierge = RoleAssignmentFactory(area=wijk, role=Role.WIJKCONCIERGE).user
    agent = RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT).user
    assert planned(area=wijk, actor=concierge).area == wijk
    with pytest.raises(PermissionDenied):
        planned(area=wijk, actor=agent)


def test_planning_a_route_and_participants(wijk, wijkmanager, resident):
    inspection = planned(area=wijk, actor=wijkmanager)
    assert list(inspection.stops.values_list("position", "name")) == [
        (1, "Speeltuin Molenplein"), (2, "Plantsoen Kerkgracht"), (3, "Winkelstraat"),
    ]  # fmt: skip
    services.participant_add(
        inspection=inspection, actor=wijkmanager, role=ParticipantRole.RESIDENT, user=resident
    )
    services.participant_add(
        inspection=inspection, actor=wijkmanager, role=ParticipantRole.RESIDENT, name="Joke"
    )
    with pytest.raises(ValidationError):
        services.participant_add(
            inspection=inspection, actor=wijkmanager, role=ParticipantRole.RESIDENT, user=resident
        )
    with pytest.raises(ValidationError):
        services.participant_add(inspection=inspection, actor=wijkmanager, role="resident")
    assert Participant.objects.count() == 2
    # A participant with an account may walk and score, but not plan.
    assert resident.has_perm("inspections.walk_inspection", inspection)
    assert not resident.has_perm("inspections.manage_inspection", inspection)
    assert not resident.has_perm("inspections.view_participants", inspection)


def test_a_stop_needs_a_valid_location(wijk, wijkmanager):
    inspection = planned(area=wijk, actor=wijkmanager, stops=[])
    for lat, lon in [(None, 4.7), (95.0, 4.7)]:
        with pytest.raises(ValidationError) as error:
            services.stop_add(inspection=inspection, actor=wijkmanager, name="X", lat=lat, lon=lon)
        assert "location" in error.value.message_dict
    assert not inspection.stops.exists()


@pytest.mark.parametrize("start", list(Status))
@pytest.mark.parametrize("to", list(Status))
def test_the_status_flow_allows_exactly_its_transitions(wijk, wijkmanager, start, to):
    inspection = planned(area=wijk, actor=wijkmanager)
    inspection.status = start
    inspection.save()
    if to in TRANSITIONS[start]:
        assert (
            services.inspection_transition(inspection=inspection, actor=wijkmanager, to=to).status
            == to
        )
    else:
        with pytest.raises(ValidationError):
            services.inspection_transition(inspection=inspection, actor=wijkmanager, to=to)
        inspection.refresh_from_db()
        assert inspection.status == start


def test_a_schouw_without_stops_cannot_start(wijk, wijkmanager):
    inspection = planned(area=wijk, actor=wijkmanager, stops=[])
    with pytest.raises(ValidationError, match="at least one stop"):
        services.inspection_transition(inspection=inspection, actor=wijkmanager, to="in_progress")


def test_a_score_below_the_agreed_level_is_a_finding_at_or_above_is_not(wijk, wijkmanager):
    agree(wijk, wijkmanager, "zwerfafval", "A")
    inspection = started(area=wijk, actor=wijkmanager)
    good = score(inspection, wijkmanager, 3, "zwerfafval", "A+")
    assert not good.below_agreed and not Finding.objects.exists()
    bad = score(inspection, wijkmanager, 3, "zwerfafval", "B", note="Blikjes in de goot",
                photo=photo())  # fmt: skip
    assert bad.pk == good.pk and bad.agreed_level == "A" and bad.below_agreed
    finding = Finding.objects.get()
    assert finding.description == "Blikjes in de goot" and finding.photo
    assert (finding.lat, finding.lon) == (52.957, 4.759)
    # Scoring it again at the agreed level takes the finding away.
    score(inspection, wijkmanager, 3, "zwerfafval", "A")
    assert not Finding.objects.exists() and Score.objects.count() == 1


def test_a_later_agreement_does_not_change_an_earlier_score(wijk, wijkmanager):
    inspection = started(area=wijk, actor=wijkmanager)
    given = score(inspection, wijkmanager, 1, "speelvoorzieningen", "C")
    agree(wijk, wijkmanager, "speelvoorzieningen", "D")
    given.refresh_from_db()
    assert given.agreed_level == "B" and given.below_agreed


@pytest.mark.parametrize(
    ("settings_", "kwargs", "field"),
    [
        ({}, {"level": "E"}, "level"),
        ({}, {"level": "5"}, "level"),
        ({}, {"object_type": "kerktoren"}, "object_type"),
        ({}, {"note": " "}, "note"),
        ({"location_required": True}, {"lat": None, "lon": None}, "location"),
        ({"photo_required": True}, {}, "photo"),
        ({}, {"photo": "not a photo"}, "photo"),
        ({}, {"lat": 91.0}, "location"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(
    wijk, wijkmanager, settings_, kwargs, field
):
    inspection = started(area=wijk, actor=wijkmanager, **settings_)
    values = {"object_type": "zwerfafval", "level": "D", "note": "Vuil"}
    values.update(kwargs)
    if values.get("photo") == "not a photo":
        values["photo"] = SimpleUploadedFile("IMG_0002.jpg", b"GIF89a no picture")
    with pytest.raises(ValidationError) as error:
        score(inspection, wijkmanager, 3, **values)
    assert field in error.value.message_dict
    assert not Score.objects.exists() and not Finding.objects.exists()


def test_without_location_required_a_finding_may_have_no_point(wijk, wijkmanager):
    inspection = started(area=wijk, actor=wijkmanager, location_required=False)
    score(inspection, wijkmanager, 3, "zwerfafval", "D", lat=None, lon=None)
    assert Finding.objects.get().lat is None


def test_scoring_a_planned_or_finished_schouw_is_refused(wijk, wijkmanager):
    inspection = planned(area=wijk, actor=wijkmanager)
    with pytest.raises(ValidationError, match="Start the schouw"):
        score(inspection, wijkmanager, 1, "gras", "A")
    services.inspection_transition(inspection=inspection, actor=wijkmanager, to="in_progress")
    services.inspection_transition(inspection=inspection, actor=wijkmanager, to="done")
    with pytest.raises(ValidationError, match="is done"):
        score(inspection, wijkmanager, 1, "gras", "A")
    assert not Score.objects.exists()


def test_a_stop_of_another_schouw_is_refused(wijk, wijkmanager):
    one = started(area=wijk, actor=wijkmanager)
    other = started(area=wijk, actor=wijkmanager, title="Andere schouw")
    with pytest.raises(ValidationError) as error:
        services.score_record(
            inspection=one, stop=other.stops.first(), actor=wijkmanager,
            object_type="gras", level="A",
        )  # fmt: skip
    assert "another schouw" in error.value.message_dict["stop"][0]
    assert not Score.objects.exists()


def test_only_staff_and_participants_with_an_account_score(wijk, wijkmanager, resident):
    inspection = started(area=wijk, actor=wijkmanager)
    with pytest.raises(PermissionDenied):
        score(inspection, resident, 1, "gras", "A")
    services.participant_add(
        inspection=inspection, actor=wijkmanager, role=ParticipantRole.RESIDENT, user=resident
    )
    assert score(inspection, resident, 1, "gras", "A").scored_by == resident


def test_a_finding_becomes_a_melding_once_with_its_photo(
    wijk, wijkmanager, categories, municipality
):
    inspection = started(area=wijk, actor=wijkmanager)
    score(inspection, wijkmanager, 3, "zwerfafval", "D", note="Vuilniszakken", photo=photo())
    finding = Finding.objects.get()
    done = services.finding_convert(finding=finding, actor=wijkmanager, to=Became.MELDING)
    report = Report.objects.get(pk=int(done.became_id))
    assert done.became_kind == "reports.report" and done.converted_by == wijkmanager
    assert report.category == categories["zwerfafval"]
    assert "Vuilniszakken" in report.description and "Winkelstraat" in report.description
    assert (report.lat, report.lon) == (52.957, 4.759)
    assert report.photos.count() == 1
    for to in (Became.MELDING, Became.AGENDA_ITEM):
        with pytest.raises(ValidationError, match="already become a melding"):
            services.finding_convert(finding=finding, actor=wijkmanager, to=to)
    assert Report.objects.count() == 1 and not AgendaItem.objects.exists()


def test_a_finding_becomes_an_agenda_item_pointing_back_to_it(wijk, wijkmanager, gemeente_org):
    inspection = started(area=wijk, actor=wijkmanager)
    score(inspection, wijkmanager, 1, "speelvoorzieningen", "D", note="Schommel kapot")
    finding = Finding.objects.get()
    done = services.finding_convert(
        finding=finding, actor=wijkmanager, to=Became.AGENDA_ITEM, owner_organisation=gemeente_org
    )
    item = AgendaItem.objects.get(pk=int(done.became_id))
    assert (item.origin_kind, item.origin_id) == ("inspections.finding", str(finding.pk))
    assert item.status == AgendaStatus.PLANNED and item.owner_organisation == gemeente_org
    assert "Schommel kapot" in item.title


def test_without_a_probleemeigenaar_the_agenda_item_awaits_an_answer(wijk, wijkmanager):
    inspection = started(area=wijk, actor=wijkmanager)
    score(inspection, wijkmanager, 1, "speelvoorzieningen", "D")
    done = services.finding_convert(
        finding=Finding.objects.get(), actor=wijkmanager, to=Became.AGENDA_ITEM
    )
    assert AgendaItem.objects.get(pk=int(done.became_id)).status == AgendaStatus.PROPOSED


def test_a_melding_refused_by_reports_leaves_the_finding_as_it_was(wijk, wijkmanager):
    """No categories of meldingen at all: the handoff refuses, nothing is saved."""
    inspection = started(area=wijk, actor=wijkmanager)
    score(inspection, wijkmanager, 3, "zwerfafval", "D")
    finding = Finding.objects.get()
    with pytest.raises(ValidationError):
        services.finding_convert(finding=finding, actor=wijkmanager, to=Became.MELDING)
    finding.refresh_from_db()
    assert not finding.converted and not Report.objects.exists()


def test_a_converted_finding_keeps_its_score(wijk, wijkmanager):
    inspection = started(area=wijk, actor=wijkmanager)
    score(inspection, wijkmanager, 1, "speelvoorzieningen", "D")
    services.finding_convert(
        finding=Finding.objects.get(), actor=wijkmanager, to="agenda.agendaitem"
    )
    with pytest.raises(ValidationError, match="handed on already"):
        score(inspection, wijkmanager, 1, "speelvoorzieningen", "A")
    assert Score.objects.get().level == "D"


def test_only_the_schouws_staff_convert_and_an_unknown_target_is_refused(
    wijk, wijkmanager, resident, municipality
):
    inspection = started(area=wijk, actor=wijkmanager)
    services.participant_add(
        inspection=inspection, actor=wijkmanager, role=ParticipantRole.RESIDENT, user=resident
    )
    score(inspection, resident, 1, "speelvoorzieningen", "D")
    finding = Finding.objects.get()
    with pytest.raises(PermissionDenied):
        services.finding_convert(finding=finding, actor=resident, to=Became.AGENDA_ITEM)
    other_wijk = WijkFactory(municipality=municipality, code="WK040009", slug="elders")
    elsewhere = RoleAssignmentFactory(area=other_wijk, role=Role.WIJKMANAGER).user
    with pytest.raises(PermissionDenied):
        services.finding_convert(finding=finding, actor=elsewhere, to=Became.AGENDA_ITEM)
    with pytest.raises(ValidationError):
        services.finding_convert(finding=finding, actor=wijkmanager, to="tweet")
    assert not Finding.objects.get().converted
