"""The content of the demo: three municipalities as the source documents describe them.

The municipalities and wijken carry their CBS codes and names (CBS wijkindeling 2025). The
buurten are an illustrative split: their codes have the CBS shape (BU + the wijk's six
characters + two) but are not checked against the CBS buurt list. The organisations are
the partners the source documents name (Den Helder's departments VVH, RWO, SB and OWS that
each adopt a wijk, Woningstichting Den Helder, Woonstichting Etten-Leur "WEL", Surplus
Welzijn, Politie Drenthe, De Smederijen) or plainly invented ones. Den Helder's eight CBS
wijken are grouped into the four wijken of its wijkplatforms; where Het Koegras and
Duinzoom belong is this demo's own choice. Every person and agenda item is invented.

The agenda of a wijk is written as a story: who proposed what and when, who answered it
Nu, Ooit or Nooit, who reported progress, when the agenda was vastgesteld. Moments are days
from today (negative: in the past) or calendar dates; the `demo` command plays the story in
date order through the agenda services.
"""

import datetime
from dataclasses import dataclass

from wijkwerk.accounts.roles import Role
from wijkwerk.agenda.models import Source, Status, ThemeKind, Verdict
from wijkwerk.areas.models import AgendaAnsweredBy, AreaKind
from wijkwerk.organisations.models import OrganisationKind

# A moment in the story: days from today (negative: in the past), or a calendar date.
When = int | datetime.date


@dataclass(frozen=True)
class Org:
    key: str
    name: str
    kind: str
    short_name: str = ""
    parent: str = ""
    website: str = ""


@dataclass(frozen=True)
class Wijk:
    code: str
    name: str
    kind: str = AreaKind.WIJK
    description: str = ""
    buurten: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Holds:
    """A role, in some wijken (none: the whole municipality), on behalf of an organisation."""

    role: str
    areas: tuple[str, ...] = ()
    org: str = ""
    contact: bool = True
    phone: str = ""


@dataclass(frozen=True)
class Person:
    key: str  # the local part of the login, e.g. "wijkmanager.denhelder"
    name: str
    holds: tuple[Holds, ...]


@dataclass(frozen=True)
class Progress:
    when: When
    by: str
    text: str
    status: str = ""


@dataclass(frozen=True)
class Answer:
    when: When
    by: str
    verdict: str
    motivation: str = ""
    conditions: str = ""
    answer_by: int | None = None  # days from today: a definite answer lies in the future
    owner: str = ""
    due: When | None = None


@dataclass(frozen=True)
class Idea:
    """A resident's idea; it waits for an answer unless `answer` is given."""

    title: str
    why: str
    theme: str
    by: str
    when: When
    answer: Answer | None = None
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Agreed:
    """An item the agenda's keeper puts on directly, with its probleemeigenaar."""

    title: str
    why: str
    theme: str
    by: str
    when: When
    owner: str
    due: When
    source: str = Source.PARTNER
    how: str = ""
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class Review:
    when: When
    by: str
    title: str  # "{year}" is filled in
    notes: str = ""
    year: int = 0  # relative to this year


@dataclass(frozen=True)
class Action:
    year: int  # 0 for the plan's first year, up to 3
    title: str
    owner: str


@dataclass(frozen=True)
class PlanGoal:
    theme: str
    title: str
    indicator: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Scheduled:
    """A WOP action once it is on the agenda: its agreed date and what happened since."""

    title: str
    due: When
    progress: tuple[Progress, ...] = ()


@dataclass(frozen=True)
class ToAgenda:
    """The actions of one plan year are put on the wijkagenda."""

    when: When
    by: str
    year: int  # relative to this year
    scheduled: tuple[Scheduled, ...]


@dataclass(frozen=True)
class Plan:
    title: str
    summary: str
    first_year: int  # relative to this year
    adopted: When
    revised: When | None
    goals: tuple[PlanGoal, ...]
    to_agenda: tuple[ToAgenda, ...]


@dataclass(frozen=True)
class WijkAgenda:
    wijk: str
    items: tuple[Idea | Agreed, ...]
    reviews: tuple[Review, ...]
    plan: Plan | None = None


@dataclass(frozen=True)
class Gemeente:
    code: str
    name: str
    centre: tuple[float, float]  # rough latitude, longitude of the town centre (for maps)
    answered_by: str
    phone: str
    website: str
    themes: tuple[tuple[str, str], ...]
    orgs: tuple[Org, ...]
    wijken: tuple[Wijk, ...]
    people: tuple[Person, ...]
    agendas: tuple[WijkAgenda, ...]


SOCIAL, PHYSICAL = ThemeKind.SOCIAL, ThemeKind.PHYSICAL
NU, OOIT, NOOIT = Verdict.NU, Verdict.OOIT, Verdict.NOOIT
PHONE_POLITIE = "0900 8844"

# --- Den Helder -------------------------------------------------------------------------------
# Four wijken for wijkgericht werken, each adopted by a department whose accountmanager is
# the wijk's contact, with a wijkplatform chaired by residents that keeps the wijkagenda.

