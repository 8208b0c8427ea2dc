"""The handlers' work list shows every melding they handle, also one that has no wijk."""

from django.urls import reverse

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.reports.models import Report

from .factories import CategoryFactory


def test_the_worklist_shows_meldingen_with_and_without_a_wijk(
    client, municipality, wijk, gemeente_org
):
    parent = CategoryFactory(municipality=municipality, code="afval", name="Afval")
    category = CategoryFactory(
        municipality=municipality, parent=parent, code="bijplaatsing", organisation=gemeente_org
    )
    handler = RoleAssignmentFactory(
        area=None, municipality=municipality, role=Role.WIJKCONCIERGE, organisation=gemeente_org
    ).user
    url = reverse("reports:new", args=[municipality.slug])
    base = {"category": category.pk, "description": "Zakken naast de container", "email": ""}
    client.post(url, {**base, "area": wijk.pk, "lat": "52.95", "lon": "4.76"})
    # No boundaries are on file, so a point alone places the melding in no wijk.
    client.post(url, {**base, "area": "", "lat": "52.95", "lon": "4.76"})
    placed, unplaced = Report.objects.order_by("pk")
    assert placed.wijk == wijk and unplaced.wijk is None

    client.force_login(handler)
    response = client.get(reverse("reports:worklist", args=[municipality.slug]))
    assert response.status_code == 200
    rows = response.content.decode()
    assert f"#{placed.pk}" in rows and f"#{unplaced.pk}" in rows
    assert wijk.name in rows and "geen wijk bekend" in rows
