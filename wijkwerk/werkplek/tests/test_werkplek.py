"""The werkplek per role: exactly the tasks of that person's wijken and capabilities, oldest
term first, each linking to a page that opens; escalations for those they went to."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.models import AgendaItem, AgendaReview, AgendaSettings
from wijkwerk.agenda.models import Status as AgendaStatus
from wijkwerk.agenda.tests.factories import AgendaItemFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.initiatives import services
from wijkwerk.initiatives.deadlines import initiative_escalate
from wijkwerk.initiatives.models import Initiative
from wijkwerk.initiatives.tests.factories import ruleset_for, submitted
from wijkwerk.inspections.tests.factories import planned
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.reports import services as reports
from wijkwerk.reports.models import Channel, Report
from wijkwerk.reports.tests.factories import CategoryFactory, square
from wijkwerk.werkplek.scope import Scope
from wijkwerk.werkplek.tasks import werkplek_tasks

DAY = datetime.timedelta(days=1)


def page_of(client, user, municipality):
    client.force_login(user)
    response = client.get(reverse("werkplek:werkplek", args=(municipality.slug,)))
    assert response.status_code == 200
    return response


def tasks_of(user, municipality):
    return werkplek_tasks(scope=Scope(user=user, municipality=municipality))


def idea(area, title, days_ago=0):
    item = AgendaItemFactory(area=area, title=title)
    AgendaItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return item


def assert_links_open(client, user, tasks):
    client.force_login(user)
    for task in tasks:
        assert not task.url.startswith("/beheer/")
        assert client.get(task.url).status_code == 200, task


@pytest.fixture
def wijk2(municipality):
    return WijkFactory(municipality=municipality, name="De Schooten", slug="de-schooten")


@pytest.fixture
def elsewhere(db):
    other = MunicipalityFactory(code="GM0777", name="Etten-Leur", slug="etten-leur")
    return WijkFactory(municipality=other, name="Noord woongebied", slug="noord")


@pytest.mark.parametrize("role", [Role.WIJKMANAGER, Role.ACCOUNTMANAGER, Role.GEBIEDSREGISSEUR])
def test_area_managers_see_the_ideas_of_their_own_wijk_only_oldest_first(
    client, role, wijk, wijk2, elsewhere, gemeente_org
):
    manager = RoleAssignmentFactory(area=wijk, role=role, organisation=gemeente_org).user
    idea(wijk, "Bankje bij de vijver", days_ago=4)
    idea(wijk, "Meer groen op het plein", days_ago=9)
    idea(wijk, "Vandaag binnen")
    idea(wijk2, "Idee uit een andere wijk", days_ago=30)
    idea(elsewhere, "Idee uit een andere gemeente", days_ago=30)

    tasks = tasks_of(manager, wijk.municipality)
    assert [t.subject for t in tasks] == [
        "Meer groen op het plein",
        "Bankje bij de vijver",
        "Vandaag binnen",
    ]
    assert [t.when for t in tasks] == ["wacht 9 dagen", "wacht 4 dagen", "wacht sinds vandaag"]
    assert {t.where for t in tasks} == {wijk.name}
    html = page_of(client, manager, wijk.municipality).content.decode()
    assert html.index("Meer groen op het plein") < html.index("Bankje bij de vijver")
    assert "andere wijk" not in html and "andere gemeente" not in html
    assert_links_open(client, manager, tasks)


def test_an_ooit_item_whose_promised_date_has_come_asks_for_the_definite_answer(wijk, wijkmanager):
    today = timezone.localdate()
    AgendaItemFactory(
        area=wijk,
        title="Speeltuin opknappen",
        status=AgendaStatus.WAITING,
        verdict="ooit",
        conditions="Als er budget is",
        answer_by=today - 3 * DAY,
    )
    AgendaItemFactory(
        area=wijk,
        title="Nog niet aan de beurt",
        status=AgendaStatus.WAITING,
        verdict="ooit",
        conditions="Als er budget is",
        answer_by=today + 30 * DAY,
    )
    (task,) = tasks_of(wijkmanager, wijk.municipality)
    assert task.subject == "Speeltuin opknappen"
    assert task.when == "3 dagen te laat" and task.late


def test_the_wijkwethouder_is_asked_to_fix_a_wijkagenda_not_reviewed_for_six_months(
    client, wijk, wijk2, gemeente_org, wijkmanager
):
    wethouder = RoleAssignmentFactory(
        area=wijk, role=Role.WIJKWETHOUDER, organisation=gemeente_org
    ).user
    today = timezone.localdate()

    def review(area, held_on, title):
        AgendaReview.objects.create(
            area=area, year=held_on.year, held_on=held_on, title=title, created_by=wijkmanager
        )

    review(wijk, today - 200 * DAY, "Voorjaar")
    review(wijk2, today - 300 * DAY, "Oud")
    (task,) = tasks_of(wethouder, wijk.municipality)
    assert task.where == wijk.name and task.late
    assert task.url == reverse("agenda:reviews", args=(wijk.municipality.slug, wijk.slug))
    assert task.when.endswith("dagen te laat")
    review(wijk, today, "Nu")
    assert tasks_of(wethouder, wijk.municipality) == []
    assert_links_open(client, wethouder, [task])


@pytest.fixture
def regiegroep_rules(municipality, treasurer):
    return ruleset_for(municipality, treasurer)


def test_the_regiegroep_decides_and_the_handler_sees_the_escalation(
    client, wijk, wijk2, regiegroep_rules, regiegroep_member, wijkmanager, resident
):
    mine = submitted(wijk, resident, title="Buurtfeest")
    submitted(wijk2, resident, title="Feest in een andere wijk")
    (task,) = tasks_of(regiegroep_member, wijk.municipality)
    assert task.subject == "Buurtfeest" and not task.escalated
    assert task.label == "Besluit over het initiatief"
    # A small request: three working days, so never "0 dagen".
    assert "werkdag" in task.when or task.when == "termijn verloopt morgen"

    Initiative.objects.filter(pk=mine.pk).update(
        decision_due=timezone.localdate() - 7 * DAY, escalated_at=timezone.now()
    )
    (handled,) = tasks_of(wijkmanager, wijk.municipality)
    assert handled.escalated and handled.late
    assert "werkdag" in handled.when and "te laat" in handled.when
    # The escalation went to the wijk's handlers, not to the regiegroep.
    assert not tasks_of(regiegroep_member, wijk.municipality)[0].escalated
    html = page_of(client, wijkmanager, wijk.municipality).content.decode()
    assert "naar jou geëscaleerd" in html
    assert_links_open(client, wijkmanager, [handled])
    assert_links_open(client, regiegroep_member, [task])


@pytest.fixture
def boss(municipality, wijk2, gemeente_org):
    """The manager of the wijkmanagers, whom late decisions and answers go to (and who
    is the gebiedsregisseur of another wijk)."""
    user = RoleAssignmentFactory(
        area=wijk2,
        role=Role.GEBIEDSREGISSEUR,
        organisation=gemeente_org,
        user__full_name="Marieke de Vries",
    ).user
    AgendaSettings.objects.create(municipality=municipality, escalate_to=user)
    return user


def test_a_late_decision_goes_to_the_werkplek_of_the_manager_with_whose_term_it_was(
    client, wijk, regiegroep_rules, regiegroep_member, wijkmanager, resident, boss
):
    late = submitted(wijk, resident, title="Buurtfeest")
    Initiative.objects.filter(pk=late.pk).update(decision_due=timezone.localdate() - 7 * DAY)
    assert initiative_escalate(initiative_id=late.pk)

    (task,) = [t for t in tasks_of(boss, wijk.municipality) if t.subject == "Buurtfeest"]
    assert task.escalated and task.late
    assert task.label == "Zorg dat er over het initiatief besloten wordt"
    assert "regiegroep" in task.escalated_from
    assert wijkmanager.full_name in task.escalated_from
    html = page_of(client, boss, wijk.municipality).content.decode()
    assert "naar jou geëscaleerd" in html
    assert f"van {task.escalated_from}" in html
    # The wijkmanager still has the task, late, but it was not escalated to them.
    (own,) = tasks_of(wijkmanager, wijk.municipality)
    assert own.late and not own.escalated
    assert_links_open(client, boss, [task])

    services.initiative_reject(initiative=late, actor=regiegroep_member, reason="Past niet")
    assert "Buurtfeest" not in [t.subject for t in tasks_of(boss, wijk.municipality)]


def test_an_unanswered_idea_goes_to_the_werkplek_of_the_manager_after_the_daily_run(
    client, wijk, wijkmanager, boss
):
    item = idea(wijk, "Bankje bij de vijver", days_ago=40)
    AgendaItem.objects.filter(pk=item.pk).update(answer_due=timezone.localdate() - 10 * DAY)
    assert tasks_of(boss, wijk.municipality) == []  # late, but not escalated yet
    call_command("agenda_daily", stdout=StringIO())

    (task,) = tasks_of(boss, wijk.municipality)
    assert task.escalated and task.late
    assert task.label == "Zorg dat het idee beantwoord wordt"
    assert task.escalated_from == wijkmanager.full_name
    html = page_of(client, boss, wijk.municipality).content.decode()
    assert "naar jou geëscaleerd" in html and "Bankje bij de vijver" in html
    (own,) = tasks_of(wijkmanager, wijk.municipality)
    assert own.label == "Beantwoord het idee" and not own.escalated
    assert_links_open(client, boss, [task])


def test_a_manager_who_answers_there_too_finds_the_idea_itself_marked_escalated(
    wijk, wijkmanager, municipality, gemeente_org
):
    city = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKMANAGER, organisation=gemeente_org
    ).user
    item = idea(wijk, "Bankje bij de vijver", days_ago=40)
    AgendaItem.objects.filter(pk=item.pk).update(answer_due=timezone.localdate() - 10 * DAY)
    call_command("agenda_daily", stdout=StringIO())
    (task,) = tasks_of(city, municipality)
    assert task.label == "Beantwoord het idee" and task.escalated and task.late
    assert task.escalated_from == wijkmanager.full_name
    assert not tasks_of(wijkmanager, municipality)[0].escalated


def test_handlers_see_their_own_meldingen_near_the_deadline_and_supervisors_the_escalated(
    client, municipality, wijk, wijk2, wijkmanager
):
    sb = OrganisationFactory(municipality=municipality, name="Stadsbeheer")
    other = OrganisationFactory(municipality=municipality, name="Groenbedrijf")
    concierge = RoleAssignmentFactory(area=wijk, role=Role.WIJKCONCIERGE, organisation=sb).user
    ours = CategoryFactory(municipality=municipality, name="Afval", organisation=sb)
    theirs = CategoryFactory(municipality=municipality, name="Groen", organisation=other)

    municipality.geometry = square(4.70, 52.90, 0.10)
    municipality.save()
    corners = {wijk: (4.75, 52.95), wijk2: (4.72, 52.92)}
    for area, (lon, lat) in corners.items():
        area.geometry = square(lon, lat, 0.02)
        area.save()

    def melding(category, area, deadline):
        lon, lat = corners[area]
        made = reports.report_create(
            municipality=municipality,
            category=category,
            description="Vuilniszakken naast de container",
            lat=lat + 0.01,
            lon=lon + 0.01,
            channel=Channel.WEB,
        )
        Report.objects.filter(pk=made.pk).update(deadline=deadline)
        return made

    now = timezone.now()
    near = melding(ours, wijk, now + datetime.timedelta(hours=30))
    late = melding(ours, wijk, now - 3 * DAY)
    melding(ours, wijk, now + 10 * DAY)  # not near yet
    melding(theirs, wijk, now - DAY)  # another organisation's
    melding(ours, wijk2, now - DAY)  # another wijk
    Report.objects.filter(pk=late.pk).update(escalated_at=now)

    tasks = tasks_of(concierge, municipality)
    assert [t.url for t in tasks] == [
        reverse("reports:detail", args=(municipality.slug, late.pk)),
        reverse("reports:detail", args=(municipality.slug, near.pk)),
    ]
    assert tasks[0].when == "3 dagen te laat" and not tasks[0].escalated
    assert tasks[1].when in ("termijn verloopt morgen", "termijn verloopt over 2 dagen")
    # The wijkmanager supervises: past-deadline meldingen of the wijk, the escalated marked.
    supervised = tasks_of(wijkmanager, municipality)
    assert [t.escalated for t in supervised] == [True, False]
    assert_links_open(client, concierge, tasks)


def test_the_wijkconcierge_walks_the_schouw_of_this_week(client, wijk, wijk2, wijkmanager):
    concierge = RoleAssignmentFactory(area=wijk, role=Role.WIJKCONCIERGE).user
    planned(area=wijk, actor=wijkmanager, title="Schouw Linie", days=2)
    planned(area=wijk, actor=wijkmanager, title="Schouw volgende maand", days=30)
    planned(area=wijk2, actor=RoleAssignmentFactory(area=wijk2).user, title="Andere wijk")
    (task,) = tasks_of(concierge, wijk.municipality)
    assert task.subject == "Schouw Linie" and task.when == "over 2 dagen"
    assert_links_open(client, concierge, [task])


def test_a_partner_reports_progress_on_what_its_organisation_owns(client, wijk, wijkmanager):
    corporatie = OrganisationFactory(municipality=wijk.municipality, name="Woningstichting")
    partner = RoleAssignmentFactory(area=wijk, role=Role.PARTNER, organisation=corporatie).user
    today = timezone.localdate()
    AgendaItemFactory(
        area=wijk,
        title="Portiekflats schilderen",
        status=AgendaStatus.PLANNED,
        verdict="nu",
        owner_organisation=corporatie,
        due_date=today + DAY,
    )
    AgendaItemFactory(
        area=wijk,
        title="Iets van de gemeente",
        status=AgendaStatus.PLANNED,
        verdict="nu",
        owner_organisation=OrganisationFactory(municipality=wijk.municipality),
        due_date=today,
    )
    (task,) = tasks_of(partner, wijk.municipality)
    assert task.subject == "Portiekflats schilderen" and task.when == "termijn verloopt morgen"
    assert_links_open(client, partner, [task])


def test_the_functioneel_beheerder_sees_every_wijk_of_the_municipality_only(
    client, wijk, wijk2, elsewhere, treasurer
):
    idea(wijk, "Eerste", days_ago=2)
    idea(wijk2, "Tweede", days_ago=1)
    idea(elsewhere, "Van elders", days_ago=5)
    tasks = tasks_of(treasurer, wijk.municipality)
    assert [(t.subject, t.where) for t in tasks] == [("Eerste", wijk.name), ("Tweede", wijk2.name)]
    # The set-up section lists the pages of a municipality-wide role.
    html = page_of(client, treasurer, wijk.municipality).content.decode()
    assert reverse("initiatives_municipality:rules", args=(wijk.municipality.slug,)) in html
    assert "Inrichten" in html


def test_an_empty_werkplek_says_so_kindly(client, wijk, wijkmanager):
    html = page_of(client, wijkmanager, wijk.municipality).content.decode()
    assert "Er wacht nu niets op je." in html


def test_a_resident_or_a_stranger_has_no_werkplek(client, wijk, resident, elsewhere, wijkmanager):
    client.force_login(resident)
    url = reverse("werkplek:werkplek", args=(wijk.municipality.slug,))
    assert client.get(url).status_code == 404
    client.force_login(wijkmanager)
    other = reverse("werkplek:werkplek", args=(elsewhere.municipality.slug,))
    assert client.get(other).status_code == 404


def test_the_header_links_staff_to_their_werkplek_and_a_chooser_for_several(
    client, wijk, elsewhere, wijkmanager, resident
):
    client.force_login(wijkmanager)
    home = client.get("/").content.decode()
    own = reverse("werkplek:werkplek", args=(wijk.municipality.slug,))
    assert f'href="{own}"' in home
    assert client.get("/werkplek/").url == own

    RoleAssignmentFactory(user=wijkmanager, area=elsewhere, role=Role.ACCOUNTMANAGER)
    client.force_login(wijkmanager)
    home = client.get("/").content.decode()
    assert 'href="/werkplek/"' in home
    chooser = client.get("/werkplek/").content.decode()
    assert own in chooser
    assert reverse("werkplek:werkplek", args=(elsewhere.municipality.slug,)) in chooser

    client.force_login(resident)
    assert not re.search(r'href="[^"]*werkplek', client.get("/").content.decode())


def test_the_page_reads_with_a_bounded_number_of_queries(
    client, wijk, wijk2, wijkmanager, django_assert_max_num_queries
):
    RoleAssignmentFactory(user=wijkmanager, area=wijk2, role=Role.WIJKMANAGER)
    for n in range(3):
        idea(wijk, f"Idee {n}", days_ago=n)
    client.force_login(wijkmanager)
    url = reverse("werkplek:werkplek", args=(wijk.municipality.slug,))
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
    for n in range(30):
        idea(wijk2 if n % 2 else wijk, f"Nog een idee {n}", days_ago=n)
    UserFactory()
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.content.decode().count('class="werkplek-task') >= 33