DEN_HELDER = Gemeente(
    code="GM0400",
    name="Den Helder",
    centre=(52.93, 4.76),
    answered_by=AgendaAnsweredBy.WIJKPLATFORM,
    phone="14 0223",
    website="https://www.denhelder.nl",
    themes=(
        ("Schoon, heel en veilig", PHYSICAL),
        ("Groen en spelen", PHYSICAL),
        ("Wonen", PHYSICAL),
        ("Verkeer en parkeren", PHYSICAL),
        ("Meedoen en ontmoeten", SOCIAL),
        ("Jeugd", SOCIAL),
        ("Zorg voor elkaar", SOCIAL),
    ),
    orgs=(
        Org(
            "gemeente",
            "Gemeente Den Helder",
            OrganisationKind.GEMEENTE,
            website="https://www.denhelder.nl",
        ),
        Org(
            "VVH",
            "Veiligheid, Vergunningen en Handhaving",
            OrganisationKind.GEMEENTE,
            "VVH",
            "gemeente",
        ),
        Org("RWO", "Ruimte, Wonen en Ondernemen", OrganisationKind.GEMEENTE, "RWO", "gemeente"),
        Org("SB", "Stadsbeheer", OrganisationKind.GEMEENTE, "SB", "gemeente"),
        Org("OWS", "Onderwijs, Welzijn en Sport", OrganisationKind.GEMEENTE, "OWS", "gemeente"),
        Org("woningstichting", "Woningstichting Den Helder", OrganisationKind.CORPORATIE),
        Org("welzijn", "Welzijn Den Helder", OrganisationKind.WELZIJN),
        Org("politie", "Politie Den Helder", OrganisationKind.POLITIE),
        Org("buurtbeheer", "Buurtbeheerbedrijf De Schooten", OrganisationKind.OVERIG),
        Org("platform_stad", "Wijkplatform Stad binnen de Linie", OrganisationKind.BEWONERS),
        Org(
            "platform_ndh", "Wijkplatform Nieuw Den Helder en Huisduinen", OrganisationKind.BEWONERS
        ),
        Org("platform_schooten", "Wijkplatform De Schooten en Boatex", OrganisationKind.BEWONERS),
        Org("platform_julianadorp", "Wijkplatform Julianadorp", OrganisationKind.BEWONERS),
        Org("bouwmarkt", "Bouwmarkt Schooten", OrganisationKind.WINKELIERS),
    ),
    wijken=(
        Wijk(
            "WK040001",
            "Stad binnen de Linie-Oost",
            description="Het oostelijke deel van de oude stad binnen de linie, rond de haven. "
            "Vormt met Stad binnen de Linie-West één wijk met één wijkplatform; de afdeling "
            "Veiligheid, Vergunningen en Handhaving (VVH) heeft deze wijk geadopteerd.",
            buurten=(("BU04000101", "Binnenhaven"), ("BU04000102", "Visbuurt")),
        ),
        Wijk(
            "WK040002",
            "Stad binnen de Linie-West",
            description="Het westelijke deel van de oude stad binnen de linie. Wijkplatform en "
            "accountmanager (VVH) gedeeld met Stad binnen de Linie-Oost.",
        ),
        Wijk(
            "WK040003",
            "Nieuw Den Helder-West",
            description="Naoorlogse flats en rijwoningen, met aan de westkant Huisduinen aan zee. "
            "Hoort bij de wijk Nieuw Den Helder en Huisduinen, geadopteerd door de afdeling "
            "Ruimte, Wonen en Ondernemen (RWO).",
        ),
        Wijk(
            "WK040004",
            "Nieuw Den Helder-Oost",
            description="Het oostelijke deel van Nieuw Den Helder. Wijkplatform en accountmanager "
            "(RWO) gedeeld met Nieuw Den Helder-West en Huisduinen.",
        ),
        Wijk(
            "WK040005",
            "De Schooten",
            description="Woonwijk in het zuiden van de stad. Het wijkplatform De Schooten en "
            "Boatex werkte hier als eerste met een eigen wijkagenda, die het zelf bijhoudt. De "
            "afdeling Stadsbeheer (SB) heeft de wijk geadopteerd.",
        ),
        Wijk(
            "WK040006",
            "Het Koegras",
            description="Polder tussen de stad en Julianadorp met bedrijventerreinen en "
            "verspreide bebouwing. In deze demo ingedeeld bij De Schooten en Boatex.",
        ),
        Wijk(
            "WK040007",
            "Duinzoom",
            description="Woongebied langs de duinen tussen Nieuw Den Helder en Julianadorp. In "
            "deze demo ingedeeld bij de wijk Julianadorp.",
        ),
        Wijk(
            "WK040008",
            "Julianadorp",
            AreaKind.DORP,
            description="Dorp in het zuiden van de gemeente, met veel gezinnen en aan de kust "
            "vakantieparken. De afdeling Onderwijs, Welzijn en Sport (OWS) heeft Julianadorp "
            "geadopteerd.",
        ),
    ),
    people=(
        # The one full-time wijkmanager: wijkoverstijgende zaken for the whole city, and
        # accountmanager of Stad binnen de Linie on behalf of VVH.
        Person(
            "wijkmanager.denhelder",
            "Ruud Bakker",
            (
                Holds(Role.WIJKMANAGER, org="gemeente", contact=False),
                Holds(Role.ACCOUNTMANAGER, ("WK040001", "WK040002"), "VVH", phone="14 0223"),
            ),
        ),
        Person(
            "accountmanager.denhelder",
            "Sandra Mulder",
            (Holds(Role.ACCOUNTMANAGER, ("WK040005", "WK040006"), "SB", phone="14 0223"),),
        ),
        Person(
            "accountmanager2.denhelder",
            "Dennis Koster",
            (Holds(Role.ACCOUNTMANAGER, ("WK040003", "WK040004"), "RWO", phone="14 0223"),),
        ),
        Person(
            "accountmanager3.denhelder",
            "Mirjam Schouten",
            (Holds(Role.ACCOUNTMANAGER, ("WK040007", "WK040008"), "OWS", phone="14 0223"),),
        ),
        Person(
            "wijkwethouder.denhelder",
            "Anja Smit",
            (Holds(Role.WIJKWETHOUDER, ("WK040005", "WK040006"), "gemeente"),),
        ),
        Person(
            "wijkconcierge.denhelder",
            "Kees de Vries",
            (Holds(Role.WIJKCONCIERGE, ("WK040005", "WK040006"), "SB", phone="14 0223"),),
        ),
        Person(
            "wijkagent.denhelder",
            "Anouk Jansen",
            (Holds(Role.WIJKAGENT, ("WK040005", "WK040006"), "politie", phone=PHONE_POLITIE),),
        ),
        Person(
            "opbouwwerker.denhelder",
            "Fatima el Amrani",
            (Holds(Role.OPBOUWWERKER, ("WK040005",), "welzijn"),),
        ),
        Person(
            "voorzitter.denhelder",
            "Henk Dekker",
            (Holds(Role.PLATFORM_CHAIR, ("WK040005", "WK040006"), "platform_schooten"),),
        ),
        Person(
            "corporatie.denhelder",
            "Linda Vos",
            (Holds(Role.PARTNER, ("WK040005", "WK040006"), "woningstichting", contact=False),),
        ),
        Person("bewoner", "Sanne Bos", (Holds(Role.RESIDENT, ("WK040005",), contact=False),)),
        # The regiegroep of De Schooten checks initiatives against the spelregels.
        Person(
            "regiegroep.denhelder",
            "Petra Visser",
            (Holds(Role.REGIEGROEP_MEMBER, ("WK040005", "WK040006"), contact=False),),
        ),
        Person(
            "regiegroep2.denhelder",
            "Mohamed Bouali",
            (Holds(Role.REGIEGROEP_MEMBER, ("WK040005", "WK040006"), contact=False),),
        ),
        # The stuurgroep of the convenant ranks the partners' projects.
        Person(
            "stuurgroep.denhelder",
            "Wim Boer",
            (Holds(Role.STUURGROEP_MEMBER, (), "woningstichting", contact=False),),
        ),
        Person(
            "winkelier.denhelder",
            "Ria Kok",
            (Holds(Role.PARTNER, ("WK040005", "WK040006"), "bouwmarkt", contact=False),),
        ),
        Person(
            "bewoner2.denhelder",
            "Ahmet Yilmaz",
            (Holds(Role.RESIDENT, ("WK040001",), contact=False),),
        ),
    ),
    agendas=(
        WijkAgenda(
            "WK040005",
            items=(
                Idea(
                    "Bankje bij de bushalte bij het winkelcentrum",
                    "Oudere buurtgenoten staan lang te wachten op de bus; met een bankje kunnen "
                    "ze even zitten.",
                    "Zorg voor elkaar",
                    "bewoner",
                    -3,
                ),
                Idea(
                    "Afvalbakken bij het hondenuitlaatveld",
                    "Zakjes met hondenpoep blijven in het gras liggen, precies waar kinderen "
                    "spelen.",
                    "Schoon, heel en veilig",
                    "bewoner",
                    -19,
                ),
                Idea(
                    "Trapveldje met doeltjes voor de jeugd",
                    "Jongeren hebben geen plek om te voetballen en hangen daarom rond bij de "
                    "winkels.",
                    "Jeugd",
                    "bewoner",
                    -48,
                    answer=Answer(
                        -41,
                        "voorzitter.denhelder",
                        OOIT,
                        motivation="Een goed idee; de jongeren denken mee over de plek.",
                        conditions="Eerst moet duidelijk zijn hoe het open terrein naast de "
                        "basisschool wordt ingericht. Het wijkplatform schuift aan bij dat plan.",
                        answer_by=75,
                    ),
                ),
                Idea(
                    "Parkeergarage onder het winkelplein",
                    "'s Avonds is er in de straten rond het plein geen parkeerplek te vinden.",
                    "Verkeer en parkeren",
                    "bewoner",
                    -62,
                    answer=Answer(
                        -55,
                        "voorzitter.denhelder",
                        NOOIT,
                        motivation="Een ondergrondse garage kost vele miljoenen en is op deze "
                        "plek technisch niet haalbaar. De gemeente meet wel de parkeerdruk; met "
                        "de uitkomst bekijken we samen of vergunningparkeren helpt.",
                    ),
                ),
                Idea(
                    "Struiken rond de speeltuin terugsnoeien",
                    "Ouders zien hun kinderen vanaf de bankjes niet meer spelen.",
                    "Groen en spelen",
                    "bewoner",
                    -30,
                    answer=Answer(
                        -27,
                        "voorzitter.denhelder",
                        NU,
                        motivation="Snel te doen: de groenploeg neemt het mee in de "
                        "eerstvolgende snoeironde.",
                        owner="SB",
                        due=14,
                    ),
                ),
                Agreed(
                    "Buurtpreventie-app starten",
                    "Na een reeks inbraken willen bewoners elkaar sneller kunnen waarschuwen.",
                    "Schoon, heel en veilig",
                    "accountmanager.denhelder",
                    -120,
                    owner="politie",
                    due=40,
                    how="De wijkagent en het wijkplatform houden een startavond; daarna beheren "
                    "bewoners de app zelf.",
                ),
                Agreed(
                    "Portiekgesprekken in de flats",
                    "Vervuilde portieken en overlast; veel bewoners kennen hun buren niet.",
                    "Wonen",
                    "accountmanager.denhelder",
                    -118,
                    owner="woningstichting",
                    due=30,
                    source=Source.MEETING,
                    how="Huismeester en opbouwwerker gaan per portiek met de bewoners in gesprek "
                    "en maken samen afspraken over het schoonhouden.",
                    progress=(
                        Progress(
                            -60,
                            "corporatie.denhelder",
                            "In de eerste twee flats zijn de gesprekken gevoerd; 31 van de 48 "
                            "huishoudens deden mee.",
                            Status.IN_PROGRESS,
                        ),
                        Progress(
                            -12,
                            "corporatie.denhelder",
                            "De derde flat is begonnen. In twee portieken houden bewoners nu zelf "
                            "een schoonmaakrooster bij.",
                        ),
                    ),
                ),
                Agreed(
                    "Extra lantaarnpaal in het pad achter de winkels",
                    "Bewoners lopen er 's avonds omheen omdat het pad zo donker is.",
                    "Schoon, heel en veilig",
                    "accountmanager.denhelder",
                    -125,
                    owner="SB",
                    due=-40,
                    source=Source.RESIDENT,
                    progress=(
                        Progress(
                            -47,
                            "wijkconcierge.denhelder",
                            "De lantaarnpaal staat er. Bewoners laten weten dat ze het pad weer "
                            "gebruiken.",
                            Status.DONE,
                        ),
                    ),
                ),
                Agreed(
                    "Wekelijkse inloopochtend in het wijkcentrum",
                    "Veel ouderen in de wijk spreken op een gewone dag bijna niemand.",
                    "Zorg voor elkaar",
                    "accountmanager.denhelder",
                    -122,
                    owner="welzijn",
                    due=-50,
                    source=Source.MEETING,
                    how="Het opbouwwerk begint de ochtend met vrijwilligers uit de buurt, die "
                    "daarna de koffie en het programma zelf verzorgen.",
                    progress=(
                        Progress(
                            -70,
                            "opbouwwerker.denhelder",
                            "Vijf vrijwilligers gevonden, maar de zaal in het wijkcentrum is pas "
                            "later vrij.",
                            Status.IN_PROGRESS,
                        ),
                        Progress(
                            -20,
                            "opbouwwerker.denhelder",
                            "De inloopochtend draait nu elke dinsdag; er komen gemiddeld vijftien "
                            "buurtbewoners.",
                            Status.DONE,
                        ),
                    ),
                ),
                Agreed(
                    "Verkeersdrempels bij de basisschool",
                    "Auto's rijden er te hard, juist als de kinderen naar school gaan.",
                    "Verkeer en parkeren",
                    "accountmanager.denhelder",
                    -121,
                    owner="SB",
                    due=-10,
                    source=Source.RESIDENT,
                    progress=(
                        Progress(
                            -15,
                            "accountmanager.denhelder",
                            "De aanbesteding liep vertraging op; de aannemer heeft nog geen "
                            "startdatum gegeven.",
                        ),
                    ),
                ),
                Agreed(
                    "Kerstmarkt op het winkelplein",
                    "Een gezellig moment in december waarop buren elkaar treffen.",
                    "Meedoen en ontmoeten",
                    "accountmanager.denhelder",
                    -119,
                    owner="welzijn",
                    due=15,
                    progress=(
                        Progress(
                            -35,
                            "accountmanager.denhelder",
                            "Vervallen: de winkeliers organiseren de markt dit jaar zelf, zonder "
                            "bijdrage van de partners.",
                            Status.DROPPED,
                        ),
                    ),
                ),
                Agreed(
                    "Geveltuintjes langs de lange straten",
                    "Bewoners willen meer groen voor de deur en houden het zelf bij.",
                    "Groen en spelen",
                    "accountmanager.denhelder",
                    -90,
                    owner="buurtbeheer",
                    due=60,
                    source=Source.RESIDENT,
                    how="Het buurtbeheerbedrijf haalt de tegels eruit; bewoners planten en "
                    "onderhouden de tuintjes.",
                    progress=(
                        Progress(
                            -40,
                            "accountmanager.denhelder",
                            "Achttien aanmeldingen binnen; de eerste tuintjes volgen in het "
                            "plantseizoen.",
                        ),
                    ),
                ),
            ),
            reviews=(
                Review(
                    -100,
                    "voorzitter.denhelder",
                    "Eerste vaststelling wijkagenda {year}",
                    "Vastgesteld in het wijkplatform, met bewoners, Woningstichting, politie en "
                    "welzijn aan tafel.",
                ),
                Review(
                    -6,
                    "accountmanager.denhelder",
                    "Tweede vaststelling wijkagenda {year}",
                    "Besproken in het wijkplatform. De Ooit-punten blijven op de lijst tot hun "
                    "antwoorddatum.",
                ),
            ),
        ),
        WijkAgenda(
            "WK040001",
            items=(
                Idea(
                    "Meer fietsenrekken in de winkelstraat",
                    "Fietsen staan tegen de gevels en versperren de stoep voor rollators.",
                    "Verkeer en parkeren",
                    "bewoner2.denhelder",
                    -6,
                ),
                Agreed(
                    "Extra controle op afvalzakken die te vroeg buiten staan",
                    "Meeuwen scheuren de zakken open; de straten liggen vol afval.",
                    "Schoon, heel en veilig",
                    "wijkmanager.denhelder",
                    -80,
                    owner="VVH",
                    due=25,
                    source=Source.MELDING,
                    how="Handhavers lopen een maand lang extra rondes en spreken bewoners eerst "
                    "aan voordat er een boete volgt.",
                    progress=(
                        Progress(
                            -30,
                            "wijkmanager.denhelder",
                            "Eerste twee weken: 54 bewoners aangesproken, drie waarschuwingen. Er "
                            "liggen duidelijk minder opengescheurde zakken.",
                            Status.IN_PROGRESS,
                        ),
                    ),
                ),
                Agreed(
                    "Graffiti verwijderen bij de onderdoorgang",
                    "Bewoners melden dat de onderdoorgang verloederd en onveilig aanvoelt.",
                    "Schoon, heel en veilig",
                    "wijkmanager.denhelder",
                    -85,
                    owner="SB",
                    due=-30,
                    source=Source.MELDING,
                    progress=(
                        Progress(
                            -33,
                            "wijkmanager.denhelder",
                            "Schoongemaakt en voorzien van een laag die nieuwe graffiti "
                            "makkelijk laat verwijderen.",
                            Status.DONE,
                        ),
                    ),
                ),
                Idea(
                    "Groene binnenplaats bij de oude school",
                    "Er is in de oude stad bijna geen groen om even te zitten.",
                    "Groen en spelen",
                    "bewoner2.denhelder",
                    -50,
                    answer=Answer(
                        -44,
                        "wijkmanager.denhelder",
                        OOIT,
                        conditions="Wacht op het besluit van de gemeenteraad over de nieuwe "
                        "bestemming van het schoolgebouw.",
                        answer_by=100,
                    ),
                ),
            ),
            reviews=(
                Review(
                    -21,
                    "wijkmanager.denhelder",
                    "Vaststelling wijkagenda {year}",
                    "Vastgesteld met het wijkplatform Stad binnen de Linie.",
                ),
            ),
        ),
        WijkAgenda(
            "WK040003",
            items=(
                Agreed(
                    "Strandopgang bij Huisduinen beter begaanbaar maken",
                    "Met een rollator of kinderwagen kom je niet door het mulle zand naar het "
                    "strand.",
                    "Verkeer en parkeren",
                    "accountmanager2.denhelder",
                    -70,
                    owner="RWO",
                    due=-5,
                    progress=(
                        Progress(
                            -8,
                            "accountmanager2.denhelder",
                            "Er liggen nu loopmatten tot aan de vloedlijn.",
                            Status.DONE,
                        ),
                    ),
                ),
                Idea(
                    "Speeltoestel voor peuters in het park",
                    "Alle toestellen zijn voor grotere kinderen; jonge gezinnen gaan daarom naar "
                    "een andere wijk.",
                    "Groen en spelen",
                    "bewoner2.denhelder",
                    -12,
                ),
            ),
            reviews=(
                Review(
                    -9,
                    "accountmanager2.denhelder",
                    "Vaststelling wijkagenda {year}",
                    "Vastgesteld met het wijkplatform Nieuw Den Helder en Huisduinen.",
                ),
            ),
        ),
        WijkAgenda(
            "WK040008",
            items=(
                Agreed(
                    "Sportmiddag voor jongeren op woensdag",
                    "Jongeren in Julianadorp missen een plek om na school samen te sporten.",
                    "Jeugd",
                    "accountmanager3.denhelder",
                    -60,
                    owner="OWS",
                    due=45,
                    source=Source.MEETING,
                    progress=(
                        Progress(
                            -20,
                            "accountmanager3.denhelder",
                            "De sportcoach is begonnen; gemiddeld twintig jongeren doen mee.",
                            Status.IN_PROGRESS,
                        ),
                    ),
                ),
                Idea(
                    "Zebrapad bij de supermarkt",
                    "Oversteken met boodschappen en kinderen is er gevaarlijk.",
                    "Verkeer en parkeren",
                    "bewoner",
                    -9,
                ),
                Idea(
                    "Skatebaan midden in het dorpshart",
                    "Jongeren skaten nu op de parkeerplaats.",
                    "Jeugd",
                    "bewoner",
                    -40,
                    answer=Answer(
                        -33,
                        "accountmanager3.denhelder",
                        NOOIT,
                        motivation="Niet op deze plek: het plein is te klein en omwonenden "
                        "hebben last van het geluid. Met de jongeren zoeken we een plek aan de "
                        "rand van het dorp; dat is een nieuw agendapunt.",
                    ),
                ),
            ),
            reviews=(
                Review(
                    -14,
                    "accountmanager3.denhelder",
                    "Vaststelling wijkagenda {year}",
                    "Vastgesteld met het wijkplatform Julianadorp.",
                ),
            ),
        ),
    ),
)

