"""The VNG "Doe-Het-Zelf checklist": the ten values every approach of wijkgericht werken has
from its first step, and the ten opgaven of the next step, each with its kansen (what leads
to success) and valkuilen (what holds it back), numbered 1 to 97 as in the checklist.

Source: VNG and Ministerie van Binnenlandse Zaken, "Een stap verder met Wijkgericht werken.
Hoe doe je dat?" (Deventer, december 2009), text by Joop Hofman/Rode Wouw with the
participants of the In Actie Met Burgers-proeftuin (Amsterdam-Westerpark, Beverwijk, Capelle
a/d IJssel, Doesburg, Emmen, Heerhugowaard, Lisse, Oldebroek, Westervoort). The points here
are written in this project's own words; "wijk" also stands for buurt or dorp.
"""

from . import EXTENT_4, InstrumentSpec, PointSpec, SectionSpec, kansen, valkuilen

SOURCE = (
    "Naar: VNG en Ministerie van BZK, 'Een stap verder met Wijkgericht werken. Hoe doe je "
    "dat?' (Doe-Het-Zelf-checklist, december 2009), tekst Joop Hofman/Rode Wouw met de "
    "deelnemers van de proeftuin In Actie Met Burgers. In eigen woorden van Wijkwerk."
)

_VALUE_HELP = "Hoe sterk is deze waarde terug te zien in hoe uw gemeente nu werkt?"


def _value(key: str, title: str, text: str) -> SectionSpec:
    return SectionSpec(key, title, "", (PointSpec(text, help_text=_VALUE_HELP),))


WAARDEN = InstrumentSpec(
    key="tien-waarden",
    version=1,
    title="Tien waarden voor de eerste stap",
    audience="gemeente en wijkpartners",
    intro=(
        "Er is geen blauwdruk voor wijkgericht werken, maar tien waarden komen in elke aanpak "
        "terug, vanaf de eerste stap. Geef per waarde aan hoe ver uw gemeente is."
    ),
    source=SOURCE,
    scale=EXTENT_4,
    sections=(
        _value(
            "samenwerking",
            "Samenwerking",
            "Gemeente, bewoners en professionele wijkpartners, zoals corporatie, politie, "
            "welzijnswerk en scholen, trekken samen op.",
        ),
        _value(
            "schaal",
            "Schaal",
            "Het werk is georganiseerd per wijk, dorp of deelgebied.",
        ),
        _value(
            "integraal",
            "Integraal",
            "Het gebied zelf is het vertrekpunt, niet een beleidssector, een los onderwerp of "
            "de stad als geheel.",
        ),
        _value(
            "samen",
            "Samen",
            "Partijen nemen elkaar serieus: zij luisteren naar elkaar en geven antwoord.",
        ),
        _value(
            "vraaggericht",
            "Vraaggericht",
            "Wat professionals aanbieden sluit aan bij wat bewoners vragen en zelf kunnen.",
        ),
        _value(
            "zeggenschap",
            "Zeggenschap",
            "Bewoners gelden als medeverantwoordelijk voor hun eigen woon- en leefomgeving: "
            "zeggenschap en verantwoordelijkheid worden met hen gedeeld en aangemoedigd.",
        ),
        _value(
            "fysiek-en-sociaal",
            "Fysiek en sociaal",
            "De aanpak wil de leefbaarheid beter maken, zowel de fysieke omgeving als het "
            "samenleven.",
        ),
        _value(
            "dienstverlening",
            "Dienstverlening",
            "De professionele organisaties werken eraan hun diensten in de wijk te verbeteren.",
        ),
        _value(
            "participatie",
            "Participatie",
            "Bewoners hebben concrete mogelijkheden en middelen om mee te doen.",
        ),
        _value(
            "bestuur-erbij",
            "Bestuur erbij",
            "Het college en de wijk hebben contact met elkaar en wisselen regelmatig uit.",
        ),
    ),
)


