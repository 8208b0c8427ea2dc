"""A starting category tree for meldingen openbare ruimte, which a municipality adapts.

Written for Wijkwerk; the grouping and the handling terms (mostly 3 working days for waste,
5 for green, lighting and roads, calendar days for urgent nuisance) follow the realistic
defaults of Amsterdam's Signalen (MPL-2.0, © Gemeente Amsterdam / VNG), used as a reference.
"""

from .models import DayType

W, C = DayType.WORKING, DayType.CALENDAR

# (code, name, [(code, name, days, day type, description)])
DEFAULT_TREE: list[tuple[str, str, list[tuple[str, str, int, str, str]]]] = [
    (
        "afval",
        "Afval",
        [
            ("container-vol", "Container vol", 3, W, "Een ondergrondse of losse container is vol."),
            ("container-kapot", "Container kapot", 3, W, "Klep, trommel of bak werkt niet."),
            ("grofvuil", "Grofvuil op straat", 3, W, "Meubels, matrassen, witgoed."),
            ("zwerfafval", "Zwerfafval", 3, W, "Losse rommel op straat of in het groen."),
            ("prullenbak", "Prullenbak vol of kapot", 3, W, ""),
            ("gevaarlijk-afval", "Gevaarlijk afval", 1, W, "Asbest, accu's, chemicaliën."),
        ],
    ),
    (
        "groen",
        "Groen",
        [
            ("boom", "Boom", 5, W, "Een zieke, gevallen of gevaarlijke boom."),
            ("snoeien-maaien", "Snoeien of maaien", 10, W, ""),
            ("onkruid", "Onkruid", 10, W, ""),
            ("plantsoen", "Plantsoen beschadigd", 10, W, ""),
        ],
    ),
    (
        "verlichting",
        "Verlichting",
        [
            ("lantaarnpaal", "Lantaarnpaal doet het niet", 5, W, ""),
            (
                "lantaarnpaal-gevaar",
                "Lantaarnpaal gevaarlijk",
                1,
                C,
                "Scheef, open kastje, losse draden.",
            ),
        ],
    ),
    (
        "wegen",
        "Wegen, verkeer en straatmeubilair",
        [
            ("bestrating", "Losse of kapotte stoeptegels", 5, W, ""),
            ("gat-in-de-weg", "Gat in de weg", 3, W, ""),
            ("verkeersbord", "Verkeersbord of paaltje", 5, W, ""),
            ("bankje", "Bankje of hek kapot", 10, W, ""),
            ("fietswrak", "Fietswrak", 15, W, ""),
            ("gladheid", "Gladheid", 1, C, "Sneeuw of ijs op een fietspad of stoep."),
        ],
    ),
    (
        "spelen",
        "Speelplekken",
        [
            ("speeltoestel", "Speeltoestel kapot", 3, W, ""),
            ("zandbak", "Zandbak vervuild", 5, W, ""),
        ],
    ),
    (
        "water",
        "Water",
        [
            ("riool", "Verstopt riool of putje", 3, W, ""),
            ("wateroverlast", "Wateroverlast op straat", 1, C, ""),
            ("drijfvuil", "Drijfvuil of dode vis", 5, W, ""),
        ],
    ),
    (
        "overlast",
        "Overlast",
        [
            ("geluid", "Geluidsoverlast", 3, C, ""),
            ("parkeren", "Fout geparkeerd of weesauto", 5, W, ""),
            ("dieren", "Overlast van dieren", 5, W, "Ratten, duiven, meeuwen."),
            ("graffiti", "Graffiti of wildplakken", 10, W, ""),
        ],
    ),
    ("overig", "Overig", [("overig", "Iets anders", 5, W, "Wat in geen andere categorie past.")]),
]
