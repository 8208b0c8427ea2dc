"""The ACTIE instrument, in two versions: for frontline workers in the wijk, and for policy
makers, managers and bestuurders. ACTIE looks at how professionals and their organisations
support initiatives of residents: Animo (what drives the residents), Contact (their ties to
buurtgenoten, organisations and instanties), Toerusting (money or kind, time and skills),
Inbedding (how organisations are set up to support initiatives) and Empathie (whether
professionals and organisations can put themselves in residents' shoes).

Source: the ACTIE instrument from the research "Burgers maken hun buurt", as described in
the Wijkengids (chapter 13.2, "Start in de wijk: zet de bewoner centraal"). The research
describes the aspects and that there is a version per audience; the points below are this
project's own, written to those descriptions. The initiatives app scores a single
initiative on the same five aspects; this is the organisation looking at itself.
"""

from . import AGREE_5, InstrumentSpec, PointSpec, SectionSpec

SOURCE = (
    "Naar het ACTIE-instrument uit het onderzoek 'Burgers maken hun buurt', zoals beschreven "
    "in de Wijkengids (hoofdstuk 13.2, 'Start in de wijk: zet de bewoner centraal'). De "
    "aspecten komen uit het instrument; de punten zijn in eigen woorden van Wijkwerk."
)

TITLES = {
    "animo": ("Animo", "Wat bewoners drijft om hun initiatief vorm te geven."),
    "contact": (
        "Contact",
        "De verbinding met buurtgenoten, organisaties in de buurt en instanties.",
    ),
    "toerusting": (
        "Toerusting",
        "Geld of middelen in natura, tijd en vaardigheden waarover initiatiefnemers beschikken.",
    ),
    "inbedding": (
        "Inbedding",
        "Hoe organisaties zijn ingericht om initiatieven van bewoners te ondersteunen.",
    ),
    "empathie": (
        "Empathie",
        "Het vermogen van professionals en hun organisaties om zich in bewoners te verplaatsen "
        "en in te spelen op hun wensen en verwachtingen.",
    ),
}


def _sections(points: dict[str, tuple[str, ...]]) -> tuple[SectionSpec, ...]:
    return tuple(
        SectionSpec(key, TITLES[key][0], TITLES[key][1], tuple(PointSpec(t) for t in texts))
        for key, texts in points.items()
    )


ACTIE_FRONTLIJN = InstrumentSpec(
    key="actie-frontlijn",
    version=1,
    title="ACTIE voor frontlijnwerkers",
    audience="frontlijnwerkers in de wijk",
    intro=(
        "Voor wie in de wijk initiatieven van bewoners begeleidt: stimulerend, faciliterend of "
        "samen met bewoners. Geef bij elk punt aan hoe goed het past bij hoe u nu werkt."
    ),
    source=SOURCE,
    scale=AGREE_5,
    sections=_sections(
        {
            "animo": (
                "Ik vraag initiatiefnemers wat hen drijft en wat zij met hun plan willen bereiken.",
                "Ik laat de energie en de eigen aanpak van bewoners leidend zijn, ook als ik het "
                "zelf anders zou doen.",
                "Ik laat merken dat ik de inzet van bewoners zie en waardeer.",
            ),
            "contact": (
                "Ik help initiatiefnemers in contact te komen met buurtgenoten die willen meedoen.",
                "Ik breng initiatiefnemers in verbinding met organisaties en instanties die hen "
                "verder kunnen helpen.",
                "Initiatiefnemers hebben in mij één vast en bereikbaar aanspreekpunt.",
            ),
            "toerusting": (
                "Ik weet welke middelen (geld, ruimte, materiaal) er voor initiatieven zijn en "
                "hoe bewoners eraan komen.",
                "Ik help bewoners de vaardigheden op te bouwen die hun initiatief vraagt, zonder "
                "het van hen over te nemen.",
                "Ik neem bewoners zo veel mogelijk papierwerk en regelwerk uit handen.",
            ),
            "inbedding": (
                "In mijn organisatie is duidelijk wie wat doet voor initiatieven van bewoners.",
                "Ik vind in mijn organisatie snel iemand die een knoop kan doorhakken.",
                "Mijn werk met initiatieven telt mee in hoe mijn organisatie mijn werk beoordeelt.",
            ),
            "empathie": (
                "Ik verplaats mij in de situatie en het tempo van bewoners, ook van wie weinig "
                "ervaring heeft met instanties.",
                "Ik ben eerlijk over wat wel en niet kan, en leg uit waarom.",
                "Als het initiatief eenmaal loopt, blijf ik op de achtergrond beschikbaar.",
            ),
        }
    ),
)

ACTIE_BELEID = InstrumentSpec(
    key="actie-beleid",
    version=1,
    title="ACTIE voor beleidsmakers, managers en bestuurders",
    audience="beleidsmakers, managers en bestuurders",
    intro=(
        "Voor wie beleid maakt, leiding geeft of bestuurt: zijn uw organisatie en uw beleid zo "
        "ingericht dat initiatieven van bewoners kunnen groeien? Geef bij elk punt aan hoe goed "
        "het past bij uw organisatie."
    ),
    source=SOURCE,
    scale=AGREE_5,
    sections=_sections(
        {
            "animo": (
                "Ons beleid vertrekt vanuit wat bewoners zelf willen, niet vanuit wat wij willen "
                "dat bewoners doen.",
                "Wij voorkomen dat initiatieven van bewoners worden ingezet voor onze eigen "
                "agenda.",
                "Bewoners merken dat hun inzet door onze organisatie gewaardeerd wordt.",
            ),
            "contact": (
                "Onze organisatie heeft vaste contactpersonen voor initiatiefnemers en maakt "
                "die bekend.",
                "Wij moedigen initiatieven aan die groepen in de buurt met elkaar verbinden.",
                "Wij werken met andere instanties samen, zodat bewoners niet van loket naar "
                "loket hoeven.",
            ),
            "toerusting": (
                "Er is geld voor initiatieven dat snel en eenvoudig beschikbaar is, "
                "bijvoorbeeld met vouchers.",
                "Medewerkers hebben tijd en ruimte om initiatieven te begeleiden.",
                "Wij investeren in ondersteuning van bewoners, ook van wie minder vaardigheden "
                "heeft.",
            ),
            "inbedding": (
                "Regels en procedures zijn zo ingericht dat ze initiatieven mogelijk maken in "
                "plaats van tegenhouden.",
                "Steun aan initiatieven is een vaste taak in onze organisatie, niet het werk "
                "van een enkeling.",
                "Wat wij aan verantwoording vragen, staat in verhouding tot de omvang van een "
                "initiatief.",
            ),
            "empathie": (
                "Wij weten hoe initiatiefnemers onze organisatie ervaren, en leren daarvan.",
                "Leidinggevenden en bestuurders gaan zelf in gesprek met initiatiefnemers.",
                "Wij vertrouwen bewoners en beperken controle tot wat echt nodig is; daarover "
                "zijn wij eerlijk.",
            ),
        }
    ),
)
