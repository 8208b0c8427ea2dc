"""The demo's agreements, played through the agreements services (Den Helder, De Schooten).

- A prestatieafspraak on leefbaarheid between the gemeente, Woningstichting Den Helder and
  Welzijn Den Helder for last year and this year, after the Etten-Leur note (seed 004:
  "wat, waarom, wanneer, hoe en door wie"). Last year's four quarters are reported; the
  corporatie disputes one report and the gemeente responds; later quarters may be overdue.
- A beheerovereenkomst in which the wijkplatform's residents adopt a playground (Den Helder,
  seed 003 §3.7: residents keep a piece of public space on a small beheerovereenkomst).
- A beheerovereenkomst in which Buurtbeheerbedrijf De Schooten adopts a buurt and receives
  the management money from the convenant fund, reserved on the ledger and paid per quarter.
The names, numbers and texts are invented.
"""

import datetime
from typing import Any

from django.utils import timezone

from wijkwerk.agenda.models import AgendaItem, Goal, Theme
from wijkwerk.agreements import services
from wijkwerk.agreements.models import Agreement, AgreementKind, Unit
from wijkwerk.agreements.services import PartyInput
from wijkwerk.areas.models import Area
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Fund
from wijkwerk.core.demo import DemoContext

EURO = 100
# A playground and a buurt in De Schooten, drawn roughly (WGS84 lon, lat).
PLAYGROUND = {"type": "Point", "coordinates": [4.7712, 52.9402]}
BUURT = {
    "type": "Polygon",
    "coordinates": [
        [[4.764, 52.936], [4.778, 52.936], [4.778, 52.944], [4.764, 52.944], [4.764, 52.936]]
    ],
}


def _sign_all(agreement: Agreement, signers: dict[int, Any], admin: Any) -> None:
    services.agreement_submit(agreement=agreement, actor=admin)
    for party in agreement.parties.order_by("id"):
        services.agreement_sign(
            agreement=agreement,
            party=party,
            actor=signers.get(party.organisation_id, admin),
            remark="Akkoord namens onze organisatie.",
        )