# --- Etten-Leur -------------------------------------------------------------------------------
# A wijkmanager per cluster of wijken keeps the wijkagenda; every wijk gets a four-year
# WijkOntwikkelPlan whose actions of the year come on the agenda. WEL is the corporatie,
# Surplus the welfare organisation with the opbouwwerk.


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


# --- Hoogeveen --------------------------------------------------------------------------------
# "De Smederijen": residents draw up the agenda of their dorp or wijk themselves; one
# gebiedsregisseur works for all partners together (gemeente, three corporaties, politie,
# welzijn), who pool their money into budgets the residents decide on.


def _hoogeveen() -> Gemeente:
    return Gemeente(
        code="GM0118",
        centre=(52.72, 6.48),
        name="Hoogeveen",
        answered_by=AgendaAnsweredBy.WIJKPLATFORM,
        phone="14 0528",
        website="https://www.hoogeveen.nl",
        themes=(
            ("Openbare ruimte en groen", PHYSICAL),
            ("Verkeersveiligheid", PHYSICAL),
            ("Wonen", PHYSICAL),
            ("Ontmoeten en verenigingsleven", SOCIAL),
            ("Jong en oud", SOCIAL),
            ("Zorg en ondersteuning", SOCIAL),
        ),
        orgs=(
            Org(
                "gemeente",
                "Gemeente Hoogeveen",
                OrganisationKind.GEMEENTE,
                website="https://www.hoogeveen.nl",
            ),
            Org("smederijen", "De Smederijen", OrganisationKind.OVERIG),
            Org("corporatie1", "Woonstichting De Smidse", OrganisationKind.CORPORATIE),
            Org("corporatie2", "Woningbouwvereniging Dorp en Veen", OrganisationKind.CORPORATIE),
            Org("corporatie3", "Wooncorporatie Drentse Vaart", OrganisationKind.CORPORATIE),
            Org("politie", "Politie Drenthe", OrganisationKind.POLITIE),
            Org("welzijn", "Welzijnswerk Hoogeveen", OrganisationKind.WELZIJN),
            Org("dorpsbelangen_hv", "Dorpsbelangen Hollandscheveld", OrganisationKind.BEWONERS),
            Org("dorpsbelangen_nl", "Dorpsbelangen Nieuwlande", OrganisationKind.BEWONERS),
            Org("bewoners_td", "Bewonersorganisaties Tiendeveen", OrganisationKind.BEWONERS),
        ),
        wijken=(
            Wijk(
                "WK011850",
                "Hoogeveen",
                description="De stad Hoogeveen met haar woonwijken, waaronder Krakeel, waar "
                "bewoners met een eigen leefbaarheidsbudget steeds meer buurtgenoten bij "
                "activiteiten betrekken.",
                buurten=(("BU01185001", "Krakeel"), ("BU01185002", "Centrum")),
            ),
            Wijk("WK011851", "De Weide", description="Woonwijk aan de westkant van Hoogeveen."),
            Wijk(
                "WK011852",
                "Fluitenberg",
                AreaKind.DORP,
                description="Dorp ten noordwesten van Hoogeveen.",
            ),
            Wijk(
                "WK011853", "Elim", AreaKind.DORP, description="Dorp ten zuidoosten van Hoogeveen."
            ),
            Wijk(
                "WK011854",
                "Hollandscheveld",
                AreaKind.DORP,
                description="Dorp ten zuidoosten van Hoogeveen. Dorpsbelangen stelt met de "
                "inwoners de dorpsagenda op en beslist mee over het dorpsbudget.",
                buurten=(
                    ("BU01185400", "Hollandscheveld kern"),
                    ("BU01185409", "Verspreide huizen Hollandscheveld"),
                ),
            ),
            Wijk(
                "WK011855",
                "Noordscheschut",
                AreaKind.DORP,
                description="Dorp ten oosten van Hoogeveen.",
            ),
            Wijk(
                "WK011856",
                "Nieuwlande",
                AreaKind.DORP,
                description="Dorp in het oosten van de gemeente. Honderden inwoners maakten "
                "samen een eigen dorpsontwikkelingsplan.",
            ),
            Wijk(
                "WK011857",
                "Nieuweroord",
                AreaKind.DORP,
                description="Dorp ten oosten van Hoogeveen.",
            ),
            Wijk(
                "WK011858",
                "Tiendeveen",
                AreaKind.DORP,
                description="Dorp ten noordoosten van Hoogeveen, waar twee bewonersorganisaties "
                "samen één dorpsagenda opstellen.",
            ),
            Wijk(
                "WK011859",
                "Stuifzand",
                AreaKind.DORP,
                description="Dorp ten noorden van Hoogeveen.",
            ),
            Wijk("WK011860", "Pesse", AreaKind.DORP, description="Dorp ten noorden van Hoogeveen."),
            Wijk(
                "WK011861",
                "Zuideropgaande Nieuw Moscou",
                AreaKind.DORP,
                description="Buurtschappen ten zuiden van Hoogeveen.",
            ),
            Wijk(
                "WK011862",
                "Industrie- en verspreide gebieden",
                description="Bedrijventerreinen en verspreide bebouwing buiten de dorpen.",
            ),
        ),
        people=(
            Person(
                "gebiedsregisseur.hoogeveen",
                "Jan Hoekstra",
                (
                    Holds(
                        Role.GEBIEDSREGISSEUR,
                        ("WK011854", "WK011856", "WK011858"),
                        "smederijen",
                        phone="14 0528",
                    ),
                ),
            ),
            Person(
                "voorzitter.hoogeveen",
                "Gea Oosting",
                (Holds(Role.PLATFORM_CHAIR, ("WK011854",), "dorpsbelangen_hv"),),
            ),
            Person(
                "wijkagent.hoogeveen",
                "Henk Wiersma",
                (Holds(Role.WIJKAGENT, ("WK011854", "WK011856"), "politie", phone=PHONE_POLITIE),),
            ),
            Person(
                "bewoner.hoogeveen",
                "Jannie Kuiper",
                (Holds(Role.RESIDENT, ("WK011854",), contact=False),),
            ),
        ),
        agendas=(
            WijkAgenda(
                "WK011854",
                items=(
                    Idea(
                        "AED aan de buitenmuur van het dorpshuis",
                        "De dichtstbijzijnde AED hangt binnen en is 's avonds en in het weekend "
                        "niet te bereiken.",
                        "Zorg en ondersteuning",
                        "bewoner.hoogeveen",
                        -2,
                    ),
                    Idea(
                        "Wandelroute rond het dorp met bankjes",
                        "Veel ouderen wandelen graag, maar onderweg is er nergens een plek om "
                        "even te rusten.",
                        "Openbare ruimte en groen",
                        "bewoner.hoogeveen",
                        -26,
                    ),
                    Idea(
                        "Starterswoningen voor jongeren uit het dorp",
                        "Jongeren die hier willen blijven, vinden geen betaalbaar huis en "
                        "trekken weg.",
                        "Wonen",
                        "bewoner.hoogeveen",
                        -52,
                        answer=Answer(
                            -46,
                            "voorzitter.hoogeveen",
                            OOIT,
                            conditions="Hangt af van de woningbouwafspraken die de gemeente en de "
                            "corporaties dit jaar maken; daarna is duidelijk of er een plek in "
                            "het dorp komt.",
                            answer_by=150,
                        ),
                    ),
                    Idea(
                        "Vrachtverkeer weren uit de hoofdstraat",
                        "Zware vrachtwagens denderen door het dorp.",
                        "Verkeersveiligheid",
                        "bewoner.hoogeveen",
                        -65,
                        answer=Answer(
                            -57,
                            "voorzitter.hoogeveen",
                            NOOIT,
                            motivation="Een verbod kan niet: de bedrijven aan de rand van het "
                            "dorp zijn alleen via deze weg bereikbaar. Er komen wel "
                            "snelheidsdisplays bij de dorpsentrees.",
                        ),
                    ),
                    Idea(
                        "Snelheidsdisplays bij de dorpsentrees",
                        "Bij het binnenrijden van het dorp wordt veel te hard gereden.",
                        "Verkeersveiligheid",
                        "bewoner.hoogeveen",
                        -36,
                        answer=Answer(
                            -31,
                            "voorzitter.hoogeveen",
                            NU,
                            motivation="De gemeente heeft displays beschikbaar en plaatst ze in "
                            "overleg met Dorpsbelangen.",
                            owner="gemeente",
                            due=20,
                        ),
                    ),
                    Agreed(
                        "Jeu-de-boulesbaan bij het dorpshuis",
                        "Een plek waar jong en oud elkaar treffen.",
                        "Ontmoeten en verenigingsleven",
                        "gebiedsregisseur.hoogeveen",
                        -115,
                        owner="dorpsbelangen_hv",
                        due=45,
                        source=Source.RESIDENT,
                        how="Dorpsbelangen legt de baan aan met vrijwilligers en betaalt het "
                        "materiaal uit het dorpsbudget.",
                        progress=(
                            Progress(
                                -60,
                                "gebiedsregisseur.hoogeveen",
                                "De vrijwilligers hebben de grond afgegraven; het materiaal is "
                                "besteld.",
                                Status.IN_PROGRESS,
                            ),
                            Progress(
                                -10,
                                "gebiedsregisseur.hoogeveen",
                                "De baan ligt er; het hek en de bankjes volgen nog.",
                            ),
                        ),
                    ),
                    Agreed(
                        "Ontmoetingsplek voor jongeren in overleg verplaatsen",
                        "Omwonenden ervaren overlast; de jongeren willen een plek waar ze wel "
                        "welkom zijn.",
                        "Jong en oud",
                        "gebiedsregisseur.hoogeveen",
                        -118,
                        owner="welzijn",
                        due=-45,
                        source=Source.MEETING,
                        how="Jongerenwerk, jongeren en omwonenden kiezen samen een nieuwe plek.",
                        progress=(
                            Progress(
                                -50,
                                "gebiedsregisseur.hoogeveen",
                                "Met de jongeren een plek bij de sportvelden gekozen; sindsdien "
                                "geen meldingen van overlast meer.",
                                Status.DONE,
                            ),
                        ),
                    ),
                    Agreed(
                        "Speeltuin in de nieuwbouwbuurt opknappen",
                        "De toestellen zijn versleten en deels afgezet.",
                        "Openbare ruimte en groen",
                        "gebiedsregisseur.hoogeveen",
                        -120,
                        owner="corporatie1",
                        due=-60,
                        source=Source.RESIDENT,
                        progress=(
                            Progress(
                                -25,
                                "gebiedsregisseur.hoogeveen",
                                "Nieuwe toestellen geplaatst en samen met de kinderen van de "
                                "basisschool geopend.",
                                Status.DONE,
                            ),
                        ),
                    ),
                    Agreed(
                        "Bermen herstellen langs de doorgaande weg",
                        "Na werk aan de weg zijn de bermen kapotgereden; fietsers raken in de "
                        "kuilen.",
                        "Verkeersveiligheid",
                        "gebiedsregisseur.hoogeveen",
                        -117,
                        owner="gemeente",
                        due=-12,
                        source=Source.MELDING,
                        progress=(
                            Progress(
                                -14,
                                "gebiedsregisseur.hoogeveen",
                                "De aannemer is aangesproken; het herstel is ingepland maar nog "
                                "niet uitgevoerd.",
                            ),
                        ),
                    ),
                    Agreed(
                        "Voorlichtingsavond over babbeltrucs voor ouderen",
                        "Ouderen in het dorp kregen onbekenden aan de deur die zich als "
                        "monteur voordeden.",
                        "Zorg en ondersteuning",
                        "gebiedsregisseur.hoogeveen",
                        -116,
                        owner="politie",
                        due=30,
                        progress=(
                            Progress(
                                -40,
                                "wijkagent.hoogeveen",
                                "Vervallen: de politie houdt deze avond nu met de "
                                "seniorenvereniging voor alle dorpen tegelijk.",
                                Status.DROPPED,
                            ),
                        ),
                    ),
                ),
                reviews=(
                    Review(
                        -98,
                        "voorzitter.hoogeveen",
                        "Dorpsagenda Hollandscheveld {year}: eerste vaststelling",
                        "Opgesteld door de inwoners en vastgesteld met alle partners.",
                    ),
                    Review(
                        -3,
                        "gebiedsregisseur.hoogeveen",
                        "Dorpsagenda Hollandscheveld {year}: tweede vaststelling",
                        "Met Dorpsbelangen en de partners doorgenomen.",
                    ),
                ),
            ),
            WijkAgenda(
                "WK011856",
                plan=Plan(
                    title="Dorpsontwikkelingsplan Nieuwlande",
                    summary="Geschreven door de inwoners van Nieuwlande zelf, met steun van de "
                    "partners van De Smederijen. De acties van elk jaar komen op de dorpsagenda.",
                    first_year=0,
                    adopted=-150,
                    revised=None,
                    goals=(
                        PlanGoal(
                            "Ontmoeten en verenigingsleven",
                            "Het dorpshuis blijft het hart van het dorp",
                            "Aantal activiteiten per maand in het dorpshuis",
                            (
                                Action(
                                    0, "Dorpshuis verduurzamen met eigen inzet", "dorpsbelangen_nl"
                                ),
                                Action(
                                    1,
                                    "Eén activiteitenkalender voor alle verenigingen",
                                    "dorpsbelangen_nl",
                                ),
                                Action(2, "Dorpshuis ook overdag open", "welzijn"),
                            ),
                        ),
                        PlanGoal(
                            "Jong en oud",
                            "Ouderen kunnen langer in het dorp blijven wonen",
                            "Aantal ouderen dat binnen het dorp verhuist in plaats van weg",
                            (
                                Action(0, "Vervoer naar de huisarts door vrijwilligers", "welzijn"),
                                Action(
                                    1, "Levensloopbestendige woningen onderzoeken", "corporatie2"
                                ),
                            ),
                        ),
                        PlanGoal(
                            "Verkeersveiligheid",
                            "Kinderen gaan veilig naar school",
                            "Aantal ouders dat de schoolroute veilig noemt",
                            (Action(0, "Schoolroute veiliger maken", "gemeente"),),
                        ),
                    ),
                    to_agenda=(
                        ToAgenda(
                            -130,
                            "gebiedsregisseur.hoogeveen",
                            0,
                            (
                                Scheduled(
                                    "Dorpshuis verduurzamen met eigen inzet",
                                    80,
                                    (
                                        Progress(
                                            -70,
                                            "gebiedsregisseur.hoogeveen",
                                            "Vrijwilligers hebben het dak geïsoleerd; de "
                                            "zonnepanelen zijn besteld.",
                                            Status.IN_PROGRESS,
                                        ),
                                    ),
                                ),
                                Scheduled(
                                    "Vervoer naar de huisarts door vrijwilligers",
                                    -20,
                                    (
                                        Progress(
                                            -30,
                                            "gebiedsregisseur.hoogeveen",
                                            "Tien chauffeurs rijden volgens een rooster; "
                                            "aanvragen gaan via het dorpshuis.",
                                            Status.DONE,
                                        ),
                                    ),
                                ),
                                Scheduled("Schoolroute veiliger maken", 60),
                            ),
                        ),
                    ),
                ),
                items=(),
                reviews=(
                    Review(
                        -28,
                        "gebiedsregisseur.hoogeveen",
                        "Dorpsagenda Nieuwlande {year}",
                        "Met Dorpsbelangen Nieuwlande vastgesteld.",
                    ),
                ),
            ),
            WijkAgenda(
                "WK011858",
                items=(
                    Agreed(
                        "Gezamenlijke dorpsavond over de dorpsagenda",
                        "De twee bewonersorganisaties willen één lijst met wensen voor het dorp.",
                        "Ontmoeten en verenigingsleven",
                        "gebiedsregisseur.hoogeveen",
                        -90,
                        owner="bewoners_td",
                        due=-40,
                        source=Source.MEETING,
                        progress=(
                            Progress(
                                -45,
                                "gebiedsregisseur.hoogeveen",
                                "Ruim tachtig inwoners kwamen; beide verenigingen stelden de "
                                "lijst samen op.",
                                Status.DONE,
                            ),
                        ),
                    ),
                    Idea(
                        "Overdekte fietsenstalling bij de school",
                        "Fietsen van de kinderen staan de hele dag in de regen.",
                        "Jong en oud",
                        "bewoner.hoogeveen",
                        -15,
                    ),
                ),
                reviews=(
                    Review(
                        -13,
                        "gebiedsregisseur.hoogeveen",
                        "Dorpsagenda Tiendeveen {year}",
                        "Vastgesteld door beide bewonersorganisaties samen.",
                    ),
                ),
            ),
        ),
    )


def municipalities(today: datetime.date) -> tuple[Gemeente, ...]:
    """The demo's municipalities; Etten-Leur's WOP is dated by calendar year."""
    return (DEN_HELDER, _etten_leur(today), _hoogeveen())


DEMO_CODES = ("GM0400", "GM0777", "GM0118")
