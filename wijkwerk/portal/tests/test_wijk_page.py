"""The public wijk page: contacts, the agenda with its answers, filters, and a fixed query count.

Texts are matched in Dutch or English, so the tests hold whichever translation is active.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from wijkwerk.agenda.models import Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory, ThemeFactory
from wijkwerk.areas.tests.factories import BuurtFactory
from wijkwerk.organisations.tests.factories import OrganisationFactory


def _url(wijk):
    return reverse("wijk", args=[wijk.municipality.slug, wijk.slug])


def _card(html: str, title: str) -> str:
    """The agenda-list entry of the item with this title."""
    cards = [c for c in html.split('<li class="agenda-item')[1:] if f">{title}</a>" in c]
    assert len(cards) == 1, f"expected one card titled {title!r}, found {len(cards)}"
    return cards[0].split("</li>")[0]


def _fill(wijk, n):
    """n items spread over themes, every status, owner organisations (departments of a
    parent, whose name is shown too), contact persons and two years."""
    municipality = wijk.municipality
    themes = [ThemeFactory(municipality=municipality) for _ in range(3)]
    parents = [OrganisationFactory(municipality=municipality) for _ in range(2)]
    orgs = [OrganisationFactory(municipality=municipality, parent=p) for p in parents]
    orgs.append(OrganisationFactory(municipality=municipality))
    people = [UserFactory() for _ in range(2)]
    statuses = list(Status.values)
    year = timezone.localdate().year
    for i in range(n):
        status = statuses[i % len(statuses)]
        AgendaItemFactory(
            area=wijk,
            year=year if i % 5 else year - 1,
            theme=themes[i % 3] if i % 4 else None,
            owner_organisation=orgs[i % 3],
            owner_person=people[i % 2],
            proposed_by=people[(i + 1) % 2],
            status=status,
            verdict={"waiting": "ooit", "rejected": "nooit", "planned": "nu"}.get(status, ""),
            conditions="Wacht" if status == "waiting" else "",
            answer_by=timezone.localdate() if status == "waiting" else None,
            motivation="Nee" if status == "rejected" else "",
            due_date=timezone.localdate() if status == "planned" else None,
        )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "resident"])
def test_query_count_does_not_grow_with_the_number_of_items(client, wijk, wijkmanager, logged_in):
    """3 or 60 items (25 on the first page): the same number of queries, cache or not."""
    department = OrganisationFactory(
        municipality=wijk.municipality, parent=OrganisationFactory(municipality=wijk.municipality)
    )
    RoleAssignmentFactory(
        area=wijk, role=Role.WIJKAGENT, is_public_contact=True, organisation=department
    )
    RoleAssignmentFactory(
        area=None,
        municipality=wijk.municipality,
        role=Role.GEBIEDSREGISSEUR,
        is_public_contact=True,
    )
    if logged_in:
        client.force_login(UserFactory())
    _fill(wijk, 3)
    few = _queries(client, _url(wijk))
    _fill(wijk, 60)
    many = _queries(client, _url(wijk))
    assert many == few


def test_a_cached_page_costs_one_query(client, wijk, wijkmanager, django_assert_max_num_queries):
    """Anonymous visitors get the page from the cache after one query for the change stamp."""
    _fill(wijk, 30)
    first = client.get(_url(wijk)).content
    with django_assert_max_num_queries(1):
        again = client.get(_url(wijk)).content
    assert again == first


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
    by_status = client.get(_url(wijk), {"status": "rejected"}).content.decode()
    assert "Afgewezen groen" in by_status and "Bomen planten" not in by_status


def test_htmx_request_gets_only_the_agenda_partial(client, wijk):
    AgendaItemFactory(area=wijk, title="Bankje")
    AgendaItemFactory(
        area=wijk, title="Afgewezen", status=Status.REJECTED, verdict="nooit", motivation="Nee"
    )
    html = client.get(_url(wijk), {"status": "proposed"}, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="agenda"')
    assert "<html" not in html and "<form" not in html
    assert "Bankje" in html and "Afgewezen" not in html


def test_a_proposed_item_shows_how_many_days_it_has_waited(client, wijk):
    waiting = AgendaItemFactory(area=wijk, title="Speeltuin")
    waiting.created_at = timezone.now() - datetime.timedelta(days=12)
    waiting.save()
    card = _card(client.get(_url(wijk)).content.decode(), "Speeltuin")
    assert re.search(r"\b12 (dagen|days)\b", card), card


def test_an_ooit_answer_shows_its_conditions_and_date(client, wijk):
    AgendaItemFactory(
        area=wijk,
        title="Buurthuis",
        status=Status.WAITING,
        verdict="ooit",
        conditions="Na de herinrichting",
        answer_by=datetime.date(2027, 3, 1),
    )
    card = _card(client.get(_url(wijk)).content.decode(), "Buurthuis")
    assert re.search(r"\b(Ooit|Some day)\b", card)
    assert "Na de herinrichting" in card
    assert re.search(r"1 (maart|March) 2027", card), card


def test_a_nooit_answer_shows_its_motivation(client, wijk):
    AgendaItemFactory(
        area=wijk,
        title="Parkeerdek",
        status=Status.REJECTED,
        verdict="nooit",
        motivation="Geen ruimte op het plein",
    )
    card = _card(client.get(_url(wijk)).content.decode(), "Parkeerdek")
    assert re.search(r"\b(Nooit|Never)\b", card)
    assert "Geen ruimte op het plein" in card


def test_proposer_name_is_never_on_the_public_page(client, wijk, resident):
    AgendaItemFactory(area=wijk, proposed_by=resident)
    assert resident.full_name not in client.get(_url(wijk)).content.decode()
    client.force_login(UserFactory())  # another resident, logged in
    assert resident.full_name not in client.get(_url(wijk)).content.decode()


def test_contacts_are_shown(client, wijk, wijkmanager):
    html = client.get(_url(wijk)).content.decode()
    assert wijkmanager.full_name in html


def test_unknown_wijk_is_404(client, municipality):
    assert client.get(reverse("wijk", args=[municipality.slug, "bestaat-niet"])).status_code == 404


def test_a_buurt_has_no_wijk_page(client, wijk):
    buurt = BuurtFactory(parent=wijk)
    assert client.get(reverse("wijk", args=[wijk.municipality.slug, buurt.slug])).status_code == 404


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
