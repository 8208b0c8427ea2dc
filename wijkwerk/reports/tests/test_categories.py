"""Melding categories on pages: the term is required and becomes the deadline of new
reports, the handler their organisation; refusals name the field and change nothing; only
the functioneel beheerder may (403 for others, log in first)."""

import pytest
from django.conf import settings
from django.urls import reverse

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.tests.factories import OrganisationFactory
from wijkwerk.reports import categories, services
from wijkwerk.reports.deadlines import deadline_for
from wijkwerk.reports.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in their English source text, whatever another test left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def groen(municipality, treasurer):
    return categories.category_create(
        municipality=municipality, actor=treasurer, name="Groen", handling_days=5
    )


def test_a_category_gets_its_term_and_handler_and_new_reports_use_them(
    municipality, wijk, treasurer, groen
):
    stadsbeheer = OrganisationFactory(municipality=municipality, name="Stadsbeheer")
    boom = categories.category_create(
        municipality=municipality,
        actor=treasurer,
        name="Boom",
        parent=groen,
        handling_days=2,
        organisation=stadsbeheer,
    )
    assert boom.code == "boom"
    assert AuditEvent.objects.filter(action="reports.category_create").count() == 2
    report = (
        services.report_create(
            municipality=municipality,
            category=boom,
            description="Tak op de stoep",
            lat=None,
            lon=None,
            channel="web",
            area_hint=wijk,
        )
        if wijk.geometry
        else None
    )
    if report is not None:
        assert report.organisation == stadsbeheer
        assert report.deadline == deadline_for(report.created_at, 2, "working")
    assert services.route(boom, None, None) == stadsbeheer


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"handling_days": None}, "handling_days", "Enter the handling term"),
        ({"handling_days": 0}, "handling_days", "from 1 to 365 days"),
        ({"name": " "}, "name", "Give the category a name."),
        ({"name": "groen"}, "name", "already a category"),
        ({"day_type": "moon"}, "day_type", "working days or calendar days"),
    ],
)
def test_a_category_that_does_not_fit_is_refused_and_nothing_changes(
    municipality, treasurer, groen, values, field, message
):
    before = list(Category.objects.values())
    args = {"name": "Afval", "handling_days": 3, **values}
    with pytest.raises(Exception) as excinfo:
        categories.category_create(municipality=municipality, actor=treasurer, **args)
    assert message in " ".join(excinfo.value.message_dict[field])
    if field != "name":
        with pytest.raises(Exception) as excinfo:
            categories.category_update(category=groen, actor=treasurer, **values)
        assert message in " ".join(excinfo.value.message_dict[field])
    assert list(Category.objects.values()) == before


def test_a_handler_of_another_municipality_is_refused(municipality, treasurer, groen):
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(slug="elders"))
    with pytest.raises(Exception) as excinfo:
        categories.category_update(category=groen, actor=treasurer, organisation=elsewhere)
    assert "of this municipality" in excinfo.value.message_dict["organisation"][0]
    groen.refresh_from_db()
    assert groen.organisation is None


def test_deactivating_a_main_category_takes_its_subcategories_along(
    municipality, treasurer, groen, gemeente_org
):
    boom = categories.category_create(
        municipality=municipality,
        actor=treasurer,
        name="Boom",
        parent=groen,
        handling_days=2,
        organisation=gemeente_org,
    )
    categories.category_set_active(category=groen, actor=treasurer, active=False)
    boom.refresh_from_db()
    assert not boom.is_active
    assert AuditEvent.objects.filter(action="reports.category_deactivate").exists()


def test_pages_are_for_the_functioneel_beheerder_only(
    client, municipality, treasurer, wijkmanager, resident, groen
):
    urls = [
        reverse("reports:categories", args=[municipality.slug]),
        reverse("reports:category_new", args=[municipality.slug]),
        reverse("reports:category_edit", args=[municipality.slug, groen.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    elsewhere = MunicipalityFactory(code="GM0363", slug="amsterdam")
    stranger = RoleAssignmentFactory(
        area=None,
        municipality=elsewhere,
        role=Role.BEHEERDER,
        organisation=OrganisationFactory(municipality=elsewhere),
    ).user
    for person in (resident, wijkmanager, stranger):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 403
        assert (
            client.post(
                urls[1], {"name": "x", "handling_days": "3", "day_type": "working"}
            ).status_code
            == 403
        )
    assert Category.objects.count() == 1
    client.force_login(treasurer)
    assert client.get(urls[0]).status_code == 200
    assert (
        client.get(reverse("reports:category_edit", args=[elsewhere.slug, groen.pk])).status_code
        == 403
    )


def test_a_category_is_added_and_refused_on_the_page(
    client, municipality, treasurer, groen, gemeente_org
):
    client.force_login(treasurer)
    url = reverse("reports:category_new", args=[municipality.slug])
    data = {
        "name": "Boom",
        "parent": groen.pk,
        "handling_days": "",
        "day_type": "working",
        "organisation": gemeente_org.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Enter the handling term" in " ".join(response.context["form"].errors["handling_days"])
    assert Category.objects.count() == 1
    response = client.post(url, data | {"handling_days": "4"})
    assert response.status_code == 302
    boom = Category.objects.get(name="Boom")
    assert (boom.handling_days, boom.organisation, boom.parent) == (4, gemeente_org, groen)
