"""Each staff role in a real browser: log in, open the werkplek, and do one real task of the
role from there, on pages only (never `/beheer/` or the API), with the WCAG 2.1 AA check on
the werkplek and on the page where the task is done.

Run alone with `pytest -m browser`.
"""

import datetime
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import expect  # noqa: E402

from wijkwerk.accounts.roles import Role  # noqa: E402
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory  # noqa: E402
from wijkwerk.agenda.models import AgendaItem, AgendaItemUpdate, AgendaSettings  # noqa: E402
from wijkwerk.agenda.models import Status as AgendaStatus  # noqa: E402
from wijkwerk.agenda.reminders import agenda_daily  # noqa: E402
from wijkwerk.agenda.tests.factories import AgendaItemFactory  # noqa: E402
from wijkwerk.budgets import services as ledger  # noqa: E402
from wijkwerk.budgets.models import FundKind  # noqa: E402
from wijkwerk.core.tests.browser import assert_no_axe_violations, log_in  # noqa: E402
from wijkwerk.initiatives import services as initiatives  # noqa: E402
from wijkwerk.initiatives.models import ConvenantProject, Initiative  # noqa: E402
from wijkwerk.initiatives.models import Status as InitiativeStatus  # noqa: E402
from wijkwerk.initiatives.tests.factories import ruleset_for, submitted  # noqa: E402
from wijkwerk.meetings.models import Meeting  # noqa: E402
from wijkwerk.meetings.tests.factories import body, meeting  # noqa: E402
from wijkwerk.organisations.tests.factories import OrganisationFactory  # noqa: E402
from wijkwerk.reports import services as reports  # noqa: E402
from wijkwerk.reports.models import Channel, Report  # noqa: E402
from wijkwerk.reports.models import Status as ReportStatus  # noqa: E402
from wijkwerk.reports.tests.factories import CategoryFactory, square  # noqa: E402

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = datetime.timedelta(days=1)


@dataclass
class Story:
    """One role's task: who, which werkplek row to follow, and what to do there."""

    user: object
    row: str  # the text of the werkplek row's link (a regex)
    act: Callable  # act(page): does the task on the page the row opened
    done: Callable[[], bool]  # what the database says afterwards


def _idea(wijk, title: str, days_ago: int) -> AgendaItem:
    item = AgendaItemFactory(area=wijk, title=title)
    AgendaItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return item


def _answer_never(page) -> None:
    page.get_by_role("radio", name="Nooit", exact=True).check()
    page.get_by_label("Motivering").fill("Er staat al een bankje, tien meter verderop.")
    page.get_by_role("button", name="Antwoord publiceren").click()
    expect(page.locator(".answer-box")).to_contain_text("Nooit")


def wijkmanager_story(ctx) -> Story:
    item = _idea(ctx.wijk, "Bankje bij de vijver", days_ago=4)
    return Story(
        ctx.wijkmanager,
        "Beantwoord het idee.*Bankje bij de vijver",
        _answer_never,
        lambda: AgendaItem.objects.get(pk=item.pk).verdict == "nooit",
    )


def accountmanager_story(ctx) -> Story:
    user = RoleAssignmentFactory(
        area=ctx.wijk, role=Role.ACCOUNTMANAGER, organisation=ctx.gemeente_org
    ).user
    platform = body(area=ctx.wijk, actor=user, name="Wijkplatform Linie")
    past = meeting(body=platform, actor=user, days=-1)

    def act(page):
        folded = page.locator("details", has=page.get_by_text("Verslag schrijven"))
        if folded.get_attribute("open") is None:
            folded.locator("summary").click()
        page.get_by_role("textbox", name="Verslag").fill("Besproken: de speeltuin en de bankjes.")
        page.get_by_role("button", name="Sla het verslag op").click()
        expect(page.locator(".minutes")).to_contain_text("de speeltuin en de bankjes")

    return Story(
        user,
        "Verslag schrijven.*Wijkplatform Linie",
        act,
        lambda: "speeltuin" in Meeting.objects.get(pk=past.pk).minutes,
    )