OPGAVEN = InstrumentSpec(
    key="tien-opgaven",
    version=1,
    title="Tien opgaven voor de vervolgstap (Doe-Het-Zelf-checklist)",
    audience="wijkcoördinatoren, wijkregisseurs en hun organisaties",
    intro=(
        "Voor gemeenten die de eerste stap hebben gezet: tien opgaven voor de volgende, elk "
        "met kansen die tot succes leiden en valkuilen die remmen. Geef bij elk punt aan in "
        "hoeverre het voor uw gemeente opgaat. Bij een valkuil is 'volledig' dus zwak: het "
        "profiel rekent dat om."
    ),
    source=SOURCE,
    scale=EXTENT_4,
    sections=(
        SectionSpec(
            "breed-bereik",
            "Breed bereik",
            "Meer bewoners, en meer verschillende bewoners, worden intensief betrokken bij de "
            "vraagstukken van hun wijk of dorp.",
            kansen(
                "Bewonersorganisaties en -verbanden zetten zich met hart en ziel in voor de wijk.",
                "De bewoners die meedoen verschillen in interesses en talenten: er zijn "
                "signaleerders, vernieuwers, verbinders en doeners.",
                "Bestuurders dragen actief uit dat zo veel mogelijk bewoners mee vormgeven aan "
                "de samenleving.",
                "In de wijk werken professionals die bewoners activeren, zoals opbouwwerkers.",
                "Naast vergaderingen zijn er ook informele manieren om met elkaar te overleggen.",
                "Over kleine oplossingen en ideeën van bewoners valt snel een besluit, binnen "
                "drie dagen.",
                "Convenanten leggen vast hoe partijen rechtstreeks met bewoners overleggen, "
                "zodat meer bewoners bereikt worden.",
            )
            + valkuilen(
                "Een werkwijze die in de wijken ideeën losmaakt en inspireert ontbreekt.",
                "Elk idee wordt eerst gelegd naast het beleid dat er al is.",
                "Het geld voor bewoners is tijdelijk of zit vast aan een bepaald doel.",
                "De communicatie richt zich vooral op de kopgroep en het kader van de "
                "bestaande bewonersorganisaties.",
                "Spelregels over wat mogelijk is groeien uit tot een protocol van verboden en "
                "verplichtingen.",
                "Geld en ruimte zijn alleen in te zetten volgens de planning- en controlcyclus "
                "van gemeente of corporatie.",
            ),
        ),
        SectionSpec(
            "actief-faciliteren",
            "Actief faciliteren",
            "Initiatieven en plannen van bewoners worden aangemoedigd en actief ondersteund.",
            kansen(
                "Met een klein, snel inzetbaar budget ('smeerolie') kan direct op een "
                "initiatief worden ingespeeld.",
                "Duidelijke spelregels laten zien aan welke eisen een bewonersinitiatief moet "
                "voldoen, ook voor de verantwoording van het geld.",
                "Bewoners krijgen steun op maat: een luisterend oor, hulp, een duwtje, tips.",
                "Ten minste één professional, bijvoorbeeld bij de gemeente, kan ruimte maken "
                "voor initiatieven van bewoners (een wijkcoördinator of initiatievenmakelaar).",
                "Leidinggevenden en medewerkers zoeken binnen of naast hun eigen budget, regels "
                "en beleid naar manieren om initiatieven in te passen.",
                "Organisaties spreken af dat elke afdeling een deel van haar tijd of geld vrij "
                "houdt voor initiatieven die zich aandienen.",
            )
            + valkuilen(
                "Van de bewoners die meedoen wordt verwacht dat zij elk een achterban "
                "vertegenwoordigen.",
                "Processen in organisaties duren lang en spelen zich af achter bestuurlijke en "
                "ambtelijke schermen.",
                "Bewoners worden ingezet om steun te verwerven voor wat de overheid of de "
                "wijkpartners al van plan waren.",
                "Bewoners praten met medewerkers die niets mogen beslissen.",
                "Het bestuur toont geen wil en geen enthousiasme.",
                "Zichtbare resultaten blijven uit.",
            ),
        ),
        SectionSpec(
            "open-podium",
            "Open podium",
            "Er is een podium dat open staat voor alle bewoners: om iets te horen, te zeggen en "
            "te vinden, en om iets voor de wijk te doen.",
            kansen(
                "Alle deelnemers zijn het eens over de status van het podium.",
                "Het podium is goed georganiseerd (uitnodiging, werkvorm, verslag, evaluatie), "
                "wordt bijgehouden en verder ontwikkeld.",
                "De professionele partijen doen mee aan het podium.",
                "Het podium heeft bevoegdheden en middelen om iets met ideeën en plannen te doen.",
                "Het podium gebruikt verschillende werkvormen en manieren van interactie.",
                "Bewoners en organisaties in de wijk kennen het podium, onder meer door tijdige "
                "aankondiging van data en plaats en door berichten over de voortgang.",
                "Over het podium wordt actief gecommuniceerd met de wijk, de politiek en de "
                "deelnemende partijen.",
            )
            + valkuilen(
                "Het podium heeft geen of een onduidelijke status.",
                "Overleggen van andere partijen beconcurreren het podium.",
                "Professionals ontlopen het gesprek ('we nemen het mee').",
                "Vergaderen is de enige werkvorm.",
            ),
        ),
        SectionSpec(
            "structuur-en-methodiek",
            "Structuur en methodiek",
            "Er is een vorm of methode van samenwerken waarin bewoners, gemeente en "
            "wijkpartners samen verantwoordelijk plannen maken.",
            kansen(
                "Iedere actieve partij in de wijk kent de methode waarmee plannen worden gemaakt.",
                "Er is vast overleg met een heldere functie, en de partijen kennen elkaars rol.",
                "Het is duidelijk hoe de samenwerking zich verhoudt tot de bestaande "
                "organisaties, en zij zet alle partijen in beweging.",
                "Het werken naar een gezamenlijk resultaat verloopt als proces, vaak in fasen.",
                "Alle partijen willen meewerken aan het (verder) ontwikkelen van de methode.",
                "Bestuur en directie laten de samenwerkingsmethode bewust leidend zijn in hun "
                "beleidsprocessen.",
                "Partijen verdiepen zich in elkaars situatie en geven wat eigen belang op om "
                "samen meer te bereiken.",
            )
            + valkuilen(
                "Sommige deelnemers stellen zich weinig opbouwend op ('het helpt toch niet').",
                "Het overleg of de methode wordt vooral door één partij georganiseerd, zonder "
                "dat anderen zich mede-eigenaar voelen.",
                "Het overleg is zo open en ongericht dat het voelt als doelloos praten of als "
                "klaagpodium.",
                "De samenwerking blijft steken in het afstemmen van wat er al is, of in het "
                "ophalen en signaleren van vragen.",
                "Het overleg dient vooral om steun te zoeken voor de agenda en opvattingen van "
                "één partij.",
            ),
        ),
        SectionSpec(
            "samenwerking-met-mandaat",
            "Samenwerking met mandaat",
            "Samenwerkende partijen stimuleren, sturen en bewaken samen de sociale en fysieke "
            "leefbaarheid van de wijk; met een mandaat kunnen zij slagvaardig handelen.",
            kansen(
                "Samenwerkingsteams hebben wat nodig is om grotendeels zelf te sturen.",
                "Alle partijen in de wijk zijn bekend en doen mee.",
                "De samenwerking is gericht op actie, met een budget dat toereikend is en waar "
                "de deelnemers bij kunnen.",
                "Alle lagen van de professionele organisaties werken open mee.",
                "De kaders van de samenwerking zijn voor iedereen helder vastgelegd: wat "
                "leefbaarheid is, doelen, thema's, proces, evaluatie, ieders inbreng en "
                "verantwoordelijkheid.",
                "Er wordt samengewerkt op uitvoerend niveau (acties), tactisch niveau "
                "(wijkjaarplan) en strategisch niveau (analyse, wijkvisie).",
            )
            + valkuilen(
                "Op uitvoerend niveau zijn er te weinig middelen.",
                "Op uitvoerend niveau neemt niemand het initiatief om te beslissen en "
                "verantwoordelijkheid te nemen.",
                "Afspraken tussen partijen zijn in de praktijk gegroeid maar nergens vastgelegd.",
                "De structuur van de samenwerking is voor de deelnemende partijen onduidelijk.",
                "Bewoners worden eerder als doelgroep behandeld dan als partner.",
                "Er wordt veel vergaderd en weinig gedaan.",
                "In de praktijk houdt ieder zich vooral met het eigen onderwerp bezig "
                "(verkokering).",
            ),
        ),
        SectionSpec(
            "ruimte-vrij-maken",
            "Ruimte vrij maken",
            "Alle partijen hebben genoeg ruimte in geld, tijd en inhoud om in te spelen op "
            "wat er in de wijk opkomt.",
            kansen(
                "Alle wijkpartijen kennen de hoofddoelen; afdelingen van professionele partijen "
                "stellen hun eigen deeldoelen daaraan ondergeschikt.",
                "Organisaties reserveren in planning en begroting tijd, geld en inhoudelijke "
                "ruimte voor alle kanten van wijkgericht werken.",
                "Medewerkers wijkgericht werken kunnen met diensten en afdelingen afspraken "
                "maken over wat die leveren.",
                "Medewerkers wijkgericht werken kunnen rechtstreeks bij het managementteam en "
                "de gemeentesecretaris terecht voor ruimte en medewerking.",
            )
            + valkuilen(
                "Partijen botsen over deelbelangen en zoeken niet naar een oplossing.",
                "Geldstromen lopen naast elkaar en worden niet samen ingezet.",
                "Wijkgericht werken wordt van één kant opgelegd.",
                "Georganiseerde bewoners treden eerder op als verzamelaars van klachten dan als "
                "sterke tegenspelers.",
            ),
        ),
        SectionSpec(
            "ruimte-voor-professionals",
            "Ruimte voor professionals",
            "Medewerkers gaan de samenwerking met bewoners en anderen aan met lef, creativiteit "
            "en oog voor wat kan.",
            kansen(
                "Voor medewerkers wegen doel en bedoeling zwaarder dan getalsmatige targets.",
                "Medewerkers weten welke ruimte hun taak hun geeft.",
                "Het bestuur staat achter de medewerkers (vastgelegd in het collegeprogramma) en "
                "geeft zo ruimte om te durven en om fouten te maken.",
                "Bewoners zijn sterke tegenspelers en denken creatief mee over oplossingen.",
                "De wijk heeft een gedeelde inhoudelijke agenda die de ruimte rechtvaardigt.",
            )
            + valkuilen(
                "Medewerkers houden zich bescheiden op de achtergrond.",
                "Oplossingen en uitkomsten liggen al vast voordat het proces begint.",
                "SMART-plannen en vaste beleidslijnen bepalen het proces.",
            ),
        ),
        SectionSpec(
            "dienstverlening",
            "Dienstverlening",
            "De bestaande dienstverlening in de wijk is van goede kwaliteit.",
            kansen(
                "Vakmensen voelen zich sterk verantwoordelijk voor en betrokken bij hun werk.",
                "Bewoners beoordelen de wijkgerichte diensten van de organisaties regelmatig, "
                "en positief.",
                "De dienstverlening gaat uit van de vraag, bijvoorbeeld via panels of via met "
                "bewoners afgesproken kwaliteitsniveaus voor inrichting en beheer van de "
                "openbare ruimte.",
                "Bewoners houden zelf de beheerkwaliteit in de wijk in het oog, bijvoorbeeld met "
                "een wijkschouw.",
                "Binnen de professionele partijen werkt men met respect voor elkaar samen.",
            )
            + valkuilen(
                "Er is geen systeem om de kwaliteit van diensten bij te houden.",
                "Medewerkers voeren hun taken strikt en plichtmatig uit.",
                "Diensten worden versnipperd georganiseerd en aangestuurd (eilandjescultuur).",
            ),
        ),
        SectionSpec(
            "profiel",
            "Profiel",
            "Wijkgericht werken heeft een duidelijk gezicht.",
            kansen(
                "Het speelveld is scherp afgebakend en uitgedragen: wat het is, wie erbij horen, "
                "waarom het er is, waar en hoe het bereikbaar is, wat het wel en niet doet, hoe "
                "je meedoet.",
                "Wijkgericht werken is verweven met de processen van de organisaties, "
                "bijvoorbeeld met een wijktoets in besluitstukken of als vast agendapunt in "
                "overleggen.",
                "Er is een bestuurder die aanspreekbaar is op wijkgericht werken.",
                "Medewerkers in de organisaties zoeken uit zichzelf de samenwerking met "
                "wijkgericht werken op.",
                "De communicatie over wijkgericht werken is helder: een herkenbaar beeld, vaste "
                "gezichten, bereikbare telefoonnummers.",
                "Er wordt actief en regelmatig gecommuniceerd, intern en extern.",
            )
            + valkuilen(
                "Wijkgericht werken wordt pas ingezet als het spannend wordt, om schade voor "
                "bestuur of organisaties op te vangen (een airbag).",
                "Wijkgericht werken geldt als extra toets bij beleid, naast de bestaande "
                "beleidsprogramma's.",
            ),
        ),
        SectionSpec(
            "rugdekking",
            "Rugdekking",
            "Een beschermheer of -vrouw met gezag steunt wijkgericht werken in woord en daad, "
            "verdedigt het en kan het uitleggen.",
            kansen(
                "Bestuur, directie en managementteam spreken hun steun voor wijkgericht werken "
                "uit.",
                "Het collegeprogramma bevat afspraken over de richting waarin wijkgericht werken "
                "zich ontwikkelt.",
                "Iemand met uitstraling en gezag maakt wijkgericht werken tot zijn of haar zaak "
                "en staat ervoor.",
            )
            + valkuilen("Er is draagvlak in het hele college, maar daar blijft het bij."),
        ),
    ),
)
