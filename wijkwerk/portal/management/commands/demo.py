"""Fill the database with a Dutch demo: Den Helder, Etten-Leur and Hoogeveen.

The areas carry their real CBS codes and names; the organisations are the partners the
source documents name (Woningstichting Den Helder, Woonstichting Etten-Leur, WEL, Surplus
Welzijn) or plainly fictional; every person and agenda item is made up. Nothing is read
from outside the project, so the quick start works anywhere.

Running it again prints the logins and changes nothing; `--reset` removes the demo and
builds it anew.
"""

import datetime

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from wijkwerk.accounts.models import User
from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.services import role_assign
from wijkwerk.agenda import services as agenda
from wijkwerk.agenda.models import (
    AgendaItem,
    DevelopmentPlan,
    Goal,
    PlannedAction,
    Source,
    Status,
    Theme,
    ThemeKind,
    Verdict,
)
from wijkwerk.areas.models import AgendaAnsweredBy, Area, AreaKind, Municipality
from wijkwerk.areas.services import area_create, municipality_create
from wijkwerk.organisations.models import Organisation, OrganisationKind

DEMO_PASSWORD = "wijkwerk-demo-2026"  # noqa: S105 - published demo password
DOMAIN = "demo.wijkwerk.nl"

# (code, name, kind); dorpen are the villages of Hoogeveen.
WIJKEN = {
    "GM0400": [
        ("WK040001", "Stad binnen de Linie-Oost", AreaKind.WIJK),
        ("WK040002", "Stad binnen de Linie-West", AreaKind.WIJK),
        ("WK040003", "Nieuw Den Helder-West", AreaKind.WIJK),
        ("WK040004", "Nieuw Den Helder-Oost", AreaKind.WIJK),
        ("WK040005", "De Schooten", AreaKind.WIJK),
        ("WK040006", "Het Koegras", AreaKind.WIJK),
        ("WK040007", "Duinzoom", AreaKind.WIJK),
        ("WK040008", "Julianadorp", AreaKind.DORP),
    ],
    "GM0777": [
        ("WK077700", "Midden woongebied", AreaKind.WIJK),
        ("WK077710", "Noord woongebied", AreaKind.WIJK),
        ("WK077720", "Zuid woongebied", AreaKind.WIJK),
        ("WK077702", "Midden landelijk gebied", AreaKind.WIJK),
    ],
    "GM0118": [
        ("WK011850", "Hoogeveen centrum", AreaKind.WIJK),
        ("WK011851", "De Weide", AreaKind.WIJK),
        ("WK011853", "Elim", AreaKind.DORP),
        ("WK011854", "Hollandscheveld", AreaKind.DORP),
        ("WK011855", "Noordscheschut", AreaKind.DORP),
        ("WK011856", "Nieuwlande", AreaKind.DORP),
        ("WK011858", "Tiendeveen", AreaKind.DORP),
        ("WK011860", "Pesse", AreaKind.DORP),
    ],
}
MUNICIPALITIES = [
    ("GM0400", "Den Helder", AgendaAnsweredBy.WIJKPLATFORM),
    ("GM0777", "Etten-Leur", AgendaAnsweredBy.WIJKMANAGER),
    ("GM0118", "Hoogeveen", AgendaAnsweredBy.WIJKMANAGER),
]
BUURTEN = {
    "WK040001": [("BU04000101", "Binnenhaven"), ("BU04000102", "Visbuurt")],
    "WK077710": [("BU07771001", "Banakker"), ("BU07771002", "Grauwe Polder")],
    "WK011854": [("BU01185401", "Hollandscheveld-dorp"), ("BU01185402", "Hoogeveense Vaart")],
}
THEMES = [
    ("Schoon, heel en veilig", ThemeKind.PHYSICAL),
    ("Groen en spelen", ThemeKind.PHYSICAL),
    ("Wonen", ThemeKind.PHYSICAL),
    ("Verkeer", ThemeKind.PHYSICAL),
    ("Meedoen en ontmoeten", ThemeKind.SOCIAL),
    ("Jeugd", ThemeKind.SOCIAL),
    ("Zorg voor elkaar", ThemeKind.SOCIAL),
]