def gebiedsregisseur_story(ctx) -> Story:
    user = RoleAssignmentFactory(
        area=ctx.wijk, role=Role.GEBIEDSREGISSEUR, organisation=ctx.gemeente_org
    ).user
    item = _idea(ctx.wijk, "Meer groen op het plein", days_ago=6)

    def act(page):
        page.get_by_role("radio", name="Ooit", exact=True).check()
        page.get_by_label("Waar het op wacht").fill("De herinrichting van het plein in 2027.")
        page.get_by_label("Definitief antwoord uiterlijk").fill(
            (timezone.localdate() + 90 * DAY).isoformat()
        )
        page.get_by_label("Motivering").fill("Het past bij de herinrichting.")
        page.get_by_role("button", name="Antwoord publiceren").click()
        expect(page.locator(".answer-box")).to_contain_text("Ooit")

    return Story(
        user,
        "Beantwoord het idee.*Meer groen op het plein",
        act,
        lambda: AgendaItem.objects.get(pk=item.pk).verdict == "ooit",
    )


def _melding(ctx, organisation) -> Report:
    municipality = ctx.wijk.municipality
    municipality.geometry = square(4.70, 52.90, 0.10)
    municipality.save()
    ctx.wijk.geometry = square(4.75, 52.95, 0.02)
    ctx.wijk.save()
    category = CategoryFactory(municipality=municipality, name="Afval", organisation=organisation)
    made = reports.report_create(
        municipality=municipality,
        category=category,
        description="Vuilniszakken naast de container",
        lat=52.96,
        lon=4.76,
        channel=Channel.WEB,
    )
    Report.objects.filter(pk=made.pk).update(deadline=timezone.now() + datetime.timedelta(hours=20))
    return made


def _handle(page) -> None:
    page.get_by_label("Nieuwe status").select_option(index=1)
    page.get_by_label("Bericht aan de melder").fill("We halen de zakken morgen op.")
    page.get_by_role("button", name="Opslaan en de melder informeren").click()
    expect(page.locator("main")).to_contain_text("We halen de zakken morgen op.")


def wijkconcierge_story(ctx) -> Story:
    stadsbeheer = OrganisationFactory(municipality=ctx.wijk.municipality, name="Stadsbeheer")
    user = RoleAssignmentFactory(
        area=ctx.wijk, role=Role.WIJKCONCIERGE, organisation=stadsbeheer
    ).user
    report = _melding(ctx, stadsbeheer)
    return Story(
        user,
        f"Handel de melding af.*#{report.pk}",
        _handle,
        lambda: Report.objects.get(pk=report.pk).status != ReportStatus.REPORTED,
    )


def partner_story(ctx) -> Story:
    corporatie = OrganisationFactory(municipality=ctx.wijk.municipality, name="Woningstichting")
    user = RoleAssignmentFactory(area=ctx.wijk, role=Role.PARTNER, organisation=corporatie).user
    item = AgendaItemFactory(
        area=ctx.wijk,
        title="Portiekflats schilderen",
        status=AgendaStatus.PLANNED,
        verdict="nu",
        owner_organisation=corporatie,
        due_date=timezone.localdate() + DAY,
    )

    def act(page):
        page.get_by_role("textbox", name="Voortgang", exact=True).fill(
            "De schilders beginnen maandag."
        )
        page.get_by_role("button", name="Voortgang opslaan").click()
        expect(page.locator("main")).to_contain_text("De schilders beginnen maandag.")

    return Story(
        user,
        "Meld de voortgang op de wijkagenda.*Portiekflats schilderen",
        act,
        lambda: AgendaItemUpdate.objects.filter(item=item).exists(),
    )


def regiegroep_story(ctx) -> Story:
    ruleset_for(ctx.wijk.municipality, ctx.treasurer)
    user = RoleAssignmentFactory(area=ctx.wijk, role=Role.REGIEGROEP_MEMBER).user
    initiative = submitted(ctx.wijk, ctx.resident, title="Buurtfeest in de Linie")

    def act(page):
        page.get_by_label("Waarom wordt het niet toegekend?").fill(
            "Een feest met alcohol past niet in de spelregels."
        )
        page.get_by_role("button", name="Afwijzen", exact=True).click()
        expect(page.locator(".answer-box")).to_contain_text("Niet toegekend")

    return Story(
        user,
        "Besluit over het initiatief.*Buurtfeest in de Linie",
        act,
        lambda: Initiative.objects.get(pk=initiative.pk).status == InitiativeStatus.REJECTED,
    )


