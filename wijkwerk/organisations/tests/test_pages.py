"""Organisations and departments on pages: unique names, departments of this
municipality's organisations one level deep, refusals naming the field and changing
nothing; only the functioneel beheerder may."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.areas.tests.factories import MunicipalityFactory
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations import services
from wijkwerk.organisations.models import Organisation
from wijkwerk.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _rows():
    return list(Organisation.objects.order_by("pk").values())


def test_an_organisation_and_a_department_are_added_and_logged(municipality, treasurer):
    corporatie = services.organisation_create(
        municipality=municipality, actor=treasurer, name="Woonzorg", kind="corporatie"
    )
    team = services.organisation_create(
        municipality=municipality, actor=treasurer, name="Team Noord", parent=corporatie
    )
    assert team.kind == "corporatie" and team.parent == corporatie
    assert AuditEvent.objects.filter(action="organisations.department_create").exists()


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"name": "gemeente den helder"}, "name", "already has"),
        ({"name": ""}, "name", "Give the organisation"),
        ({"kind": "club"}, "kind", "Choose what kind"),
        ({"website": "ftp://x"}, "website", "https://"),
        ({"email": "geen-adres"}, "email", "valid e-mail"),
    ],
)
def test_what_does_not_fit_is_refused_and_nothing_changes(
    municipality, treasurer, gemeente_org, values, field, message
):
    before = _rows()
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_create(
            municipality=municipality,
            actor=treasurer,
            **({"name": "Nieuw", "kind": "welzijn"} | values),
        )
    assert message in " ".join(excinfo.value.message_dict[field])
    assert _rows() == before


def test_a_department_of_another_municipality_or_of_a_department_is_refused(
    municipality, treasurer, gemeente_org
):
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(slug="elders"))
    team = services.organisation_create(
        municipality=municipality, actor=treasurer, name="Team", parent=gemeente_org
    )
    before = _rows()
    for parent, message in ((elsewhere, "same municipality"), (team, "one level deep")):
        with pytest.raises(ValidationError) as excinfo:
            services.organisation_create(
                municipality=municipality, actor=treasurer, name="Sub", parent=parent
            )
        assert message in excinfo.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.organisation_update(organisation=gemeente_org, actor=treasurer, parent=team)
    assert _rows() == before


def test_pages_are_for_the_functioneel_beheerder_only(
    client, municipality, treasurer, wijkmanager, resident, gemeente_org
):
    urls = [
        reverse("organisations:list", args=[municipality.slug]),
        reverse("organisations:new", args=[municipality.slug]),
        reverse("organisations:edit", args=[municipality.slug, gemeente_org.pk]),
    ]
    for url in urls:
        assert reverse("account_login") in client.get(url)["Location"]
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
        assert client.post(urls[1], {"name": "x", "kind": "overig"}).status_code == 403
    client.force_login(treasurer)
    assert client.get(urls[0]).status_code == 200
    response = client.post(urls[1], {"name": "Gemeente Den Helder", "kind": "gemeente"})
    assert response.status_code == 400
    assert "already has" in " ".join(response.context["form"].errors["name"])
    response = client.post(urls[1], {"name": "Stadsbeheer", "parent": gemeente_org.pk, "kind": ""})
    assert response.status_code == 302
    assert Organisation.objects.get(name="Stadsbeheer").parent == gemeente_org
