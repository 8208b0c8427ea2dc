"""The demo's money and initiatives, played through the budgets and initiatives services.

Den Helder: the convenant budget of the source documents (€ 555.000 a year, half from the
corporatie) and a fund of wijkbudgets; spelregels under which the regiegroep of De Schooten
decides; initiatives in every stage (closed with unspent money returned, being carried out,
awaiting a decision — one of them overdue — rejected, and a draft); a registered provider;
convenant projects ranked by the stuurgroep. Hoogeveen: village budgets pooled by the
gemeente and three corporaties, decided by the wijkplatform (dorpsbelangen). Every
initiative, person and amount other than the convenant total is invented.
"""

import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets import services as budgets
from wijkwerk.budgets.models import Account, FundKind
from wijkwerk.core.demo import DemoContext
from wijkwerk.initiatives import services as initiatives
from wijkwerk.initiatives.deadlines import initiative_escalate
from wijkwerk.initiatives.models import (
    DecidingBody,
    Initiative,
    LadderStep,
    PledgeKind,
    Provider,
    Vote,
)
from wijkwerk.organisations.models import Organisation

EURO = 100


def _receipt(name: str) -> SimpleUploadedFile:
    """A small generated image standing in for a photographed receipt."""
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), "white").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@dataclass
class DemoMoney:
    admin: Any
    people: dict[str, Any]
    areas: dict[str, Area]
    orgs: dict[str, dict[str, Organisation]]

    def build(self) -> None:
        self.year = timezone.localdate().year
        self._den_helder()
        self._hoogeveen()

    # --- Den Helder ---------------------------------------------------------------------------

    def _den_helder(self) -> None:
        orgs = self.orgs["GM0400"]
        municipality = Municipality.objects.get(code="GM0400")
        initiatives.ruleset_publish(
            municipality=municipality,
            actor=self.admin,
            max_amount_cents=2_500 * EURO,
            max_per_year_cents=5_000 * EURO,
            min_initiators=2,
            quick_max_cents=500 * EURO,
            quick_working_days=3,
            decision_working_days=30,
            deciding_body=DecidingBody.REGIEGROEP,
            excluded="Commerciële activiteiten\nAlcohol\nWerk dat een partner al moet doen",
            checklist=(
                "Goed voor de wijk en open voor alle buren\n"
                "De bewoners voeren het zelf uit\n"
                "Veilig, met de nodige vergunningen"
            ),
            note="Eerste spelregels van het vouchersysteem",
        )
        convenant = budgets.fund_create(
            municipality=municipality,
            actor=self.admin,
            name="Convenantbudget",
            kind=FundKind.CONVENANT,
            year=self.year,
            description="Gemeente en Woningstichting Den Helder brengen ieder de helft in.",
        )
        for key in ("gemeente", "woningstichting"):
            budgets.fund_contributor_set(
                fund=convenant,
                organisation=orgs[key],
                actor=self.admin,
                promised_cents=277_500 * EURO,
            )
            budgets.contribution_record(
                fund=convenant,
                organisation=orgs[key],
                actor=self.admin,
                amount_cents=277_500 * EURO,
                memo="Bijdrage convenant",
            )
        wijkfonds = budgets.fund_create(
            municipality=municipality,
            actor=self.admin,
            name="Wijkbudgetten",
            kind=FundKind.WIJKBUDGET,
            year=self.year,
            description="Budgetten waarover bewoners van de wijk zelf beslissen.",
        )
        for key, cents in (("gemeente", 30_000 * EURO), ("woningstichting", 10_000 * EURO)):
            budgets.fund_contributor_set(
                fund=wijkfonds, organisation=orgs[key], actor=self.admin, promised_cents=cents
            )
            budgets.contribution_record(
                fund=wijkfonds, organisation=orgs[key], actor=self.admin, amount_cents=cents
            )
        for code in ("WK040001", "WK040003", "WK040005", "WK040007"):
            budgets.allocation_record(
                fund=wijkfonds,
                area=self.areas[code],
                actor=self.admin,
                amount_cents=10_000 * EURO,
            )
        shop = orgs["bouwmarkt"]
        provider = Provider.objects.create(municipality=municipality, organisation=shop)
        self._schooten(budgets.wijkbudget_account(wijkfonds, self.areas["WK040005"]), provider)
        self._convenant_projects(convenant, orgs)

    def _initiative(self, by: str, wijk: str, co: tuple[str, str, str], **values) -> Initiative:
        resident = self.people[by]
        initiative = initiatives.initiative_create(
            area=self.areas[wijk],
            actor=resident,
            postcode="1784 AB",
            house_number="7",
            **values,
        )
        name, postcode, number = co
        initiatives.participant_add(
            initiative=initiative,
            actor=resident,
            name=name,
            postcode=postcode,
            house_number=number,
        )
        return initiatives.initiative_submit(initiative=initiative, actor=resident)

    def _decide(self, initiative: Initiative, budget: Account | None, reason: str) -> None:
        members = [self.people["regiegroep.denhelder"], self.people["regiegroep2.denhelder"]]
        for point in initiatives.checklist_points(initiative.ruleset):
            initiatives.checklist_answer(
                initiative=initiative, actor=members[0], point=point, met=budget is not None
            )
        for member in members:
            initiatives.review_vote_record(
                initiative=initiative,
                actor=member,
                vote=Vote.AWARD if budget is not None else Vote.REJECT,
            )
        if budget is None:
            initiatives.initiative_reject(initiative=initiative, actor=members[0], reason=reason)
        else:
            initiatives.initiative_award(
                initiative=initiative, actor=members[0], budget=budget, reason=reason
            )

    def _spend(self, initiative: Initiative, by: str, what: str, cents: int, days_ago: int):
        initiatives.expense_record(
            initiative=initiative,
            actor=self.people[by],
            description=what,
            amount_cents=cents,
            spent_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            receipt=_receipt("bon.png"),
        )

    def _schooten(self, budget: Account, provider: Provider) -> None:
        wijk = "WK040005"
        garden = self._initiative(
            "bewoner",
            wijk,
            ("Gerrit de Wit", "1784 AC", "21"),
            title="Moestuin achter de flats aan de Texelstroom",
            summary="Een gezamenlijke moestuin met zes bakken op het grasveld achter de flats.",
            purpose="Buren die elkaar nauwelijks kennen, werken samen en delen de oogst.",
            plan="Wij bouwen de bakken op twee zaterdagen; de huismeester helpt met water.",
            requested_cents=1_800 * EURO,
            own_contribution_cents=200 * EURO,
            own_contribution_note="Gereedschap en zaden van de bewoners zelf",
            cost_breakdown="Hout en schroeven € 900\nAarde € 600\nWaterton en slang € 300",
        )
        self._decide(garden, budget, "Past bij de wijk en wordt door de buren zelf gedragen.")
        garden.refresh_from_db()
        pledge = initiatives.pledge_offer(
            initiative=garden,
            actor=self.people["corporatie.denhelder"],
            organisation=self.orgs["GM0400"]["woningstichting"],
            kind=PledgeKind.HOURS,
            description="De huismeester helpt twee zaterdagen mee",
            hours=12,
        )
        initiatives.pledge_confirm(pledge=pledge, actor=self.people["bewoner"])
        self._spend(garden, "bewoner", "Hout en schroeven", 870 * EURO, 40)
        initiatives.voucher_redeem(
            code=garden.voucher.code,
            provider=provider,
            actor=self.people["winkelier.denhelder"],
            description="Aarde en potgrond",
            amount_cents=580 * EURO,
        )
        lead = garden.participants.get(user=self.people["bewoner"])
        initiatives.participant_set_step(
            participant=lead, actor=self.people["bewoner"], step=LadderStep.MEDE_OPDRACHTGEVER
        )
        initiatives.initiative_account(
            initiative=garden,
            actor=self.people["bewoner"],
            report="Zes bakken staan er; 23 buren doen mee en de eerste oogst is gedeeld.",
            participants_count=23,
        )
        initiatives.initiative_close(
            initiative=garden,
            actor=self.people["accountmanager.denhelder"],
            approve=True,
            note="Verantwoording compleet; het restant gaat terug naar het wijkbudget.",
        )
        initiatives.actie_assess(
            initiative=garden,
            actor=self.people["accountmanager.denhelder"],
            animo=5,
            contact=4,
            toerusting=3,
            inbedding=4,
            empathie=4,
            notes="Veel animo; hulp bij de vergunning voor de waterton was nodig.",
        )

        bbq = self._initiative(
            "bewoner",
            wijk,
            ("Yvonne Smit", "1784 AD", "4"),
            title="Buurtbarbecue op het Zuidplein",
            summary="Een barbecue voor de hele straat aan het begin van de zomer.",
            purpose="Nieuwe bewoners leren hun buren kennen.",
            requested_cents=450 * EURO,
        )
        self._decide(bbq, budget, "Klein en snel te regelen; binnen drie werkdagen besloten.")
        bbq.refresh_from_db()
        self._spend(bbq, "bewoner", "Huur barbecue en partytent", 180 * EURO, 2)

        repair = self._initiative(
            "bewoner",
            wijk,
            ("Kees Bakker", "1784 AE", "18"),
            title="Repair café in het buurthuis",
            summary="Eens per maand repareren vrijwilligers spullen van buren.",
            purpose="Minder weggooien en een vaste plek om elkaar te treffen.",
            requested_cents=1_200 * EURO,
        )
        initiatives.initiative_start_review(
            initiative=repair, actor=self.people["regiegroep.denhelder"]
        )
        initiatives.pledge_offer(
            initiative=repair,
            actor=self.people["winkelier.denhelder"],
            organisation=self.orgs["GM0400"]["bouwmarkt"],
            kind=PledgeKind.MATERIALS,
            description="Gereedschapskist en onderdelen",
        )
        # Submitted weeks ago and still undecided: overdue, escalated by the background task.
        mural = self._initiative(
            "bewoner",
            wijk,
            ("Lotte Mulder", "1784 AF", "9"),
            title="Muurschildering bij de speeltuin",
            summary="Kinderen en een kunstenaar beschilderen de kale muur bij de speeltuin.",
            purpose="Een vrolijke plek in plaats van een plek voor graffiti.",
            requested_cents=2_000 * EURO,
        )
        Initiative.objects.filter(pk=mural.pk).update(
            submitted_at=timezone.now() - datetime.timedelta(days=60),
            decision_due=timezone.localdate() - datetime.timedelta(days=12),
        )
        initiative_escalate(initiative_id=mural.pk)
        slide = self._initiative(
            "bewoner",
            wijk,
            ("Ruud Jansen", "1784 AG", "30"),
            title="Glijbaan voor het trapveldje",
            summary="Een nieuwe glijbaan bij het trapveldje.",
            purpose="De kinderen hebben weinig om mee te spelen.",
            requested_cents=2_400 * EURO,
        )
        self._decide(
            slide,
            None,
            "Speeltoestellen in de openbare ruimte plaatst en onderhoudt de gemeente zelf; het "
            "idee is doorgestuurd naar de wijkagenda.",
        )
        initiatives.initiative_create(
            area=self.areas[wijk],
            actor=self.people["bewoner"],
            postcode="1784 AB",
            house_number="7",
            title="Bankjes langs de Schootenvaart",
            summary="Drie bankjes waar ouderen even kunnen uitrusten.",
            purpose="Ouderen komen vaker naar buiten.",
            requested_cents=900 * EURO,
        )

    def _convenant_projects(self, fund, orgs: dict[str, Organisation]) -> None:
        steering = self.people["stuurgroep.denhelder"]
        call = initiatives.project_call_create(
            fund=fund,
            actor=steering,
            title=f"Convenantprojecten {self.year}",
            closes_on=timezone.localdate() + datetime.timedelta(days=30),
        )
        partner = self.people["corporatie.denhelder"]
        projects = [
            (
                "Portiekportiers",
                "Bewoners houden samen de portieken schoon en veilig.",
                "Bewoners zijn opdrachtgever en kiezen zelf de portiekportiers.",
                90_000,
                (5, 4, 3),
            ),
            (
                "Groene binnenhoven",
                "Binnenhoven van de flats worden samen met bewoners vergroend.",
                "Bewoners ontwerpen mee.",
                250_000,
                (3, 4, 4),
            ),
            (
                "Energiecoaches",
                "Vrijwillige coaches helpen buren hun energierekening te verlagen.",
                "Bewoners worden coach.",
                180_000,
                (4, 3, 5),
            ),
            (
                "Nieuwe hekken bij de garages",
                "Vervanging van de hekken bij de garageboxen.",
                "",
                120_000,
                (0, 2, 2),
            ),
        ]
        submitted = []
        for title, description, role, euros, _scores in projects:
            submitted.append(
                initiatives.project_submit(
                    call=call,
                    actor=partner,
                    organisation=orgs["woningstichting"],
                    title=title,
                    description=description,
                    resident_role=role,
                    requested_cents=euros * EURO,
                    area=self.areas["WK040005"],
                )
            )
        for project, (*_rest, scores) in zip(submitted, projects, strict=True):
            initiatives.project_score(
                project=project,
                actor=steering,
                participation=scores[0],
                impact=scores[1],
                reach=scores[2],
            )
        initiatives.project_decide(
            project=submitted[0],
            actor=steering,
            award=True,
            reason="Bewoners zijn hier opdrachtgever: hoogste score op bewonersparticipatie.",
        )

    # --- Hoogeveen ----------------------------------------------------------------------------

    def _hoogeveen(self) -> None:
        orgs = self.orgs["GM0118"]
        municipality = Municipality.objects.get(code="GM0118")
        initiatives.ruleset_publish(
            municipality=municipality,
            actor=self.admin,
            max_amount_cents=5_000 * EURO,
            min_initiators=3,
            own_contribution_percent=10,
            deciding_body=DecidingBody.WIJKPLATFORM,
            excluded="Commerciële activiteiten",
            checklist="Het dorp heeft er baat bij\nDe dorpsbelangenvereniging steunt het plan",
            note="Dorpsbudgetten: inwoners beslissen via dorpsbelangen",
        )
        fund = budgets.fund_create(
            municipality=municipality,
            actor=self.admin,
            name="Wijk- en dorpsbudgetten",
            kind=FundKind.WIJKBUDGET,
            year=self.year,
            description="Gemeente en corporaties leggen hun geld samen; bewoners beslissen.",
        )
        for key, euros in (
            ("gemeente", 60_000),
            ("corporatie1", 20_000),
            ("corporatie2", 10_000),
            ("corporatie3", 10_000),
        ):
            budgets.fund_contributor_set(
                fund=fund, organisation=orgs[key], actor=self.admin, promised_cents=euros * EURO
            )
            budgets.contribution_record(
                fund=fund, organisation=orgs[key], actor=self.admin, amount_cents=euros * EURO
            )
        for code in ("WK011854", "WK011856", "WK011858"):
            budgets.allocation_record(
                fund=fund, area=self.areas[code], actor=self.admin, amount_cents=15_000 * EURO
            )


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    DemoMoney(admin=ctx.admin, people=ctx.people, areas=ctx.areas, orgs=ctx.orgs).build()