def build_agreements(
    *, admin: Any, people: dict[str, Any], areas: dict[str, Area], orgs: dict[str, dict]
) -> None:
    wijk = areas["WK040005"]
    org = orgs[wijk.municipality.code]
    year = timezone.localdate().year
    themes = {t.name: t for t in Theme.objects.filter(municipality=wijk.municipality)}
    manager = people["accountmanager.denhelder"]  # acts for Stadsbeheer, part of the gemeente
    signers = {
        org["gemeente"].pk: manager,
        org["woningstichting"].pk: people["corporatie.denhelder"],
        org["welzijn"].pk: people["opbouwwerker.denhelder"],
        org["platform_schooten"].pk: people["voorzitter.denhelder"],
    }
    item = AgendaItem.objects.filter(area=wijk).order_by("id").first()
    goal = Goal.objects.filter(plan__area=wijk).order_by("id").first()

    leefbaar = services.agreement_create(
        municipality=wijk.municipality,
        area=wijk,
        actor=manager,
        kind=AgreementKind.PERFORMANCE,
        title="Meer bewoners actief in De Schooten",
        reason="Bewoners die elkaar kennen, letten op elkaar en op hun straat; de burgerpeiling "
        "liet zien dat weinig bewoners zich betrokken voelen.",
        approach="Welzijn organiseert elk kwartaal buurtactiviteiten met het wijkplatform; de "
        "Woningstichting stelt de ontmoetingsruimte beschikbaar; de gemeente betaalt de "
        "activiteiten en de accountmanager houdt de voortgang bij.",
        starts_on=datetime.date(year - 1, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        owner_organisation=org["welzijn"],
        theme=themes.get("Meedoen en ontmoeten"),
        indicator="Bewoners die actief meedoen aan activiteiten in de wijk",
        unit=Unit.NUMBER,
        baseline=40,
        target=120,
        report_every=3,
        parties=[
            PartyInput(org["welzijn"], 0, 800, "Opbouwwerk organiseert de activiteiten"),
            PartyInput(org["gemeente"], 25_000 * EURO, 120, "Betaalt de activiteiten"),
            PartyInput(org["woningstichting"], 10_000 * EURO, 60, "Ontmoetingsruimte"),
        ],
        agenda_items=[item] if item else [],
        goals=[goal] if goal else [],
    )
    _sign_all(leefbaar, signers, admin)
    leefbaar.refresh_from_db()
    welzijn = people["opbouwwerker.denhelder"]
    narratives = (
        (52, "Twee straatfeesten en een burendag bij de speeltuin.", 2_500, 60),
        (71, "Kookclub gestart in de ontmoetingsruimte; elke week 15 bewoners.", 3_000, 80),
        (88, "Zomeractiviteiten voor kinderen met ouders als vrijwilligers.", 4_500, 90),
        (96, "Kerstmarkt georganiseerd door bewoners zelf.", 3_500, 70),
    )
    reports = []
    for period, (value, text, euros, hours) in zip(
        leefbaar.periods.order_by("starts_on"), narratives, strict=False
    ):
        reports.append(
            services.report_submit(
                agreement=leefbaar,
                period=period,
                actor=welzijn,
                value=value,
                narrative=text,
                evidence_link="https://www.example.nl/welzijn-den-helder/verslag",
                money_spent_cents=euros * EURO,
                hours_spent=hours,
            )
        )
    dispute = services.dispute_raise(
        report=reports[2],
        actor=people["corporatie.denhelder"],
        organisation=org["woningstichting"],
        reason="Volgens onze beheerder deden er in de zomer hooguit 70 bewoners mee; de "
        "kinderen zijn als bewoners meegeteld.",
    )
    services.dispute_respond(
        dispute=dispute,
        actor=welzijn,
        response="Klopt: 18 kinderen zijn meegeteld. Vanaf het volgende kwartaal tellen we "
        "alleen volwassenen en melden we de kinderen apart.",
    )

    speeltuin = services.agreement_create(
        municipality=wijk.municipality,
        area=wijk,
        actor=manager,
        kind=AgreementKind.RESIDENT_MANAGEMENT,
        title="Bewoners adopteren de speeltuin aan de Schooten",
        reason="Bewoners houden de speeltuin zelf schoon en melden schade meteen; zo blijft "
        "hij veilig en is hij van de buurt.",
        approach="Een groep van zes bewoners veegt elke week en controleert de toestellen; "
        "Stadsbeheer doet het groot onderhoud en de jaarlijkse keuring.",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        owner_organisation=org["platform_schooten"],
        theme=themes.get("Groen en spelen"),
        indicator="Speeltuin schoon en heel bij de wijkschouw",
        unit=Unit.YES_NO,
        baseline="nee",
        target="ja",
        report_every=6,
        geometry=PLAYGROUND,
        parties=[
            PartyInput(org["platform_schooten"], 0, 150, "Wekelijks schoonmaken en controleren"),
            PartyInput(org["gemeente"], 750 * EURO, 16, "Materiaal en groot onderhoud"),
        ],
        inspections=list(wijk.inspections.all()[:1]),
    )
    _sign_all(speeltuin, signers, admin)
    speeltuin.refresh_from_db()
    first = speeltuin.periods.order_by("starts_on").first()
    if first is not None and first.starts_on <= timezone.localdate():
        services.report_submit(
            agreement=speeltuin,
            period=first,
            actor=people["voorzitter.denhelder"],
            value="ja",
            narrative="Elke zaterdag geveegd; één kapotte schommel gemeld en hersteld.",
            hours_spent=70,
        )

    convenant = Fund.objects.get(municipality=wijk.municipality, name="Convenantbudget", year=year)
    buurtbeheer = services.agreement_create(
        municipality=wijk.municipality,
        area=wijk,
        actor=manager,
        kind=AgreementKind.BUURTBEHEER,
        title="Buurtbeheerbedrijf De Schooten adopteert de buurt",
        reason="Het buurtbeheerbedrijf doet het dagelijks beheer van groen en straat met "
        "mensen uit de wijk en ontvangt daarvoor de beheergelden van de gemeente.",
        approach="Maaien, snoeien, zwerfafval opruimen en kleine reparaties; de wijkschouw "
        "controleert twee keer per jaar de beeldkwaliteit.",
        starts_on=datetime.date(year, 1, 1),
        ends_on=datetime.date(year, 12, 31),
        owner_organisation=org["buurtbeheer"],
        theme=themes.get("Schoon, heel en veilig"),
        indicator="Deel van de schouwpunten op beeldkwaliteit B of beter",
        unit=Unit.PERCENT,
        baseline=65,
        target=90,
        report_every=3,
        geometry=BUURT,
        budget=ledger.pool_account(convenant),
        management_cents=48_000 * EURO,
        parties=[
            PartyInput(org["buurtbeheer"], 0, 2_400, "Dagelijks beheer van groen en straat"),
            PartyInput(org["gemeente"], 0, 40, "Toezicht en de wijkschouw"),
        ],
        inspections=list(wijk.inspections.all()),
    )
    _sign_all(buurtbeheer, signers, admin)
    services.management_payment(
        agreement=buurtbeheer,
        actor=manager,
        amount_cents=12_000 * EURO,
        memo="Beheergelden eerste kwartaal",
    )


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    build_agreements(admin=ctx.admin, people=ctx.people, areas=ctx.areas, orgs=ctx.orgs)
