"""The printable wijkagenda and "wie doet wat": HTML with print CSS, and the same content as
an A4 PDF made by WeasyPrint, read back with `pypdf`. Without WeasyPrint the PDF answers 503
with an explanation."""

import io
import sys
from typing import Any

import pytest
from django.utils import timezone

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.tests.factories import RoleAssignmentFactory
from wijkwerk.agenda.services import agenda_item_create
from wijkwerk.meetings import services
from wijkwerk.meetings.models import BodyKind

from .factories import body, meeting

pytestmark = pytest.mark.django_db

A4 = (595, 842)  # points, rounded


@pytest.fixture
def filled(wijk, wijkmanager, gemeente_org, chair_resident, corporatie):
    platform = body(area=wijk, actor=wijkmanager)
    services.member_add(body=platform, actor=wijkmanager, user=chair_resident, is_chair=True)
    meeting(body=platform, actor=wijkmanager, days=10)
    body(area=wijk, actor=wijkmanager, name="WCT", kind=BodyKind.COORDINATION_TEAM, is_public=False)
    for title, org in (
        ("Bankjes aan de Kerkgracht", gemeente_org),
        ("Portieken schilderen", corporatie),
    ):
        agenda_item_create(area=wijk, actor=wijkmanager, title=title, year=_year(),
                           source="partner", owner_organisation=org)  # fmt: skip
    RoleAssignmentFactory(area=wijk, role=Role.WIJKAGENT, is_public_contact=True,
                          user__full_name="Agent Anouk")  # fmt: skip
    return platform


def _year():
    return timezone.localdate().year


def _pdf_text(response) -> tuple[str, Any]:
    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDF text back (a test dependency)")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), reader


def test_the_wie_doet_wat_pdf_has_contacts_bodies_owners_and_where_to_report(
    client, wijk, filled, chair_resident
):
    base = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/afdrukken/"
    response = client.get(f"{base}wie-doet-wat.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="wie-doet-wat-stad-oost.pdf"'
    text, reader = _pdf_text(response)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4
    for expected in ("Agent Anouk", "Wijkplatform", chair_resident.full_name,
                     "Gemeente Den Helder", "Woningstichting", "/meldingen/nieuw/", "1 / 1"):  # fmt: skip
        assert expected in text, expected
    assert "WCT" not in text  # a closed body is not on the public overview
    same = client.get(f"{base}wie-doet-wat/?format=pdf")
    assert same["Content-Type"] == "application/pdf"


def test_the_wijkagenda_pdf_lists_every_item_with_its_owner(client, wijk, filled):
    url = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/afdrukken/wijkagenda.pdf"
    response = client.get(url, {"jaar": _year()})
    assert f'filename="wijkagenda-stad-oost-{_year()}.pdf"' in response["Content-Disposition"]
    text, _reader = _pdf_text(response)
    assert "Bankjes aan de Kerkgracht" in text and "Portieken schilderen" in text
    assert "Woningstichting" in text and wijk.name in text


def test_the_html_versions_carry_the_content_and_link_the_pdf(client, wijk, filled):
    base = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/afdrukken/"
    page = client.get(f"{base}wie-doet-wat/")
    assert page.status_code == 200
    assert b"Agent Anouk" in page.content and b"wie-doet-wat.pdf" in page.content
    agenda = client.get(f"{base}wijkagenda/")
    assert b"Bankjes aan de Kerkgracht" in agenda.content and b"wijkagenda.pdf" in agenda.content


def test_without_weasyprint_the_pdf_answers_503_with_an_explanation(client, wijk, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # the import fails
    url = f"/gemeente/{wijk.municipality.slug}/{wijk.slug}/overleg/afdrukken/wie-doet-wat.pdf"
    response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/plain")
    assert b"format=pdf" in response.content
