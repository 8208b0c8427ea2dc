"""Hoogeveen, "De Smederijen": residents draw up the agenda of their dorp or wijk themselves; one
gebiedsregisseur works for all partners together (gemeente, three corporaties, politie,
welzijn), who pool their money into budgets the residents decide on."""

from wijkwerk.accounts.roles import Role
from wijkwerk.agenda.models import Source, Status
from wijkwerk.areas.models import AgendaAnsweredBy, AreaKind
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
            # Every dorp with a dorpsbudget has someone of its dorpsbelangen who may decide
            # on initiatives: the spelregels give that to the wijkplatform.
            Person(
                "voorzitter.nieuwlande",
                "Roelof Bakker",
                (Holds(Role.PLATFORM_CHAIR, ("WK011856",), "dorpsbelangen_nl"),),
            ),
            Person(
                "voorzitter.tiendeveen",
                "Aaltje Mulder",
                (Holds(Role.PLATFORM_CHAIR, ("WK011858",), "bewoners_td"),),
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