class Command(BaseCommand):
    help = "Load the Dutch demo (Den Helder, Etten-Leur, Hoogeveen) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="remove the demo and rebuild it")

    def handle(self, *args, reset: bool = False, **options):
        if reset:
            self._remove()
        if Municipality.objects.filter(code="GM0400").exists():
            self.stdout.write("The demo is already loaded; nothing changed.")
        else:
            with transaction.atomic():
                self._build()
            self.stdout.write(self.style.SUCCESS("Demo loaded."))
        self._print_logins()

    # --- building ---------------------------------------------------------------------

    def _remove(self) -> None:
        with transaction.atomic():
            codes = [code for code, _name, _answer in MUNICIPALITIES]
            AgendaItem.objects.filter(area__municipality__code__in=codes).delete()
            User.objects.filter(email__endswith="@" + DOMAIN).delete()
            Organisation.objects.filter(municipality__code__in=codes).delete()
            Municipality.objects.filter(code__in=codes).delete()

    def _build(self) -> None:
        self.admin = self._user("beheerder", "Functioneel Beheer", superuser=True)
        self.resident = self._user("bewoner", "Bep Bewoner")
        self.areas: dict[str, Area] = {}
        self.themes: dict[str, dict[str, Theme]] = {}
        for code, name, answered_by in MUNICIPALITIES:
            municipality = municipality_create(code=code, name=name, actor=self.admin)
            municipality.agenda_answered_by = answered_by
            municipality.contact_phone = "14 0" + code[3:6]
            municipality.save()
            for wijk_code, wijk_name, kind in WIJKEN[code]:
                wijk = area_create(
                    municipality=municipality,
                    kind=kind,
                    code=wijk_code,
                    name=wijk_name,
                    actor=self.admin,
                )
                self.areas[wijk_code] = wijk
                for buurt_code, buurt_name in BUURTEN.get(wijk_code, []):
                    area_create(
                        municipality=municipality,
                        kind=AreaKind.BUURT,
                        code=buurt_code,
                        name=buurt_name,
                        parent=wijk,
                        actor=self.admin,
                    )
            self.themes[code] = {
                theme_name: Theme.objects.create(
                    municipality=municipality, name=theme_name, kind=kind
                )
                for theme_name, kind in THEMES
            }
        self._den_helder()
        self._etten_leur()
        self._hoogeveen()

    def _user(self, local: str, name: str, superuser: bool = False) -> User:
        email = f"{local}@{DOMAIN}"
        if superuser:
            user = User.objects.create_superuser(email, DEMO_PASSWORD, full_name=name)
        else:
            user = User.objects.create_user(email, DEMO_PASSWORD, full_name=name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    def _org(self, code: str, name: str, kind: str, parent=None, **extra) -> Organisation:
        municipality = Municipality.objects.get(code=code)
        return Organisation.objects.create(
            municipality=municipality, name=name, kind=kind, parent=parent, **extra
        )

    def _role(
        self,
        local,
        name,
        role,
        area_code=None,
        municipality_code=None,
        org=None,
        contact=True,
        **kw,
    ) -> User:
        user = self._user(local, name)
        area = self.areas[area_code] if area_code else None
        municipality = (
            area.municipality if area else Municipality.objects.get(code=municipality_code)
        )
        role_assign(
            user=user,
            role=role,
            municipality=municipality,
            area=area,
            organisation=org,
            actor=self.admin,
            is_public_contact=contact,
            public_email=f"{local}@{DOMAIN}" if contact else "",
            **kw,
        )
        return user

    def _den_helder(self) -> None:
        gm = "GM0400"
        gemeente = self._org(
            gm, "Gemeente Den Helder", OrganisationKind.GEMEENTE, website="https://www.denhelder.nl"
        )
        departments = [
            self._org(gm, name, OrganisationKind.GEMEENTE, parent=gemeente)
            for name in ("Stadsbeheer", "Samenleving", "Ruimtelijke Ontwikkeling", "Publiekszaken")
        ]
        corporatie = self._org(gm, "Woningstichting Den Helder", OrganisationKind.CORPORATIE)
        politie = self._org(gm, "Politie Den Helder", OrganisationKind.POLITIE)
        welzijn = self._org(gm, "Welzijn Den Helder", OrganisationKind.WELZIJN)
        platform = self._org(gm, "Wijkplatform Stad binnen de Linie", OrganisationKind.BEWONERS)

        manager = self._role(
            "wijkmanager.denhelder",
            "Wim de Wijkmanager",
            Role.WIJKMANAGER,
            "WK040001",
            org=departments[1],
            public_phone="0223 67 10 00",
        )
        # Den Helder's four accountmanagers each come from a department that adopts a wijk.
        accountmanagers: dict[str, User] = {}
        for (code, department), local in zip(
            [
                ("WK040003", departments[0]),
                ("WK040005", departments[2]),
                ("WK040006", departments[3]),
            ],
            ["accountmanager.denhelder", "accountmanager2.denhelder", "accountmanager3.denhelder"],
            strict=True,
        ):
            accountmanagers[code] = self._role(
                local,
                f"Accountmanager {department.name}",
                Role.ACCOUNTMANAGER,
                code,
                org=department,
            )
        self._role(
            "wijkwethouder.denhelder",
            "Wethouder Wijken",
            Role.WIJKWETHOUDER,
            municipality_code=gm,
            org=gemeente,
        )
        self._role("wijkagent.denhelder", "Agent Anouk", Role.WIJKAGENT, "WK040001", org=politie)
        self._role(
            "wijkconcierge.denhelder",
            "Conciërge Kees",
            Role.WIJKCONCIERGE,
            "WK040001",
            org=departments[0],
        )
        self._role(
            "voorzitter.wijkplatform",
            "Voorzitter Vera",
            Role.PLATFORM_CHAIR,
            "WK040001",
            org=platform,
        )
        self._role(
            "corporatie.denhelder",
            "Corrie Corporatie",
            Role.PARTNER,
            "WK040001",
            org=corporatie,
            contact=False,
        )
        self._role(
            "opbouwwerker.denhelder",
            "Opbouwwerker Olaf",
            Role.OPBOUWWERKER,
            "WK040001",
            org=welzijn,
        )
        self._fill_agenda(
            self.areas["WK040001"], manager, [departments[0], corporatie, politie, welzijn]
        )
        self._fill_agenda(
            self.areas["WK040003"],
            accountmanagers["WK040003"],
            [departments[0], corporatie],
            light=True,
        )

    def _etten_leur(self) -> None:
        gm = "GM0777"
        gemeente = self._org(gm, "Gemeente Etten-Leur", OrganisationKind.GEMEENTE)
        wel = self._org(gm, "WEL", OrganisationKind.WELZIJN)
        surplus = self._org(gm, "Surplus Welzijn", OrganisationKind.WELZIJN)
        woonstichting = self._org(gm, "Woonstichting Etten-Leur", OrganisationKind.CORPORATIE)
        politie = self._org(gm, "Politie Etten-Leur", OrganisationKind.POLITIE)
        manager = self._role(
            "wijkmanager.ettenleur", "Els van Etten", Role.WIJKMANAGER, "WK077710", org=gemeente
        )
        self._role(
            "opbouwwerker.ettenleur", "Opbouwwerker Otto", Role.OPBOUWWERKER, "WK077710", org=wel
        )
        self._fill_agenda(self.areas["WK077710"], manager, [gemeente, woonstichting, wel, politie])
        self._plan(self.areas["WK077710"], manager, gemeente, woonstichting, surplus)

    def _hoogeveen(self) -> None:
        gm = "GM0118"
        gemeente = self._org(gm, "Gemeente Hoogeveen", OrganisationKind.GEMEENTE)
        corporaties = [
            self._org(gm, name, OrganisationKind.CORPORATIE)
            for name in ("Corporatie Zuidwest", "Corporatie Het Dorp", "Corporatie Hoogeveen Wonen")
        ]
        politie = self._org(gm, "Politie Hoogeveen", OrganisationKind.POLITIE)
        # In Hoogeveen one gebiedsregisseur works for all partners in a dorp at once.
        regisseur = self._role(
            "gebiedsregisseur.hoogeveen",
            "Gerda Gebiedsregisseur",
            Role.GEBIEDSREGISSEUR,
            "WK011854",
            org=gemeente,
        )
        self._role("wijkagent.hoogeveen", "Agent Henk", Role.WIJKAGENT, "WK011854", org=politie)
        self._fill_agenda(self.areas["WK011854"], regisseur, [gemeente, *corporaties, politie])

    def _plan(self, wijk, actor, gemeente, corporatie, welzijn) -> None:
        year = timezone.localdate().year
        themes = self.themes[wijk.municipality.code]
        plan = DevelopmentPlan.objects.create(
            area=wijk,
            first_year=year - 1,
            title=f"WijkOntwikkelPlan {wijk.name}",
            summary="Vier jaar werken aan een schone, groene en sociale wijk, samen met bewoners.",
            adopted_on=datetime.date(year - 1, 3, 15),
            last_revised_on=datetime.date(year, 2, 1),
        )
        goals = [
            (
                "Groen en spelen",
                "Elke buurt een plek om te spelen en elkaar te ontmoeten",
                gemeente,
                [
                    "Speelplek Banakker opknappen",
                    "Buurtmoestuin aanleggen",
                    "Groenonderhoud met bewoners afspreken",
                ],
            ),
            (
                "Meedoen en ontmoeten",
                "Meer bewoners actief in hun buurt",
                welzijn,
                [
                    "Wijkcafé twee keer per maand",
                    "Maatjesproject voor ouderen",
                    "Jongerenraad opzetten",
                ],
            ),
            (
                "Wonen",
                "Portieken schoon en veilig",
                corporatie,
                [
                    "Portiekgesprekken in de flats",
                    "Verlichting in de bergingen vernieuwen",
                    "Huismeester vaker aanwezig",
                ],
            ),
        ]
        for theme_name, title, owner, actions in goals:
            goal = Goal.objects.create(plan=plan, theme=themes[theme_name], title=title)
            for offset, action in enumerate(actions):
                PlannedAction.objects.create(
                    goal=goal, year=plan.first_year + offset, title=action, owner_organisation=owner
                )
        agenda.plan_actions_to_agenda(plan=plan, year=year, actor=actor)

    def _fill_agenda(
        self, wijk: Area, actor: User, owners: list[Organisation], light: bool = False
    ) -> None:
        """Items in every state, dated so that the wait times and the review report tell a story."""
        today = timezone.localdate()
        themes = list(self.themes[wijk.municipality.code].values())
        owner = owners[0]

        def agreed(title, reason, due_days, theme, org=owner, source=Source.PARTNER):
            return agenda.agenda_item_create(
                area=wijk,
                actor=actor,
                title=title,
                reason=reason,
                year=today.year,
                source=source,
                due_date=today + datetime.timedelta(days=due_days),
                owner_organisation=org,
                theme=theme,
            )

        def proposed(title, reason, days_ago, theme):
            item = agenda.agenda_item_propose(
                area=wijk, actor=self.resident, title=title, reason=reason, theme=theme
            )
            _backdate(item, days_ago)
            return item

        proposed("Bankje bij de bushalte", "Ouderen moeten nu staand wachten.", 4, themes[4])
        if light:
            agreed(
                "Zwerfvuilprikactie in het voorjaar",
                "Veel zwerfvuil langs de route naar school.",
                60,
                themes[0],
            )
            return
        proposed(
            "Hondenpoepbakken bij het park",
            "Het grasveld is vies; kinderen spelen er.",
            17,
            themes[0],
        )
        ooit = proposed(
            "Trapveldje voor de jeugd", "Jongeren hangen nu bij de winkels rond.", 40, themes[5]
        )
        agenda.agenda_item_answer(
            item=ooit,
            actor=actor,
            verdict=Verdict.OOIT,
            conditions="Wacht op de herinrichting van het plein; daar is ruimte voorzien.",
            answer_by=today + datetime.timedelta(days=120),
        )
        nooit = proposed(
            "Parkeergarage onder het plein", "Er is te weinig parkeerplaats.", 55, themes[3]
        )
        agenda.agenda_item_answer(
            item=nooit,
            actor=actor,
            verdict=Verdict.NOOIT,
            motivation="De bodem is te nat en de kosten zijn vele malen hoger dan het wijkbudget. "
            "We kijken wel naar blauwe zones voor bewoners.",
        )
        nu = proposed(
            "Snoeien van de struiken bij de speeltuin",
            "Je ziet de kinderen niet meer.",
            30,
            themes[1],
        )
        agenda.agenda_item_answer(
            item=nu,
            actor=actor,
            verdict=Verdict.NU,
            owner_organisation=owners[0],
            motivation="Snel te doen: staat in de planning van de groenploeg.",
            due_date=today + datetime.timedelta(days=21),
        )
        agreed(
            "Buurtpreventie-app opzetten",
            "Meer inbraken in de winter.",
            90,
            themes[0],
            org=owners[-1],
        )
        in_progress = agreed(
            "Portiekgesprekken in de flats",
            "Overlast en vervuiling in portieken.",
            45,
            themes[2],
            org=owners[1] if len(owners) > 1 else owner,
        )
        done_on_time = agreed(
            "Extra verlichting in het steegje",
            "Bewoners voelen zich er 's avonds onveilig.",
            -20,
            themes[0],
        )
        done_late = agreed(
            "Opknappen van het buurthuis",
            "Het buurthuis is gedateerd.",
            -60,
            themes[4],
            org=owners[-1],
            source=Source.MEETING,
        )
        late = agreed(
            "Verkeersdrempels in de schoolstraat", "Er wordt te hard gereden.", -10, themes[3]
        )
        dropped = agreed(
            "Kerstmarkt op het plein",
            "Gezelligheid in december.",
            15,
            themes[4],
            source=Source.RESIDENT,
        )
        # The spring review freezes what was agreed then.
        held_on = today - datetime.timedelta(days=3)
        agenda.agenda_review_create(
            area=wijk,
            year=today.year,
            actor=actor,
            held_on=held_on,
            title=f"Vaststelling wijkagenda {today.year}",
            notes="Vastgesteld in het wijkplatform met bewoners en partners.",
        )
        agenda.agenda_item_report_progress(
            item=in_progress,
            actor=actor,
            text="De eerste twee flats zijn bezocht.",
            new_status=Status.IN_PROGRESS,
        )
        for item, finished_days_ago in ((done_on_time, 25), (done_late, 5)):
            agenda.agenda_item_report_progress(
                item=item, actor=actor, text="Uitgevoerd.", new_status=Status.DONE
            )
            AgendaItem.objects.filter(pk=item.pk).update(
                completed_at=timezone.now() - datetime.timedelta(days=finished_days_ago)
            )
        agenda.agenda_item_report_progress(
            item=dropped,
            actor=actor,
            text="Vervallen: de winkeliersvereniging organiseert de markt zelf.",
            new_status=Status.DROPPED,
        )
        agenda.agenda_item_report_progress(
            item=late, actor=actor, text="Vertraagd door de aanbesteding."
        )

    def _print_logins(self) -> None:
        users = User.objects.filter(email__endswith="@" + DOMAIN).prefetch_related(
            "roles__area", "roles__municipality"
        )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"{'e-mail':44} {'role':30} where")
        for user in users.order_by("email"):
            roles = list(user.roles.all())
            if user.is_superuser:
                self.stdout.write(f"{user.email:44} {'functioneel beheerder (/beheer/)':30} —")
            elif not roles:
                self.stdout.write(f"{user.email:44} {'bewoner':30} —")
            for r in roles:
                where = r.area.name if r.area else f"{r.municipality.name} (hele gemeente)"
                self.stdout.write(f"{user.email:44} {str(r.get_role_display()):30} {where}")


def _backdate(item: AgendaItem, days: int) -> None:
    AgendaItem.objects.filter(pk=item.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
