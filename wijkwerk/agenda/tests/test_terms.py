"""Answer terms and reminders, the wijkplatform keeping the wijkagenda, and the real source
of items brought in by staff."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.agenda import services
from wijkwerk.agenda.models import AgendaItem, AgendaNotice, AgendaSettings, NoticeKind, Verdict
from wijkwerk.agenda.selectors import (
    agenda_item_history,
    escalation_targets,
    items_awaiting_answer,
)
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.workdays import add_working_days
from wijkwerk.organisations.tests.factories import OrganisationFactory


@pytest.fixture
def beheerder(municipality, gemeente_org):
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.BEHEERDER, organisation=gemeente_org
    ).user


@pytest.fixture
def platform(municipality):
    return OrganisationFactory(municipality=municipality, name="Wijkplatform Oost")


@pytest.fixture
def chair(wijk, platform):
    return RoleAssignmentFactory(area=wijk, role=Role.PLATFORM_CHAIR, organisation=platform).user


# --- the term --------------------------------------------------------------------------------


@pytest.mark.parametrize("days", [0, -3])
def test_term_of_zero_or_negative_days_is_refused_naming_the_field(municipality, beheerder, days):
    with pytest.raises(ValidationError) as excinfo:
        services.agenda_settings_update(
            municipality=municipality,
            actor=beheerder,
            version=0,
            answer_working_days=days,
            remind_working_days=0,
        )
    assert list(excinfo.value.message_dict) == ["answer_working_days"]
    assert not AgendaSettings.objects.exists()


def test_wijkmanager_of_one_wijk_cannot_set_the_municipality_term(municipality, wijkmanager):
    with pytest.raises(PermissionDenied):
        services.agenda_settings_update(
            municipality=municipality,
            actor=wijkmanager,
            version=0,
            answer_working_days=10,
            remind_working_days=2,
        )


def test_idea_gets_its_answer_term_in_working_days(wijk, resident, municipality, beheerder):
    services.agenda_settings_update(
        municipality=municipality,
        actor=beheerder,
        version=0,
        answer_working_days=10,
        remind_working_days=2,
    )
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Bankje")
    assert item.answer_due == add_working_days(timezone.localdate(), 10)
    [waiting] = items_awaiting_answer([wijk])
    assert waiting.answer_deadline == item.answer_due and not waiting.answer_overdue


def test_settings_page_saves_the_term_and_refuses_zero(client, municipality, beheerder):
    client.force_login(beheerder)
    url = reverse("agenda_municipality:settings", args=[municipality.slug])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 0, "answer_working_days": 0, "remind_working_days": 1})
    assert response.status_code == 400
    assert "answer_working_days" in response.context["form"].errors
    response = client.post(url, {"version": 0, "answer_working_days": 15, "remind_working_days": 3})
    assert response.status_code == 302
    assert AgendaSettings.objects.get().answer_working_days == 15


# --- the daily reminders ---------------------------------------------------------------------


def test_reminder_once_then_escalation_once_and_logged(wijk, wijkmanager, municipality, settings):
    boss = RoleAssignmentFactory(area=None, municipality=municipality, role=Role.GEBIEDSREGISSEUR)
    AgendaSettings.objects.create(
        municipality=municipality,
        answer_working_days=5,
        remind_working_days=2,
        escalate_to=boss.user,
    )
    item = AgendaItemFactory(area=wijk)
    item.answer_due = add_working_days(timezone.localdate(), 1)
    item.save()
    call_command("agenda_daily")
    call_command("agenda_daily")
    assert len(mail.outbox) == 1 and wijkmanager.email in mail.outbox[0].to
    later = (item.answer_due + datetime.timedelta(days=3)).isoformat()
    call_command("agenda_daily", today=later)
    call_command("agenda_daily", today=later)
    assert [m.to for m in mail.outbox][1:] == [[boss.user.email]]
    assert AgendaNotice.objects.filter(kind=NoticeKind.ANSWER_OVERDUE).count() == 1
    assert AuditEvent.objects.for_target(item).filter(action="agenda.escalate").count() == 1
    history = agenda_item_history(item=item)
    assert history[-1].who == "Wijkwerk (automatisch)"


def test_without_a_manager_set_the_escalation_goes_to_the_municipality_wide_managers(
    wijk, wijkmanager, municipality, gemeente_org
):
    city = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user
    RoleAssignmentFactory(area=None, municipality=municipality, role=Role.WIJKWETHOUDER)
    RoleAssignmentFactory(area=None, municipality=municipality, role=Role.BEHEERDER)
    assert escalation_targets(municipality=municipality) == [city]
    AgendaSettings.objects.create(municipality=municipality, escalate_to=wijkmanager)
    assert escalation_targets(municipality=municipality) == [wijkmanager]


def test_a_late_idea_shows_antwoord_te_laat_and_to_whom_it_was_escalated(
    client, wijk, wijkmanager, municipality
):
    boss = RoleAssignmentFactory(
        area=None,
        municipality=municipality,
        role=Role.GEBIEDSREGISSEUR,
        user__full_name="Marieke de Vries",
    ).user
    AgendaSettings.objects.create(municipality=municipality, escalate_to=boss)
    item = AgendaItemFactory(area=wijk, title="Bankje bij de vijver")
    item.answer_due = timezone.localdate() - datetime.timedelta(days=3)
    item.save()
    url = reverse("agenda:item", args=(municipality.slug, wijk.slug, item.pk))

    page = client.get(url).content.decode()
    assert "antwoord te laat" in page
    assert "De antwoordtermijn liep af op" in page and "Een antwoord volgt" not in page
    assert "Marieke de Vries" not in page  # not escalated yet

    call_command("agenda_daily")
    page = client.get(url).content.decode()
    assert "Marieke de Vries (leidinggevende van de wijkmanagers)" in page
    assert boss.email not in page
    today = date_format(timezone.localdate(), "j F Y")
    assert f"Sinds {today} ligt het bij Marieke de Vries" in page

    services.agenda_item_answer(
        item=item, actor=wijkmanager, verdict=Verdict.NOOIT, motivation="Er staat er al een."
    )
    assert "antwoord te laat" not in client.get(url).content.decode()


def test_ooit_date_and_stale_vaststelling_are_reminded_once(wijk, wijkmanager, resident):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Skatebaan")
    services.agenda_item_answer(
        item=item,
        actor=wijkmanager,
        verdict=Verdict.OOIT,
        conditions="Geld uit de begroting",
        answer_by=timezone.localdate() + datetime.timedelta(days=30),
    )
    AgendaItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    day = (timezone.localdate() + datetime.timedelta(days=31)).isoformat()
    call_command("agenda_daily", today=day)
    call_command("agenda_daily", today=day)
    kinds = sorted(AgendaNotice.objects.values_list("kind", flat=True))
    assert kinds == [NoticeKind.OOIT_DUE, NoticeKind.REVIEW_STALE]
    assert len(mail.outbox) == 2


# --- the wijkplatform keeps the agenda -------------------------------------------------------


def test_platform_setting_off_chair_may_not_answer(wijk, resident, chair):
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Speeltuin")
    with pytest.raises(PermissionDenied):
        services.agenda_item_answer(
            item=item, actor=chair, verdict=Verdict.NOOIT, motivation="Geen plek"
        )
    assert not chair.has_perm("agenda.add_item", wijk)


def test_platform_setting_on_chair_answers_adds_and_sets_owner_logged_with_role(
    wijk, resident, chair, platform, beheerder, gemeente_org
):
    services.platform_keeps_agenda_set(area=wijk, actor=beheerder, keeps=True)
    item = services.agenda_item_propose(area=wijk, actor=resident, title="Speeltuin")
    chair = type(chair).objects.get(pk=chair.pk)  # a fresh request
    services.agenda_item_answer(
        item=item, actor=chair, verdict=Verdict.NU, owner_organisation=gemeente_org
    )
    services.agenda_item_edit(item=item, actor=chair, owner_organisation=platform)
    added = services.agenda_item_create(
        area=wijk,
        actor=chair,
        title="Buurtfeest",
        year=2026,
        source="partner",
        owner_organisation=platform,
    )
    assert added.source_label == "Wijkplatform Oost"
    event = AuditEvent.objects.for_target(item).get(action="agenda.answer.nu")
    assert event.actor == chair and event.changes["_by"]["role"] == Role.PLATFORM_CHAIR
    who = [h.who for h in agenda_item_history(item=item)]
    assert who == ["bewoner", "voorzitter wijkplatform, Wijkplatform Oost", who[2]]


# --- the real source --------------------------------------------------------------------------


def test_staff_idea_shows_its_organisation_on_the_page_and_in_the_api(
    client, wijk, wijkmanager, gemeente_org
):
    item = services.agenda_item_propose(area=wijk, actor=wijkmanager, title="Meer licht")
    assert (item.source, item.source_organisation) == ("partner", gemeente_org)
    page = client.get(reverse("wijk", args=[wijk.municipality.slug, wijk.slug])).content.decode()
    assert "bron: Gemeente Den Helder" in page and "bron: bewoner" not in page
    detail = client.get(
        reverse("agenda:item", args=[wijk.municipality.slug, wijk.slug, item.pk])
    ).content.decode()
    assert "Gemeente Den Helder" in detail and "wijkmanager, Gemeente Den Helder" in detail
    body = client.get(f"/api/v1/agenda-items/{item.pk}/").json()
    assert body["source_name"] == "Gemeente Den Helder"


def test_late_item_shows_te_laat(client, wijk, gemeente_org):
    AgendaItemFactory(
        area=wijk,
        title="Bankjes",
        status="planned",
        verdict="nu",
        owner_organisation=gemeente_org,
        due_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    page = client.get(reverse("wijk", args=[wijk.municipality.slug, wijk.slug])).content.decode()
    assert "te laat" in page


def test_action_point_item_links_back_to_its_meeting_and_minutes(client, wijk, wijkmanager):
    from wijkwerk.meetings import services as meetings
    from wijkwerk.meetings.tests.factories import body, held

    done = held(body=body(area=wijk, actor=wijkmanager), actor=wijkmanager)
    organisation = OrganisationFactory(municipality=wijk.municipality, name="Woningstichting")
    action = meetings.action_point_add(
        meeting=done, actor=wijkmanager, title="Speeltuin opknappen",
        owner_organisation=organisation,
    )  # fmt: skip
    page = client.get(
        reverse("agenda:item", args=[wijk.municipality.slug, wijk.slug, action.agenda_item_id])
    ).content.decode()
    meeting_url = reverse("meetings:meeting", args=[wijk.municipality.slug, wijk.slug, done.pk])
    assert f'href="{meeting_url}#action-{action.pk}"' in page
    if done.minutes:
        assert f'href="{meeting_url}#minutes-heading"' in page
