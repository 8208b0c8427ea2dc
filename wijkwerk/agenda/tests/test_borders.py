"""Topics across borders (Etten-Leur): an item that concerns several wijken shows on each
wijk's page, names all its areas, and counts once; its extra areas stay in one municipality."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkwerk.agenda import services
from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.agenda.selectors import agenda_item_list, wijk_agenda_stamp
from wijkwerk.areas.tests.factories import BuurtFactory, MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent


@pytest.fixture
def other_wijk(municipality):
    return WijkFactory(municipality=municipality, code="WK040002", name="Nieuw Den Helder")


@pytest.fixture
def third_wijk(municipality):
    return WijkFactory(municipality=municipality, code="WK040003", name="De Schooten")


def _cross(wijk, wijkmanager, gemeente_org, others, title="Fietsroute langs het kanaal"):
    return services.agenda_item_create(
        area=wijk,
        actor=wijkmanager,
        title=title,
        year=2026,
        source=Source.PARTNER,
        owner_organisation=gemeente_org,
        other_areas=others,
    )


def test_an_item_for_two_wijken_is_stored_and_logged(wijk, other_wijk, wijkmanager, gemeente_org):
    item = _cross(wijk, wijkmanager, gemeente_org, [other_wijk])
    assert list(item.other_areas.all()) == [other_wijk]
    event = AuditEvent.objects.for_target(item).get(action="agenda.create")
    assert event.changes["other_areas"] == [[], [other_wijk.code]]


def test_an_area_of_another_municipality_is_refused_and_nothing_is_saved(
    wijk, wijkmanager, gemeente_org
):
    elsewhere = WijkFactory(municipality=MunicipalityFactory(name="Schagen"), name="Ergens")
    with pytest.raises(ValidationError) as excinfo:
        _cross(wijk, wijkmanager, gemeente_org, [elsewhere])
    assert "other_areas" in excinfo.value.message_dict
    assert "andere gemeente" in excinfo.value.message_dict["other_areas"][0]
    assert not AgendaItem.objects.exists()


def test_the_main_wijk_itself_is_refused(wijk, wijkmanager, gemeente_org):
    with pytest.raises(ValidationError) as excinfo:
        _cross(wijk, wijkmanager, gemeente_org, [wijk])
    assert "hoofdgebied" in excinfo.value.message_dict["other_areas"][0]
    assert not AgendaItem.objects.exists()


def test_editing_the_extra_areas_is_logged_and_refused_across_municipalities(
    wijk, other_wijk, third_wijk, wijkmanager, gemeente_org
):
    item = _cross(wijk, wijkmanager, gemeente_org, [other_wijk])
    services.agenda_item_edit(item=item, actor=wijkmanager, other_areas=[third_wijk])
    assert list(item.other_areas.all()) == [third_wijk]
    event = AuditEvent.objects.for_target(item).get(action="agenda.edit")
    assert event.changes["other_areas"] == [[other_wijk.code], [third_wijk.code]]
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    with pytest.raises(ValidationError):
        services.agenda_item_edit(item=item, actor=wijkmanager, other_areas=[elsewhere])
    assert list(item.other_areas.all()) == [third_wijk]


def test_the_list_of_a_wijk_holds_each_item_once(
    wijk, other_wijk, third_wijk, wijkmanager, gemeente_org
):
    buurt = BuurtFactory(parent=other_wijk)
    item = _cross(wijk, wijkmanager, gemeente_org, [other_wijk, buurt, third_wijk])
    assert list(agenda_item_list(area=other_wijk)) == [item]
    assert agenda_item_list(area=other_wijk).count() == 1
    assert agenda_item_list(municipality=wijk.municipality).count() == 1


def test_both_wijk_pages_show_the_item_with_its_other_wijk(
    client, wijk, other_wijk, wijkmanager, gemeente_org
):
    item = _cross(wijk, wijkmanager, gemeente_org, [other_wijk])
    main = client.get(reverse("wijk", args=[wijk.municipality.slug, wijk.slug]))
    other = client.get(reverse("wijk", args=[wijk.municipality.slug, other_wijk.slug]))
    assert item.title in main.content.decode() and item.title in other.content.decode()
    assert "ook in: " in main.content.decode().lower()
    assert other_wijk.name in main.content.decode()
    detail_url = reverse("agenda:item", args=[wijk.municipality.slug, wijk.slug, item.pk])
    assert detail_url in other.content.decode()
    detail = client.get(detail_url).content.decode()
    assert wijk.name in detail and other_wijk.name in detail


def test_the_other_wijks_cached_page_changes_when_an_item_comes_across(
    wijk, other_wijk, wijkmanager, gemeente_org
):
    before = wijk_agenda_stamp(municipality_slug=wijk.municipality.slug, wijk_slug=other_wijk.slug)
    _cross(wijk, wijkmanager, gemeente_org, [other_wijk])
    after = wijk_agenda_stamp(municipality_slug=wijk.municipality.slug, wijk_slug=other_wijk.slug)
    assert before[0] == after[0] and before[1] != after[1]
    assert after[1].startswith("1-")


def test_the_staff_form_offers_the_other_wijken_and_saves_them(
    client, wijk, other_wijk, wijkmanager, gemeente_org
):
    client.force_login(wijkmanager)
    url = reverse("agenda:create", args=[wijk.municipality.slug, wijk.slug])
    page = client.get(url).content.decode()
    assert other_wijk.name in page
    assert (
        f'value="{wijk.pk}"' not in page.split('name="other_areas"', 1)[-1].split("</fieldset>")[0]
    )
    response = client.post(
        url,
        {
            "title": "Verkeersveiligheid rond de scholen",
            "owner_organisation": gemeente_org.pk,
            "source": Source.PARTNER,
            "other_areas": [other_wijk.pk],
        },
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert list(item.other_areas.all()) == [other_wijk]


def test_the_staff_form_refuses_an_area_of_another_municipality_by_name(
    client, wijk, wijkmanager, gemeente_org
):
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    client.force_login(wijkmanager)
    url = reverse("agenda:create", args=[wijk.municipality.slug, wijk.slug])
    response = client.post(
        url,
        {
            "title": "Verkeersveiligheid",
            "owner_organisation": gemeente_org.pk,
            "source": Source.PARTNER,
            "other_areas": [elsewhere.pk],
        },
    )
    assert response.status_code in (200, 400, 422)
    assert not AgendaItem.objects.exists()


def test_the_api_reads_writes_and_refuses_other_areas(
    wijk, other_wijk, wijkmanager, gemeente_org, resident
):
    from rest_framework.test import APIClient

    from wijkwerk.core.tests.openapi import assert_matches_schema

    item = _cross(wijk, wijkmanager, gemeente_org, [])
    api = APIClient()
    url = f"/api/v1/agenda-items/{item.pk}/areas/"
    api.force_authenticate(resident)
    assert api.post(url, {"other_areas": [other_wijk.code]}, format="json").status_code == 403
    api.force_authenticate(wijkmanager)
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    refused = api.post(url, {"other_areas": [elsewhere.code]}, format="json")
    assert refused.status_code == 400 and "other_areas" in refused.json()
    assert not item.other_areas.exists()
    done = api.post(url, {"other_areas": [other_wijk.code.lower()]}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["other_areas"] == [other_wijk.code]
    listed = api.get("/api/v1/agenda-items/", {"area": other_wijk.code}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [item.pk]
    assert_matches_schema(rows[0], "AgendaItem")
