"""The four steps of initiatiefkracht: residents as initiatiefnemer, as participant in
planning and decisions, as mede-opdrachtgever and as opdrachtgever. Each step asks other
skills of residents, and other support of the municipality and its partners; the points
ask how well the local climate helps residents take each step. The steps are those of the
participatieladder that the initiatives app records per initiative.

Source: Eisse Kalk (Agora Europa) and Joop Hofman (Joop Hofman Allianties), "Werkatelier
Wijkgericht werken met de bewoner als opdrachtgever" (2007), on De Smederijen of Hoogeveen.
The points are written in this project's own words.
"""

from . import EXTENT_4, InstrumentSpec, PointSpec, SectionSpec

INITIATIEFKRACHT = InstrumentSpec(
    key="initiatiefkracht",
    version=1,
    title="De vier stappen van initiatiefkracht",
    audience="gemeente, corporaties en welzijn",
    intro=(
        "Initiatiefkracht groeit in stappen: van bewoners die een idee verkennen tot bewoners "
        "die zelf opdrachtgever zijn. Geef per punt aan hoe ver uw gemeente en partners "
        "bewoners op elke stap helpen."
    ),
    source=(
        "Naar Eisse Kalk (Agora Europa) en Joop Hofman (Joop Hofman Allianties), 'Werkatelier "
        "Wijkgericht werken met de bewoner als opdrachtgever' (2007), over De Smederijen van "
        "Hoogeveen. In eigen woorden van Wijkwerk."
    ),
    scale=EXTENT_4,
    sections=(
        SectionSpec(
            "initiatiefnemer",
            "Bewoners als initiatiefnemer",
            "Verkennen, een informeel netwerk, het begin van een organisatie.",
            (
                PointSpec(
                    "Bewoners met een idee vinden gemakkelijk iemand die meedenkt en de weg wijst."
                ),
                PointSpec("Informele netwerken van bewoners worden gezien en benut."),
                PointSpec("Bewoners krijgen hulp bij de eerste stappen om zich te organiseren."),
            ),
        ),
        SectionSpec(
            "participant",
            "Bewoners als participant",
            "Meedoen in plan- en besluitvorming: samenwerken en samen in actie komen.",
            (
                PointSpec(
                    "Bewoners denken vanaf het begin mee over plannen en besluiten, niet "
                    "pas aan het eind."
                ),
                PointSpec("Bewoners en professionals voeren samen acties uit."),
                PointSpec(
                    "Er is een klimaat waarin alle partners bijdragen aan de kracht van "
                    "bewoners, bijvoorbeeld met een gezamenlijke ontwerpsessie."
                ),
            ),
        ),
        SectionSpec(
            "mede-opdrachtgever",
            "Bewoners als mede-opdrachtgever",
            "Een eigen organisatie opbouwen, taken verdelen, terugkoppelen.",
            (
                PointSpec(
                    "Bewonersorganisaties krijgen steun bij het opbouwen van een eigen "
                    "organisatie met een taakverdeling."
                ),
                PointSpec(
                    "Bewoners bepalen mee wat er in hun wijk gebeurt en horen wat er met "
                    "hun inbreng is gedaan."
                ),
                PointSpec("Partners leggen aan bewoners verantwoording af over de uitvoering."),
            ),
        ),
        SectionSpec(
            "opdrachtgever",
            "Bewoners als opdrachtgever",
            "Een eigen rechtsvorm en beheer over middelen.",
            (
                PointSpec(
                    "Waar het helpt hebben bewoners een eigen rechtsvorm, zoals een "
                    "vereniging of stichting."
                ),
                PointSpec(
                    "Bewoners hebben bestedingsrecht over een budget voor hun wijk of "
                    "dorp, bijeengebracht door gemeente en partners."
                ),
                PointSpec(
                    "Bewoners stellen zelf hun wijk- of dorpsagenda op, vrij van bestaande "
                    "beleidskaders."
                ),
            ),
        ),
    ),
)
