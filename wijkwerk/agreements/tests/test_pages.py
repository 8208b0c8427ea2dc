"""The agreement pages: who sees what, drafting through the form, the accountability report
(figures computed by hand here) as page and PDF, and the investments overview as CSV."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wijkwerk.agreements import selectors, services
from wijkwerk.agreements.models import Agreement, AgreementStatus, Signature, Unit
from wijkwerk.agreements.services import PartyInput
from wijkwerk.areas.tests.factories import WijkFactory

from .factories import draft, in_force

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _nl(msgid: str) -> str:
    with translation.override("nl"):
        return gettext(msgid)


@pytest.fixture
def two_agreements(
    wijk, wijkmanager, gemeente_org, corporatie, welzijn, corporatie_staff, welzijn_staff
):
    """A running leefbaarheid agreement with two quarterly reports (Q2 disputed), and a
    yes/no agreement of the corporatie that reached its target."""
    leefbaar = in_force(
        draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie, welzijn]),
        manager=wijkmanager,
        signers=[wijkmanager, corporatie_staff, welzijn_staff],
    )
    q1, q2 = leefbaar.periods.all()[:2]
    services.report_submit(
        agreement=leefbaar, period=q1, actor=wijkmanager, value=25, narrative="Q1",
        money_spent_cents=120_000, hours_spent=40,
    )  # fmt: skip
    second = services.report_submit(
        agreement=leefbaar, period=q2, actor=wijkmanager, value=31, narrative="Q2",
        money_spent_cents=80_000, hours_spent=30,
    )  # fmt: skip
    services.dispute_raise(
        report=second, actor=corporatie_staff, organisation=corporatie, reason="Wij telden 20."
    )
    speeltuin = in_force(
        draft(
            area=wijk,
            actor=wijkmanager,
            owner=corporatie,
            partners=[gemeente_org],
            title="Speeltuin veilig",
            indicator="Speeltuin gekeurd",
            unit=Unit.YES_NO,
            baseline="nee",
            target="ja",
            report_every=12,
            parties=[
                PartyInput(organisation=corporatie, money_cents=300_000, hours=10),
                PartyInput(organisation=gemeente_org, money_cents=50_000),
            ],
        ),
        manager=wijkmanager,
        signers=[corporatie_staff, wijkmanager],
    )
    services.report_submit(
        agreement=speeltuin,
        period=speeltuin.periods.get(),
        actor=corporatie_staff,
        value="ja",
        narrative="Keuring gehaald.",
        money_spent_cents=290_000,
    )
    return leefbaar, speeltuin


def test_the_accountability_figures_are_promised_against_delivered(
    two_agreements, municipality, corporatie
):
    leefbaar, speeltuin = two_agreements
    report = selectors.accountability(municipality=municipality, year=2026)
    lines = {line.agreement.pk: line for line in report.lines}
    first, second = lines[leefbaar.pk], lines[speeltuin.pk]
    # by hand: gemeente 10.000 + corporatie 5.000 + welzijn 5.000; 200 + 100 + 100 hours
    assert (first.committed_cents, first.committed_hours) == (2_000_000, 400)
    # spent: 1.200 + 800 euros, 40 + 30 hours, reported by the owner
    assert (first.spent_cents, first.spent_hours) == (200_000, 70)
    assert (first.last_value, first.met, first.disputed) == (Decimal(31), False, True)
    assert (second.committed_cents, second.spent_cents, second.spent_hours) == (
        350_000,
        290_000,
        None,
    )
    assert (second.last_value, second.met, second.disputed) == (Decimal(1), True, False)
    assert (report.committed_cents, report.spent_cents, report.met_count) == (
        2_350_000,
        490_000,
        1,
    )
    # the corporatie's own account: its own commitments; spending known where it is owner
    own = selectors.accountability(municipality=municipality, year=2026, organisation=corporatie)
    lines = {line.agreement.pk: line for line in own.lines}
    assert (lines[leefbaar.pk].committed_cents, lines[leefbaar.pk].spent_cents) == (500_000, None)
    assert (lines[speeltuin.pk].committed_cents, lines[speeltuin.pk].spent_cents) == (
        300_000,
        290_000,
    )
    assert selectors.accountability(municipality=municipality, year=2025).lines == []


def test_the_accountability_pdf_says_what_was_promised_and_delivered(
    two_agreements, municipality, corporatie
):
    pypdf = pytest.importorskip("pypdf")
    url = reverse("agreements:accountability_pdf", args=[municipality.slug, 2026])
    response = _client().get(url, {"partner": corporatie.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    text = " ".join(text.split())
    assert "Meer bewoners actief in de wijk" in text
    assert "Speeltuin veilig" in text
    assert _nl("Disputed by a partner") in text
    assert "Woningstichting" in text
    assert "5.000,00" in text and "3.000,00" in text and "2.900,00" in text


def test_the_accountability_page_is_public(two_agreements, municipality):
    response = _client().get(reverse("agreements:accountability", args=[municipality.slug, 2026]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Meer bewoners actief in de wijk" in body
    assert "20.000,00" in body  # all partners' money committed to the first agreement


def test_drafts_are_hidden_from_the_public_but_not_from_parties(
    wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff, outsider, municipality
):
    agreement = draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie])
    url = reverse("agreements:detail", args=[municipality.slug, agreement.pk])
    assert _client().get(url).status_code == 404
    assert _client(outsider).get(url).status_code == 404
    assert _client(corporatie_staff).get(url).status_code == 200
    assert _client(wijkmanager).get(url).status_code == 200
    listing = _client().get(reverse("agreements:list", args=[municipality.slug]))
    assert agreement.title not in listing.content.decode()


def test_the_public_page_shows_organisations_not_people(
    two_agreements, municipality, corporatie_staff
):
    leefbaar, _speeltuin = two_agreements
    url = reverse("agreements:detail", args=[municipality.slug, leefbaar.pk])
    public = _client().get(url).content.decode()
    assert "Woningstichting" in public and "Wij telden 20." in public
    assert corporatie_staff.full_name not in public
    assert corporatie_staff.full_name in _client(corporatie_staff).get(url).content.decode()


def test_drafting_through_the_form_refuses_a_missing_owner(
    wijk, wijkmanager, gemeente_org, corporatie, municipality
):
    url = reverse("agreements:new", args=[municipality.slug])
    form = {
        "kind": "prestatieafspraak",
        "title": "Schoon en heel",
        "reason": "Zwerfafval",
        "area": wijk.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "indicator": "Aantal meldingen zwerfafval",
        "unit": "number",
        "target": "40",
        "report_every": "3",
        f"party_{gemeente_org.pk}": "on",
        f"party_{corporatie.pk}": "on",
        f"money_{corporatie.pk}": "2500",
    }
    response = _client(wijkmanager).post(url, form)
    assert response.status_code == 400
    assert not Agreement.objects.exists()
    response = _client(wijkmanager).post(url, {**form, "owner_organisation": gemeente_org.pk})
    assert response.status_code == 302
    made = Agreement.objects.get()
    assert made.parties.get(organisation=corporatie).money_cents == 250_000
    assert _client().get(url).status_code == 302  # anonymous: to the log-in page


def test_signing_and_reporting_through_the_pages(
    wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff, municipality
):
    agreement = draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie])
    action = lambda name: reverse(  # noqa: E731
        "agreements:action", args=[municipality.slug, agreement.pk, name]
    )
    assert _client(corporatie_staff).post(action("indienen")).status_code == 404
    assert _client(wijkmanager).post(action("indienen")).status_code == 302
    gemeente_party, corporatie_party = agreement.parties.order_by("id")
    # the corporatie cannot sign for the gemeente
    response = _client(corporatie_staff).post(action("ondertekenen"), {"party": gemeente_party.pk})
    assert response.status_code == 403
    for person, party in ((corporatie_staff, corporatie_party), (wijkmanager, gemeente_party)):
        assert _client(person).post(action("ondertekenen"), {"party": party.pk}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_FORCE
    period = agreement.periods.first()
    response = _client(wijkmanager).post(
        action("rapporteren"), {"period": period.pk, "value": "veel", "narrative": "x"}
    )
    assert response.status_code == 400
    response = _client(wijkmanager).post(
        action("rapporteren"), {"period": period.pk, "value": "12", "narrative": "Gedaan"}
    )
    assert response.status_code == 302
    assert period.__class__.objects.get(pk=period.pk).report.value == Decimal(12)


def test_the_investment_overview_adds_agreements_and_fund_money(
    two_agreements, municipality, wijk, wijkbudget
):
    url = reverse("agreements:investments_csv", args=[municipality.slug, 2026])
    response = _client().get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
    by_partner = {(r[2], r[3]): r for r in rows}
    with translation.override("nl"):
        committed = str(selectors.SOURCE_LABELS["agreement"])
        allocated = str(selectors.SOURCE_LABELS["allocation"])
    # gemeente: 10.000 (leefbaarheid) + 500 (speeltuin); corporatie: 5.000 + 3.000
    assert by_partner[("Gemeente Den Helder", committed)][4] == "10500.00"
    assert by_partner[("Woningstichting", committed)][4] == "8000.00"
    assert by_partner[("Woningstichting", committed)][5] == "110"
    assert by_partner[("Beheergelden", allocated)][0] == wijk.name
    assert by_partner[("Beheergelden", allocated)][4] == "5000.00"
    assert selectors.investment_overview(municipality=municipality, year=2030) == []


def test_period_bounds_follow_the_calendar():
    bounds = services.period_bounds(datetime.date(2026, 2, 15), datetime.date(2026, 8, 10), 3)
    assert [(str(a), str(b)) for a, b in bounds] == [
        ("2026-02-15", "2026-03-31"),
        ("2026-04-01", "2026-06-30"),
        ("2026-07-01", "2026-08-10"),
    ]


def test_changing_a_proposal_through_the_page_voids_its_signatures(
    wijk, wijkmanager, gemeente_org, corporatie, corporatie_staff, municipality
):
    agreement = draft(area=wijk, actor=wijkmanager, owner=gemeente_org, partners=[corporatie])
    services.agreement_submit(agreement=agreement, actor=wijkmanager)
    services.agreement_sign(
        agreement=agreement,
        party=agreement.parties.get(organisation=corporatie),
        actor=corporatie_staff,
    )
    url = reverse("agreements:edit", args=[municipality.slug, agreement.pk])
    assert _client(corporatie_staff).get(url).status_code == 404
    page = _client(wijkmanager).get(url)
    assert page.status_code == 200
    form = {
        key: value
        for key, value in page.context["form"].initial.items()
        if key not in ("agenda_items", "goals")
    }
    form = {k: (v.pk if hasattr(v, "pk") else v) for k, v in form.items() if v not in (None, False)}
    form.update({"target": "75", "reason_for_change": "Hoger doel"})
    response = _client(wijkmanager).post(
        url, {k: "on" if v is True else v for k, v in form.items()}
    )
    assert response.status_code == 302, response.context["form"].errors
    agreement.refresh_from_db()
    assert (agreement.target, agreement.version) == (Decimal(75), 2)
    assert not Signature.objects.filter(party__agreement=agreement, voided_at__isnull=True).exists()
    assert agreement.parties.get(organisation=corporatie).money_cents == 500_000


def test_closing_through_the_page_needs_an_evaluation(two_agreements, wijkmanager, municipality):
    leefbaar, _speeltuin = two_agreements
    url = reverse("agreements:action", args=[municipality.slug, leefbaar.pk, "sluiten"])
    assert _client(wijkmanager).post(url, {"evaluation": " "}).status_code == 400
    leefbaar.refresh_from_db()
    assert leefbaar.status == AgreementStatus.IN_FORCE
    assert _client(wijkmanager).post(url, {"evaluation": "Deels gehaald."}).status_code == 302
    leefbaar.refresh_from_db()
    assert leefbaar.status == AgreementStatus.CLOSED
    assert not leefbaar.periods.filter(closed_at__isnull=True).exists()


def test_a_wijk_lists_its_own_agreements_and_its_page_links_there(
    two_agreements, municipality, wijk
):
    other = WijkFactory(municipality=municipality, code="WK040099", name="Elders", slug="elders")
    url = reverse("agreements:list", args=[municipality.slug])
    own = _client().get(url, {"wijk": wijk.slug}).content.decode()
    assert "Meer bewoners actief in de wijk" in own and "Speeltuin veilig" in own
    elsewhere = _client().get(url, {"wijk": other.slug}).content.decode()
    assert "Meer bewoners actief in de wijk" not in elsewhere
    assert _client().get(url, {"wijk": "bestaat-niet"}).status_code == 404
    wijk_page = _client().get(reverse("wijk", args=[municipality.slug, wijk.slug]))
    assert f'href="{url}?wijk={wijk.slug}"' in wijk_page.content.decode()
