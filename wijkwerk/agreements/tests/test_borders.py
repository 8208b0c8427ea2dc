"""Topics across borders: an agreement for several wijken of one municipality shows in the
list of each of them and names all its areas; areas of another municipality are refused."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from wijkwerk.agreements import services
from wijkwerk.agreements.models import Agreement
from wijkwerk.areas.tests.factories import MunicipalityFactory, WijkFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.tests.openapi import assert_matches_schema

from .factories import draft, in_force
from .test_api import _payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_wijk(municipality):
    return WijkFactory(municipality=municipality, code="WK040002", name="Nieuw Den Helder")


@pytest.fixture
def api():
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_an_agreement_for_two_wijken_is_logged(
    wijk, other_wijk, wijkmanager, gemeente_org, corporatie
):
    agreement = draft(
        area=wijk,
        actor=wijkmanager,
        owner=gemeente_org,
        partners=[corporatie],
        other_areas=[other_wijk],
    )
    assert list(agreement.other_areas.all()) == [other_wijk]
    event = AuditEvent.objects.for_target(agreement).get(action="agreements.create")
    assert event.changes["other_areas"] == [[], [other_wijk.code]]


def test_another_municipality_or_the_main_area_is_refused_and_nothing_saved(
    wijk, wijkmanager, gemeente_org, corporatie
):
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    for wrong in (elsewhere, wijk):
        with pytest.raises(ValidationError) as excinfo:
            draft(
                area=wijk,
                actor=wijkmanager,
                owner=gemeente_org,
                partners=[corporatie],
                other_areas=[wrong],
            )
        assert "other_areas" in excinfo.value.message_dict
    assert not Agreement.objects.exists()


def test_an_update_changes_the_areas_and_refuses_a_wrong_one(
    wijk, other_wijk, wijkmanager, gemeente_org, corporatie
):
    agreement = draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie])
    services.agreement_update(agreement=agreement, actor=wijkmanager, other_areas=[other_wijk])
    assert list(agreement.other_areas.all()) == [other_wijk]
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    with pytest.raises(ValidationError):
        services.agreement_update(agreement=agreement, actor=wijkmanager, other_areas=[elsewhere])
    assert list(agreement.other_areas.all()) == [other_wijk]


def test_the_list_of_each_wijk_shows_it_once_with_ook_in(
    client,
    wijk,
    other_wijk,
    wijkmanager,
    gemeente_org,
    corporatie,
    corporatie_staff,
):
    agreement = draft(
        area=wijk,
        actor=wijkmanager,
        owner=gemeente_org,
        partners=[corporatie],
        other_areas=[other_wijk],
    )
    in_force(agreement, manager=wijkmanager, signers=[wijkmanager, corporatie_staff])
    url = reverse("agreements:list", args=[wijk.municipality.slug])
    other = client.get(url, {"wijk": other_wijk.slug}).content.decode()
    assert other.count(agreement.title) == 1
    assert "ook in" in other and wijk.name in other
    whole = client.get(url).content.decode()
    assert whole.count(agreement.title) == 1
    detail = client.get(
        reverse("agreements:detail", args=[wijk.municipality.slug, agreement.pk])
    ).content.decode()
    assert wijk.name in detail and other_wijk.name in detail


def test_the_api_reads_writes_and_refuses_other_areas(
    api, municipality, wijk, other_wijk, wijkmanager, gemeente_org, corporatie
):
    api.force_authenticate(wijkmanager)
    elsewhere = WijkFactory(municipality=MunicipalityFactory(), name="Ergens")
    refused = api.post(
        "/api/v1/agreements/",
        _payload(municipality, wijk, gemeente_org, corporatie, other_areas=[elsewhere.code]),
        format="json",
    )
    assert refused.status_code == 400 and "other_areas" in refused.json()
    assert not Agreement.objects.exists()
    made = api.post(
        "/api/v1/agreements/",
        _payload(municipality, wijk, gemeente_org, corporatie, other_areas=[other_wijk.code]),
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert_matches_schema(made.json(), "Agreement")
    assert made.json()["other_areas"] == [other_wijk.code]
    pk = made.json()["id"]
    changed = api.put(
        f"/api/v1/agreements/{pk}/",
        _payload(municipality, wijk, gemeente_org, corporatie, other_areas=[]),
        format="json",
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["other_areas"] == []


def test_the_staff_form_offers_the_wijken_and_buurten(client, wijk, other_wijk, wijkmanager):
    client.force_login(wijkmanager)
    page = client.get(reverse("agreements:new", args=[wijk.municipality.slug])).content.decode()
    assert 'name="other_areas"' in page and other_wijk.name in page
