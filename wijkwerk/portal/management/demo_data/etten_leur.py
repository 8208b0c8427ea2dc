"""Etten-Leur: a wijkmanager per cluster of wijken keeps the wijkagenda; every wijk gets a four-year
WijkOntwikkelPlan whose actions of the year come on the agenda. WEL is the corporatie,
Surplus the welfare organisation with the opbouwwerk."""

import datetime

from wijkwerk.accounts.roles import Role
from wijkwerk.agenda.models import Source, Status
from wijkwerk.areas.models import AgendaAnsweredBy
from wijkwerk.organisations.models import OrganisationKind

from .spec import (
    NOOIT,
    NU,
    OOIT,
    PHONE_POLITIE,
    PHYSICAL,
    SOCIAL,
    Action,
    Agreed,
    Answer,
    Gemeente,
    Holds,
    Idea,
    Org,
    Person,
    Plan,
    PlanGoal,
    Progress,
    Review,
    Scheduled,
    ToAgenda,
    Wijk,
    WijkAgenda,
)


def _etten_leur(today: datetime.date) -> Gemeente:
    last = today.year - 1
    d = datetime.date
    return Gemeente(
        code="GM0777",
        centre=(51.57, 4.64),
        name="Etten-Leur",
        answered_by=AgendaAnsweredBy.WIJKMANAGER,
        phone="14 076",
        website="https://www.etten-leur.nl",
        themes=(
            ("Schoon, heel en veilig", PHYSICAL),
            ("Woonomgeving en groen", PHYSICAL),
            ("Verkeer", PHYSICAL),
            ("Wonen", PHYSICAL),
            ("Sociale samenhang", SOCIAL),
            ("Zorg en welzijn", SOCIAL),
            ("Jeugd", SOCIAL),
        ),
        orgs=(
            Org(
                "gemeente",
                "Gemeente Etten-Leur",
                OrganisationKind.GEMEENTE,
                website="https://www.etten-leur.nl",
            ),
            Org("wel", "Woonstichting Etten-Leur", OrganisationKind.CORPORATIE, "WEL"),
            Org("surplus", "Surplus Welzijn", OrganisationKind.WELZIJN, "Surplus"),
            Org("politie", "Politie Etten-Leur", OrganisationKind.POLITIE),
            Org("wijkvereniging", "Wijkvereniging Noord", OrganisationKind.BEWONERS),
        ),
        wijken=(
            Wijk(
                "WK077700",
                "Midden woongebied",
                description="Het centrum van Etten-Leur en de woonbuurten eromheen.",
            ),
            Wijk(
                "WK077701",
                "Midden Bedrijventerrein",
                description="Bedrijventerrein in het midden van de gemeente.",
            ),
            Wijk(
                "WK077702",
                "Midden landelijk gebied",
                description="Buitengebied met boerderijen en verspreide woningen.",
            ),
            Wijk(
                "WK077710",
                "Noord woongebied",
                description="Woonbuurten ten noorden van het centrum, met flats van WEL en veel "
                "eengezinswoningen. Werkt met een WijkOntwikkelPlan voor vier jaar.",
                buurten=(("BU07771001", "Banakker"), ("BU07771002", "Grauwe Polder")),
            ),
            Wijk("WK077711", "Noord bedrijventerrein", description="Bedrijventerrein."),
            Wijk(
                "WK077712",
                "Noord landelijk gebied",
                description="Buitengebied aan de noordkant van de gemeente.",
            ),
            Wijk(
                "WK077720",
                "Zuid woongebied",
                description="Woonbuurten ten zuiden van het centrum.",
            ),
            Wijk("WK077721", "Zuid bedrijventerrein West", description="Bedrijventerrein."),
            Wijk("WK077722", "Zuid bedrijventerrein Oost", description="Bedrijventerrein."),
            Wijk(
                "WK077723",
                "Zuid landelijk gebied",
                description="Buitengebied aan de zuidkant van de gemeente.",
            ),
        ),
        people=(
            Person(
                "wijkmanager.ettenleur",
                "Els van Dijk",
                (Holds(Role.WIJKMANAGER, ("WK077700", "WK077710"), "gemeente", phone="14 076"),),
            ),
            Person(
                "wijkwethouder.ettenleur",
                "Peter de Graaf",
                (Holds(Role.WIJKWETHOUDER, ("WK077700", "WK077710"), "gemeente"),),
            ),
            # The VNG checklist's professional who makes room for residents' initiatives.
            Person(
                "initiatievenmakelaar.ettenleur",
                "Sanne de Wit",
                (Holds(Role.INITIATIEVENMAKELAAR, ("WK077700", "WK077710"), "gemeente"),),
            ),
            Person(
                "opbouwwerker.ettenleur",
                "Noor Hendriks",
                (Holds(Role.OPBOUWWERKER, ("WK077710",), "surplus"),),
            ),
            Person(
                "wijkagent.ettenleur",
                "Yvonne Maas",
                (Holds(Role.WIJKAGENT, ("WK077700", "WK077710"), "politie", phone=PHONE_POLITIE),),
            ),
            Person(
                "corporatie.ettenleur",
                "Mark Peeters",
                (Holds(Role.PARTNER, ("WK077700", "WK077710"), "wel", contact=False),),
            ),
            Person(
                "bewoner.ettenleur",
                "Tom Verhoeven",
                (Holds(Role.RESIDENT, ("WK077710",), contact=False),),
            ),
        ),
        agendas=(
            WijkAgenda(
                "WK077710",
                plan=Plan(
                    title="WijkOntwikkelPlan Noord woongebied",
                    summary="Opgesteld met bewoners, de wijkvereniging, WEL, Surplus en de "
                    "politie. Het plan kijkt vier jaar vooruit; de acties van elk jaar komen op "
                    "de wijkagenda, die twee keer per jaar met bewoners wordt vastgesteld.",
                    first_year=-1,
                    adopted=d(last - 1, 11, 20),
                    revised=d(last, 11, 25),
                    goals=(
                        PlanGoal(
                            "Sociale samenhang",
                            "Meer bewoners doen mee in hun buurt",
                            "Aandeel bewoners dat zich het afgelopen jaar inzette voor de buurt "
                            "(burgerpeiling)",
                            (
                                Action(0, "Buurtkamer openen in het wijkgebouw", "surplus"),
                                Action(1, "Vrijwilligerspool voor buurtactiviteiten", "surplus"),
                                Action(2, "Jongeren een eigen budget voor activiteiten", "surplus"),
                                Action(3, "Terugblik en nieuwe afspraken met bewoners", "gemeente"),
                            ),
                        ),
                        PlanGoal(
                            "Zorg en welzijn",
                            "Kwetsbare bewoners zijn eerder in beeld",
                            "Aantal huisbezoeken en doorverwijzingen per jaar",
                            (
                                Action(0, "Huisbezoeken bij 75-plussers", "surplus"),
                                Action(
                                    1,
                                    "Signaleringsoverleg met huisarts, WEL en Surplus",
                                    "gemeente",
                                ),
                                Action(2, "Boodschappenhulp door buurtgenoten", "surplus"),
                                Action(3, "Ontmoetingsplek voor mantelzorgers", "surplus"),
                            ),
                        ),
                        PlanGoal(
                            "Woonomgeving en groen",
                            "Een groene en goed onderhouden woonomgeving",
                            "Rapportcijfer voor de woonomgeving in de burgerpeiling",
                            (
                                Action(
                                    0, "Speelplek bij de vijver vernieuwen met kinderen", "gemeente"
                                ),
                                Action(
                                    1, "Plantvakken in zelfbeheer bij bewoners", "wijkvereniging"
                                ),
                                Action(2, "Bomen vervangen langs de hoofdroutes", "gemeente"),
                                Action(3, "Wijkschouw met bewoners", "gemeente"),
                            ),
                        ),
                        PlanGoal(
                            "Wonen",
                            "Schone en veilige portieken",
                            "Aantal meldingen over vervuiling en overlast in portieken",
                            (
                                Action(0, "Portiekafspraken maken in de flats", "wel"),
                                Action(1, "Verlichting in de bergingen vernieuwen", "wel"),
                                Action(2, "Huismeester vaker in de wijk", "wel"),
                                Action(3, "Portiekafspraken evalueren", "wel"),
                            ),
                        ),
                    ),
                    to_agenda=(
                        ToAgenda(
                            d(last, 1, 20),
                            "wijkmanager.ettenleur",
                            -1,
                            (
                                Scheduled(
                                    "Buurtkamer openen in het wijkgebouw",
                                    d(last, 5, 1),
                                    (
                                        Progress(
                                            d(last, 4, 22),
                                            "opbouwwerker.ettenleur",
                                            "De buurtkamer is drie ochtenden per week open, "
                                            "met vrijwilligers uit de buurt.",
                                            Status.DONE,
                                        ),
                                    ),
                                ),
                                Scheduled(
                                    "Speelplek bij de vijver vernieuwen met kinderen",
                                    d(last, 7, 1),
                                    (
                                        Progress(
                                            d(last, 5, 10),
                                            "wijkmanager.ettenleur",
                                            "Kinderen van de twee basisscholen hebben hun ontwerp "
                                            "gepresenteerd.",
                                            Status.IN_PROGRESS,
                                        ),
                                        Progress(
                                            d(last, 9, 18),
                                            "wijkmanager.ettenleur",
                                            "De speelplek is open. De levering van de toestellen "
                                            "liep twee maanden uit.",
                                            Status.DONE,
                                        ),
                                    ),
                                ),
                                Scheduled(
                                    "Portiekafspraken maken in de flats",
                                    d(last, 10, 1),
                                    (
                                        Progress(
                                            d(last, 9, 25),
                                            "corporatie.ettenleur",
                                            "In alle zes flats zijn afspraken gemaakt en op het "
                                            "mededelingenbord gehangen.",
                                            Status.DONE,
                                        ),
                                    ),
                                ),
                                Scheduled(
                                    "Huisbezoeken bij 75-plussers",
                                    d(last, 12, 1),
                                    (
                                        Progress(
                                            d(last, 8, 30),
                                            "wijkmanager.ettenleur",
                                            "Vervallen als wijkactie: de huisbezoeken gaan op in "
                                            "het programma voor ouderen van de hele gemeente.",
                                            Status.DROPPED,
                                        ),
                                    ),
                                ),
                            ),
                        ),
                        ToAgenda(
                            -140,
                            "wijkmanager.ettenleur",
                            0,
                            (
                                Scheduled(
                                    "Vrijwilligerspool voor buurtactiviteiten",
                                    60,
                                    (
                                        Progress(
                                            -50,
                                            "opbouwwerker.ettenleur",
                                            "Twaalf bewoners hebben zich aangemeld; de eerste "
                                            "klussen zijn verdeeld.",
                                            Status.IN_PROGRESS,
                                        ),
                                    ),
                                ),
                                Scheduled(
                                    "Plantvakken in zelfbeheer bij bewoners",
                                    -30,
                                    (
                                        Progress(
                                            -45,
                                            "wijkmanager.ettenleur",
                                            "Zeven straten hebben hun plantvakken geadopteerd.",
                                            Status.DONE,
                                        ),
                                    ),
                                ),
                                Scheduled(
                                    "Verlichting in de bergingen vernieuwen",
                                    -20,
                                    (
                                        Progress(
                                            -25,
                                            "corporatie.ettenleur",
                                            "De levering van de lampen is vertraagd; de aannemer "
                                            "plant het werk opnieuw in.",
                                        ),
                                    ),
                                ),
                                Scheduled("Signaleringsoverleg met huisarts, WEL en Surplus", 90),
                            ),
                        ),
                    ),
                ),
                items=(
                    Idea(
                        "Minibieb bij het buurthuis",
                        "Bewoners willen boeken ruilen; een kastje bij de ingang is genoeg.",
                        "Sociale samenhang",
                        "bewoner.ettenleur",
                        -2,
                    ),
                    Idea(
                        "Losloopveld voor honden",
                        "Honden lopen nu los over het speelveld.",
                        "Woonomgeving en groen",
                        "bewoner.ettenleur",
                        -24,
                    ),
                    Idea(
                        "Verlichting op het fietspad naar de middelbare school",
                        "Scholieren fietsen in de winter in het donker over een onverlicht pad.",
                        "Verkeer",
                        "bewoner.ettenleur",
                        -45,
                        answer=Answer(
                            -38,
                            "wijkmanager.ettenleur",
                            OOIT,
                            conditions="De gemeente stelt dit jaar een nieuw verlichtingsplan "
                            "vast; pas daarin kan dit fietspad worden meegenomen.",
                            answer_by=120,
                        ),
                    ),
                    Idea(
                        "Het speelveld ombouwen tot parkeerplaats",
                        "Bij de flats zijn te weinig parkeerplekken.",
                        "Verkeer",
                        "bewoner.ettenleur",
                        -58,
                        answer=Answer(
                            -50,
                            "wijkmanager.ettenleur",
                            NOOIT,
                            motivation="Nee: het speelveld is een van de weinige plekken waar "
                            "kinderen in deze buurt kunnen spelen. WEL en de gemeente bekijken "
                            "wel of er plekken bij de garageboxen bij kunnen.",
                        ),
                    ),
                    Idea(
                        "Losliggende stoeptegels bij de bushalte",
                        "Ouderen struikelen er.",
                        "Schoon, heel en veilig",
                        "bewoner.ettenleur",
                        -33,
                        answer=Answer(
                            -29,
                            "wijkmanager.ettenleur",
                            NU,
                            motivation="Komt mee in de eerstvolgende herstelronde van de "
                            "buitendienst.",
                            owner="gemeente",
                            due=10,
                        ),
                    ),
                    Agreed(
                        "Wijkcontactmoment elke eerste maandag van de maand",
                        "Bewoners willen een vaste plek voor vragen aan gemeente, WEL, Surplus "
                        "en politie.",
                        "Sociale samenhang",
                        "wijkmanager.ettenleur",
                        -110,
                        owner="politie",
                        due=20,
                        source=Source.MEETING,
                    ),
                    Agreed(
                        "Bewonersavond over de nieuwe afvalinzameling",
                        "Bewoners hebben veel vragen over de nieuwe containers.",
                        "Schoon, heel en veilig",
                        "wijkmanager.ettenleur",
                        -105,
                        owner="gemeente",
                        due=30,
                        progress=(
                            Progress(
                                -40,
                                "wijkmanager.ettenleur",
                                "Vervallen: de gemeente houdt één avond voor heel Etten-Leur; "
                                "bewoners van Noord zijn daarvoor uitgenodigd.",
                                Status.DROPPED,
                            ),
                        ),
                    ),
                ),
                reviews=(
                    Review(
                        d(last, 3, 12),
                        "wijkwethouder.ettenleur",
                        "Eerste vaststelling wijkagenda {year}",
                        "In het wijkoverleg met de wijkwethouder, bewoners en wijkpartners.",
                        year=-1,
                    ),
                    Review(
                        d(last, 10, 8),
                        "wijkwethouder.ettenleur",
                        "Tweede vaststelling wijkagenda {year}",
                        "In het wijkoverleg met de wijkwethouder, bewoners en wijkpartners.",
                        year=-1,
                    ),
                    Review(
                        -95,
                        "wijkwethouder.ettenleur",
                        "Eerste vaststelling wijkagenda {year}",
                        "In het wijkoverleg met de wijkwethouder, bewoners en wijkpartners.",
                    ),
                    Review(
                        -4,
                        "wijkmanager.ettenleur",
                        "Tweede vaststelling wijkagenda {year}",
                        "Met de wijkpartners op het wijkcontactmoment.",
                    ),
                ),
            ),
            WijkAgenda(
                "WK077700",
                items=(
                    Agreed(
                        "Achterpaden van de rijtjeswoningen opknappen",
                        "Losse tegels en kapotte verlichting in de achterpaden.",
                        "Wonen",
                        "wijkmanager.ettenleur",
                        -75,
                        owner="wel",
                        due=-15,
                        progress=(
                            Progress(
                                -18,
                                "corporatie.ettenleur",
                                "Achterpaden opnieuw bestraat en verlichting vervangen.",
                                Status.DONE,
                            ),
                        ),
                    ),
                    Idea(
                        "Meer bankjes in het centrum",
                        "Wie slecht ter been is, kan nergens even uitrusten tussen de winkels.",
                        "Woonomgeving en groen",
                        "bewoner.ettenleur",
                        -11,
                    ),
                ),
                reviews=(
                    Review(
                        -16,
                        "wijkmanager.ettenleur",
                        "Vaststelling wijkagenda {year}",
                        "Met bewoners en wijkpartners.",
                    ),
                ),
            ),
        ),
    )
