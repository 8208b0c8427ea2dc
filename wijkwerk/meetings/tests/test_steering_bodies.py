"""Bodies from the seeds: the regiegroep of residents (Wijkengids, seed 001) and the stuurgroep
wijkgericht werken (Den Helder, seed 003), each with members and a written mandate; a
stuurgroep may work for the whole municipality. Made and changed on staff pages, each change
logged; a member's two meetings on one day stay refused for them too."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.meetings import services
from wijkwerk.meetings.models import Body, BodyKind, Meeting

from .factories import body, meeting

pytestmark = pytest.mark.django_db

MANDATE = "Adviseert het college over wijkgericht werken en controleert de convenantuitgaven."


@pytest.fixture
def city_manager(municipality, gemeente_org):
    """A wijkmanager for the whole municipality (no area), as Den Helder's seed has one."""
    return RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user


@pytest.fixture
def other_wijk(wijk):
    return WijkFactory(municipality=wijk.municipality, code="WK040005", slug="de-schooten")


def _stuurgroep(wijk, actor, **values):
    values.setdefault("mandate", MANDATE)
    values.setdefault("municipality_wide", True)
    values.setdefault("per_year", 4)
    return body(area=wijk, actor=actor, name="Stuurgroep Wijkgericht Werken",
                kind=BodyKind.STUURGROEP, **values)  # fmt: skip


def test_a_regiegroep_and_a_stuurgroep_need_a_written_mandate(wijk, city_manager):
    for kind in (BodyKind.REGIEGROEP, BodyKind.STUURGROEP):
        with pytest.raises(ValidationError) as refused:
            body(area=wijk, actor=city_manager, name=str(kind), kind=kind, mandate="  ")
        assert "written mandate" in refused.value.message_dict["mandate"][0]
    assert not Body.objects.exists()
    made = _stuurgroep(wijk, city_manager)
    assert made.mandate == MANDATE and made.municipality_wide and made.needs_mandate


def test_only_a_stuurgroep_and_only_city_wide_staff_work_for_the_whole_municipality(
    wijk, wijkmanager, city_manager
):
    with pytest.raises(ValidationError) as not_a_stuurgroep:
        body(area=wijk, actor=city_manager, municipality_wide=True)
    assert "Only a stuurgroep" in not_a_stuurgroep.value.message_dict["municipality_wide"][0]
    # The wijkmanager of one wijk keeps that wijk's bodies, not the city's stuurgroep.
    with pytest.raises(ValidationError) as not_city_wide:
        _stuurgroep(wijk, wijkmanager)
    assert "whole municipality" in not_city_wide.value.message_dict["municipality_wide"][0]
    assert not Body.objects.exists()
    stuurgroep = _stuurgroep(wijk, city_manager)
    assert not wijkmanager.has_perm("meetings.manage_bodies", stuurgroep)
    assert city_manager.has_perm("meetings.manage_bodies", stuurgroep)
    # A stuurgroep of one wijk is kept by that wijk's staff as any body.
    local = body(
        area=wijk,
        actor=wijkmanager,
        name="Stuurgroep Stad",
        kind=BodyKind.STUURGROEP,
        mandate="Wijkniveau",
    )
    assert wijkmanager.has_perm("meetings.manage_bodies", local)


def test_the_regiegroep_is_a_group_of_residents(wijk, wijkmanager, resident, corporatie,
                                                 bewonersorg, accountmanager):  # fmt: skip
    regiegroep = body(area=wijk, actor=wijkmanager, name="Regiegroep", kind=BodyKind.REGIEGROEP,
                      mandate="Kent de vouchers toe.")  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.member_add(body=regiegroep, actor=wijkmanager, user=accountmanager,
                            organisation=corporatie)  # fmt: skip
    assert "group of residents" in refused.value.message_dict["organisation"][0]
    services.member_add(body=regiegroep, actor=wijkmanager, user=resident, is_chair=True)
    services.member_add(body=regiegroep, actor=wijkmanager, user=accountmanager,
                        organisation=bewonersorg)  # fmt: skip
    assert regiegroep.members.count() == 2


def test_a_city_wide_stuurgroep_shows_in_every_wijk_with_its_mandate(
    client, wijk, other_wijk, city_manager
):
    stuurgroep = _stuurgroep(wijk, city_manager)
    meeting(body=stuurgroep, actor=city_manager, days=10)
    m = wijk.municipality.slug
    page = client.get(f"/gemeente/{m}/{other_wijk.slug}/overleg/").content.decode()
    body_url = f"/gemeente/{m}/{wijk.slug}/overleg/orgaan/{stuurgroep.pk}/"
    assert "Stuurgroep Wijkgericht Werken" in page and body_url in page
    assert "hele gemeente" in page
    detail = client.get(body_url).content.decode()
    assert "Mandaat" in detail and "convenantuitgaven" in detail
    assert "Voor de hele gemeente Den Helder" in detail
    assert "Overleg wijzigen" not in detail  # only for its staff


def test_staff_make_a_stuurgroep_on_the_page_and_bad_input_changes_nothing(
    client, wijk, city_manager, wijkmanager
):
    base = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/"
    new = f"{base}orgaan/nieuw/"
    assert client.get(new).status_code == 302  # to the login
    client.force_login(wijkmanager)
    assert "orgaan/nieuw/" in client.get(base).content.decode()
    form = {"kind": "stuurgroep", "name": "Stuurgroep Wijkgericht Werken", "mandate": MANDATE,
            "municipality_wide": "on", "per_year": 4, "every_years": 1, "start_time": "16:00",
            "duration_minutes": 120, "location": "Stadhuis", "is_public": "on"}  # fmt: skip
    refused = client.post(new, form)
    assert refused.status_code == 400 and not Body.objects.exists()
    assert "hele gemeente" in refused.content.decode()
    client.force_login(city_manager)
    empty = client.post(new, {**form, "mandate": ""})
    assert empty.status_code == 400 and "geschreven mandaat" in empty.content.decode()
    assert client.post(new, {**form, "kind": "werkatelier"}).status_code == 400
    assert not Body.objects.exists()
    made = client.post(new, form)
    stuurgroep = Body.objects.get()
    assert made.status_code == 302 and made["Location"].endswith(f"orgaan/{stuurgroep.pk}/")
    assert stuurgroep.municipality_wide and stuurgroep.start_time == datetime.time(16)
    assert AuditEvent.objects.filter(action="meetings.body_create").count() == 1


