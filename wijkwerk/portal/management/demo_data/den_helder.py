"""Den Helder: four wijken for wijkgericht werken, each adopted by a department whose
accountmanager is the wijk's contact, with a wijkplatform chaired by residents that keeps
the wijkagenda."""

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
    Agreed,
    Answer,
    Gemeente,
    Holds,
    Idea,
    Org,
    Person,
    Progress,
    Review,
    Wijk,
    WijkAgenda,
)

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
        # The other wijken with a wijkbudget have a regiegroep too, or nobody there could
        # decide on an initiative.
        Person(
            "regiegroep.stad",
            "Willem de Boer",
            (Holds(Role.REGIEGROEP_MEMBER, ("WK040001", "WK040002"), contact=False),),
        ),
        Person(
            "regiegroep.nieuwdenhelder",
            "Fatima El Amrani",
            (Holds(Role.REGIEGROEP_MEMBER, ("WK040003", "WK040004"), contact=False),),
        ),
        Person(
            "regiegroep.duinzoom",
            "Kees Smit",
            (Holds(Role.REGIEGROEP_MEMBER, ("WK040007", "WK040008"), contact=False),),
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
                    # Not answered within the term: the agenda's demo escalates it.
                    "Picknicktafel op het grasveld aan het Timorpad",
                    "Buren willen er in de zomer samen kunnen zitten; nu is er nergens een plek "
                    "om even bij elkaar te komen.",
                    "Meedoen en ontmoeten",
                    "bewoner",
                    -35,
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
