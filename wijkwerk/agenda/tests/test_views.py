"""The agenda's web forms: valid input goes through, bad input is explained and saves nothing."""

import datetime

from django.urls import reverse
from django.utils import timezone

from wijkwerk.agenda.models import AgendaItem, Status
from wijkwerk.agenda.tests.factories import AgendaItemFactory


def _url(name, wijk, *args):
    return reverse(f"agenda:{name}", args=[wijk.municipality.slug, wijk.slug, *args])


def test_anonymous_visitor_is_sent_to_login_to_propose(client, wijk):
    response = client.get(_url("propose", wijk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_resident_proposes_an_idea_from_the_form(client, wijk, resident):
    client.force_login(resident)
    response = client.post(
        _url("propose", wijk), {"title": "Meer bankjes", "reason": "Voor ouderen"}
    )
    item = AgendaItem.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("item", wijk, item.pk)
    assert (item.status, item.proposed_by) == (Status.PROPOSED, resident)


def test_empty_proposal_rerenders_with_field_error_and_saves_nothing(client, wijk, resident):
    client.force_login(resident)
    response = client.post(_url("propose", wijk), {"title": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    assert not AgendaItem.objects.exists()


def test_wijkmanager_answer_without_motivation_for_nooit_is_refused(client, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    client.force_login(wijkmanager)
    response = client.post(_url("answer", wijk, item.pk), {"verdict": "nooit", "motivation": ""})
    assert response.status_code == 400
    assert "motivation" in response.context["answer_form"].errors
    # Without JavaScript the whole page comes back, with the error at the field.
    html = response.content.decode()
    assert "<h1>" in html and item.title in html
    assert "Leg uit waarom dit niet gebeurt: bij een nee hoort een reden." in html
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def _answer_by_htmx(client, item, **data):
    return client.post(_url("answer", item.area, item.pk), data, headers={"HX-Request": "true"})


def test_refused_answer_sent_by_htmx_gets_only_the_form_back_with_the_error(
    client, wijk, wijkmanager
):
    item = AgendaItemFactory(area=wijk)
    client.force_login(wijkmanager)
    response = _answer_by_htmx(client, item, verdict="nooit", motivation="")
    assert response.status_code == 400
    html = response.content.decode()
    assert html.lstrip().startswith("<form") and html.rstrip().endswith("</form>")
    assert "Leg uit waarom dit niet gebeurt: bij een nee hoort een reden." in html
    assert "<h1>" not in html and "<html" not in html
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def test_answer_sent_by_htmx_sends_the_browser_to_the_item_page(client, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    client.force_login(wijkmanager)
    response = _answer_by_htmx(client, item, verdict="nooit", motivation="Geen ruimte")
    assert response.status_code == 200 and response["HX-Redirect"] == _url("item", wijk, item.pk)
    item.refresh_from_db()
    assert item.status == Status.REJECTED
    page = client.get(response["HX-Redirect"])
    assert [m.message for m in page.context["messages"]] == ["Het antwoord staat op de wijkpagina."]


def test_wijkmanager_answers_ooit(client, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    client.force_login(wijkmanager)
    answer_by = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        _url("answer", wijk, item.pk),
        {"verdict": "ooit", "conditions": "Na de renovatie", "answer_by": answer_by.isoformat()},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.conditions, item.answer_by) == (
        Status.WAITING,
        "Na de renovatie",
        answer_by,
    )


def test_resident_answering_gets_403_and_nothing_changes(client, wijk, resident):
    item = AgendaItemFactory(area=wijk)
    client.force_login(resident)
    response = client.post(_url("answer", wijk, item.pk), {"verdict": "nooit", "motivation": "nee"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.status == Status.PROPOSED


def test_item_of_another_wijk_is_not_found_under_this_wijk(client, wijk):
    other = AgendaItemFactory()
    assert client.get(_url("item", wijk, other.pk)).status_code == 404


def test_review_page_vaststellen_by_wijkmanager(client, wijk, wijkmanager, gemeente_org):
    AgendaItemFactory(
        area=wijk, status=Status.PLANNED, verdict="nu", owner_organisation=gemeente_org
    )
    client.force_login(wijkmanager)
    response = client.post(
        _url("reviews", wijk), {"title": "Najaar", "held_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    report = client.get(response["Location"])
    assert report.status_code == 200 and len(report.context["rows"]) == 1


def test_resident_cannot_vaststellen(client, wijk, resident):
    client.force_login(resident)
    response = client.post(_url("reviews", wijk), {"title": "X", "held_on": "2026-01-01"})
    assert response.status_code == 403


def test_wijktoets_given_with_the_answer_is_shown_on_the_item(client, wijk, wijkmanager):
    item = AgendaItemFactory(area=wijk)
    client.force_login(wijkmanager)
    answer_by = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        _url("answer", wijk, item.pk),
        {
            "verdict": "ooit",
            "conditions": "Na de renovatie",
            "answer_by": answer_by.isoformat(),
            "wijktoets": "Minder parkeerplaatsen in de Dorpsstraat",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.wijktoets == "Minder parkeerplaatsen in de Dorpsstraat"
    client.logout()
    page = client.get(_url("item", wijk, item.pk))
    assert "Minder parkeerplaatsen in de Dorpsstraat" in page.content.decode()
