"""The public wijk page: contacts, the agenda with its answers, filters, and a fixed query count."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.agenda.models import Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory, ThemeFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory


def _url(wijk):
    return reverse("wijk", args=[wijk.municipality.slug, wijk.slug])


def _fill(wijk, n):
    themes = [ThemeFactory(municipality=wijk.municipality) for _ in range(3)]
    orgs = [OrganisationFactory(municipality=wijk.municipality) for _ in range(3)]
    statuses = list(Status.values)
    for i in range(n):
        AgendaItemFactory(
            area=wijk,
            theme=themes[i % 3],
            owner_organisation=orgs[i % 3],
            status=statuses[i % len(statuses)],
            verdict={"waiting": "ooit", "rejected": "nooit"}.get(statuses[i % len(statuses)], ""),
            conditions="Wacht" if statuses[i % len(statuses)] == "waiting" else "",
            answer_by=timezone.localdate() if statuses[i % len(statuses)] == "waiting" else None,
            motivation="Nee" if statuses[i % len(statuses)] == "rejected" else "",
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_the_number_of_items(client, wijk, wijkmanager):
    RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT, is_public_contact=True)
    _fill(wijk, 3)
    few = _queries(client, _url(wijk))
    _fill(wijk, 60)
    many = _queries(client, _url(wijk))
    assert many == few


def test_filters_by_theme_and_status(client, wijk):
    groen, verkeer = (
        ThemeFactory(municipality=wijk.municipality),
        ThemeFactory(municipality=wijk.municipality),
    )
    AgendaItemFactory(area=wijk, theme=groen, title="Bomen planten")
    AgendaItemFactory(area=wijk, theme=verkeer, title="Drempels")
    AgendaItemFactory(
        area=wijk,
        theme=groen,
        title="Afgewezen groen",
        status=Status.REJECTED,
        verdict="nooit",
        motivation="Nee",
    )
    html = client.get(_url(wijk), {"theme": groen.pk, "status": "proposed"}).content.decode()
    assert "Bomen planten" in html
    assert "Drempels" not in html and "Afgewezen groen" not in html


def test_htmx_request_gets_only_the_agenda_partial(client, wijk):
    AgendaItemFactory(area=wijk, title="Bankje")
    html = client.get(_url(wijk), HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="agenda"') and "<html" not in html and "Bankje" in html


def test_page_shows_waiting_days_and_answers(client, wijk):
    waiting = AgendaItemFactory(area=wijk, title="Speeltuin")
    waiting.created_at = timezone.now() - datetime.timedelta(days=12)
    waiting.save()
    AgendaItemFactory(
        area=wijk,
        status=Status.WAITING,
        verdict="ooit",
        conditions="Na de herinrichting",
        answer_by=datetime.date(2027, 3, 1),
    )
    AgendaItemFactory(
        area=wijk, status=Status.REJECTED, verdict="nooit", motivation="Geen ruimte op het plein"
    )
    html = client.get(_url(wijk)).content.decode()
    assert "12" in html.split("Speeltuin")[1].split("</li>")[0]
    assert "Na de herinrichting" in html and "2027" in html
    assert "Geen ruimte op het plein" in html


def test_proposer_name_is_not_on_the_public_page(client, wijk, resident):
    AgendaItemFactory(area=wijk, proposed_by=resident)
    assert resident.full_name not in client.get(_url(wijk)).content.decode()


def test_contacts_are_shown(client, wijk, wijkmanager):
    html = client.get(_url(wijk)).content.decode()
    assert wijkmanager.full_name in html


def test_unknown_wijk_is_404(client, municipality):
    assert client.get(reverse("wijk", args=[municipality.slug, "bestaat-niet"])).status_code == 404


def test_a_new_answer_shows_at_once_despite_the_cache(client, wijk, wijkmanager):
    from wijkwerk.agenda import services

    item = AgendaItemFactory(area=wijk, title="Bankje")
    assert "Te duur voor dit jaar" not in client.get(_url(wijk)).content.decode()
    services.agenda_item_answer(
        item=item, actor=wijkmanager, verdict="nooit", motivation="Te duur voor dit jaar"
    )
    assert "Te duur voor dit jaar" in client.get(_url(wijk)).content.decode()


def test_logged_in_staff_never_get_the_anonymous_cached_page(client, wijk, wijkmanager):
    client.get(_url(wijk))  # fills the anonymous cache
    client.force_login(wijkmanager)
    html = client.get(_url(wijk)).content.decode()
    assert reverse("agenda:create", args=[wijk.municipality.slug, wijk.slug]) in html
    assert "X-CSRFToken" in html