def test_staff_change_a_body_and_the_change_is_logged_with_the_reason(
    client, wijk, wijkmanager, city_manager
):
    regiegroep = body(area=wijk, actor=wijkmanager, name="Regiegroep", kind=BodyKind.REGIEGROEP,
                      mandate="Kent de vouchers toe.", per_year=4)  # fmt: skip
    edit = (
        f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/orgaan/{regiegroep.pk}/bewerken/"
    )
    client.force_login(wijkmanager)
    page = client.get(edit)
    assert page.status_code == 200 and "Kent de vouchers toe." in page.content.decode()
    form = {"name": "Regiegroep Stad", "mandate": "Kent vouchers toe tot € 2.500.",
            "per_year": 6, "every_years": 1, "start_time": "19:30", "duration_minutes": 90,
            "location": "Buurthuis", "is_public": "on", "reason": "Afspraak met de gemeente"}  # fmt: skip
    bad = client.post(edit, {**form, "mandate": "", "per_year": 60})
    assert bad.status_code == 400
    regiegroep.refresh_from_db()
    assert regiegroep.name == "Regiegroep" and regiegroep.per_year == 4
    assert client.post(edit, form).status_code == 302
    regiegroep.refresh_from_db()
    assert (regiegroep.name, regiegroep.per_year) == ("Regiegroep Stad", 6)
    entry = AuditEvent.objects.get(action="meetings.body_update")
    assert entry.reason == "Afspraak met de gemeente"
    assert entry.changes["per_year"] == ["4", "6"] and entry.actor == wijkmanager
    # A wijkmanager of one wijk cannot turn it into a body of the whole municipality.
    stuur = body(area=wijk, actor=wijkmanager, name="Stuurgroep", kind=BodyKind.STUURGROEP,
                 mandate="Wijk", per_year=2)  # fmt: skip
    with pytest.raises(ValidationError):
        services.body_update(body=stuur, actor=wijkmanager, municipality_wide=True)
    services.body_update(body=stuur, actor=city_manager, municipality_wide=True)
    stuur.refresh_from_db()
    assert stuur.municipality_wide
    other = RoleAssignmentFactory(area=wijk, role=Role.WIJKMANAGER).user
    client.force_login(other)
    city_edit = edit.replace(str(regiegroep.pk), str(stuur.pk))
    assert client.get(city_edit).status_code == 404


def test_a_stuurgroep_member_is_not_planned_twice_on_one_day(
    wijk, other_wijk, wijkmanager, city_manager, chair_resident
):
    """The wijkplatform chair sits in the city's stuurgroep too: a stuurgroep meeting on the
    day of the wijkplatform is refused by hand and avoided by the year plan."""
    stuurgroep = _stuurgroep(wijk, city_manager)
    platform = body(area=wijk, actor=wijkmanager, per_year=10)
    for b in (stuurgroep, platform):
        services.member_add(body=b, actor=city_manager, user=chair_resident)
    taken = meeting(body=platform, actor=wijkmanager, days=12)
    # Another hour of the same local day, not overlapping the wijkplatform's meeting.
    local = timezone.localtime(taken.starts_at)
    start = local.replace(hour=1 if local.hour >= 4 else 20, minute=0)
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(body=stuurgroep, actor=city_manager, starts_at=start,
                                ends_at=start + datetime.timedelta(hours=2))  # fmt: skip
    assert "nobody sits in two meetings on one day" in refused.value.message_dict["starts_at"][0]
    Meeting.objects.all().delete()
    services.year_plan(area=wijk, actor=city_manager, year=2027)
    days = [timezone.localtime(m.starts_at).date() for m in Meeting.objects.all()]
    assert len(days) == 14 and len(set(days)) == 14


def test_the_year_plan_of_a_wijk_leaves_the_city_stuurgroep_to_city_staff(
    wijk, wijkmanager, city_manager
):
    _stuurgroep(wijk, city_manager)
    body(area=wijk, actor=wijkmanager, per_year=5)
    result = services.year_plan(area=wijk, actor=wijkmanager, year=2027)
    assert {m.body.kind for m in result.meetings} == {BodyKind.WIJKPLATFORM}
    result = services.year_plan(area=wijk, actor=city_manager, year=2027)
    assert [m.body.kind for m in result.meetings] == [BodyKind.STUURGROEP] * 4


def test_the_api_shows_the_city_wide_stuurgroep_with_its_mandate_in_every_wijk(
    wijk, other_wijk, city_manager
):
    from rest_framework.test import APIClient

    from wijkwerk.core.tests.openapi import assert_matches_schema

    _stuurgroep(wijk, city_manager)
    bodies = APIClient().get("/api/v1/meeting-bodies/", {"area": other_wijk.code}).json()
    assert_matches_schema(bodies, "MeetingBody", many=True)
    assert [(b["kind"], b["area"], b["municipality_wide"]) for b in bodies] == [
        ("stuurgroep", wijk.code, True)
    ]
    assert bodies[0]["mandate"] == MANDATE