def stuurgroep_story(ctx) -> Story:
    municipality = ctx.wijk.municipality
    corporatie = OrganisationFactory(municipality=municipality, name="Woningstichting")
    user = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.STUURGROEP_MEMBER
    ).user
    partner = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.PARTNER, organisation=corporatie
    ).user
    fund = ledger.fund_create(
        municipality=municipality,
        actor=ctx.treasurer,
        name="Convenant",
        kind=FundKind.CONVENANT,
        year=timezone.localdate().year,
    )
    ledger.fund_contributor_set(
        fund=fund, organisation=corporatie, actor=ctx.treasurer, promised_cents=150_000
    )
    ledger.contribution_record(
        fund=fund, organisation=corporatie, actor=ctx.treasurer, amount_cents=150_000
    )
    call = initiatives.project_call_create(
        fund=fund,
        actor=user,
        title="Leefbaarheid",
        closes_on=timezone.localdate() + 30 * DAY,
    )
    project = initiatives.project_submit(
        call=call,
        actor=partner,
        organisation=corporatie,
        title="Moestuin achter de flat",
        description="Een moestuin voor de bewoners.",
        resident_role="Bewoners onderhouden hem",
        requested_cents=50_000,
    )

    def act(page):
        page.get_by_label("Bewonersparticipatie (0–5)").fill("4")
        page.get_by_label("Effect (0–5)").fill("3")
        page.get_by_label("Bereik (0–5)").fill("5")
        page.get_by_role("button", name="Scores opslaan").click()
        expect(page.locator("main")).to_contain_text("Gewogen score")

    return Story(
        user,
        "Geef het convenantproject scores.*Moestuin achter de flat",
        act,
        lambda: ConvenantProject.objects.get(pk=project.pk).score_reach == 5,
    )


def wijkwethouder_story(ctx) -> Story:
    """The wethouder is the manager the municipality escalates late answers to: the late
    idea is on the werkplek, marked as escalated, and its page says since when it is late."""
    municipality = ctx.wijk.municipality
    user = RoleAssignmentFactory(
        area=None,
        municipality=municipality,
        role=Role.WIJKWETHOUDER,
        user__full_name="Anja Smit",
    ).user
    AgendaSettings.objects.create(municipality=municipality, escalate_to=user)
    item = _idea(ctx.wijk, "Oversteek bij de school", days_ago=40)
    AgendaItem.objects.filter(pk=item.pk).update(answer_due=timezone.localdate() - 10 * DAY)
    agenda_daily()

    def act(page):
        expect(page.locator(".answer-box")).to_contain_text("het antwoord is te laat")
        expect(page.locator(".answer-box")).to_contain_text("ligt het bij Anja Smit")

    return Story(
        user, "Zorg dat het idee beantwoord wordt.*Oversteek bij de school", act, lambda: True
    )


def beheerder_story(ctx) -> Story:
    municipality = ctx.wijk.municipality
    category = CategoryFactory(municipality=municipality, name="Zwerfvuil", handling_days=5)

    def act(page):
        page.get_by_role("link", name="Zwerfvuil", exact=True).click()
        page.get_by_label("Afhandeltermijn (dagen)").fill("3")
        page.get_by_role("button", name="Categorie opslaan").click()
        expect(page.locator("main")).to_contain_text("Zwerfvuil")

    return Story(
        ctx.treasurer,
        "^Categorieën van meldingen$",
        act,
        lambda: type(category).objects.get(pk=category.pk).handling_days == 3,
    )


STORIES = {
    Role.WIJKMANAGER: wijkmanager_story,
    Role.ACCOUNTMANAGER: accountmanager_story,
    Role.GEBIEDSREGISSEUR: gebiedsregisseur_story,
    Role.WIJKCONCIERGE: wijkconcierge_story,
    Role.PARTNER: partner_story,
    Role.REGIEGROEP_MEMBER: regiegroep_story,
    Role.STUURGROEP_MEMBER: stuurgroep_story,
    Role.WIJKWETHOUDER: wijkwethouder_story,
    Role.BEHEERDER: beheerder_story,
}


@dataclass
class Context:
    wijk: object
    wijkmanager: object
    treasurer: object
    resident: object
    gemeente_org: object


@pytest.mark.parametrize("role", list(STORIES))
def test_each_staff_role_does_a_task_of_its_own_from_the_werkplek(
    live_server, page, role, wijk, wijkmanager, treasurer, resident, gemeente_org
):
    story = STORIES[role](Context(wijk, wijkmanager, treasurer, resident, gemeente_org))
    log_in(page, live_server, story.user)
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Werkplek").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Werkplek")
    assert_no_axe_violations(page)

    page.locator("main").get_by_role("link", name=re.compile(story.row)).first.click()
    assert not urlsplit(page.url).path.startswith("/beheer/")
    assert_no_axe_violations(page)
    story.act(page)
    assert story.done()
    assert page.console_errors == []
