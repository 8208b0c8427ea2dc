"""The quality scale of a wijkschouw and the kinds of objects scored on it.

The levels are CROW's beeldkwaliteit scale (CROW, "Kwaliteitscatalogus openbare ruimte"):
A+ (very high), A (high), B (basic), C (low), D (very low). A municipality agrees with the
residents of a wijk which level each kind of object should have; a schouw scores what it
sees against that level. The descriptions below are Wijkwerk's own, short enough to read on
a phone during the walk; CROW's catalogue has the photographs that make them precise.

Where no level was agreed for a kind of object, B counts: the basic level most
municipalities keep as their standard.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    A_PLUS = "A+", _("A+ very high")
    A = "A", _("A high")
    B = "B", _("B basic")
    C = "C", _("C low")
    D = "D", _("D very low")


# Higher is better; a score below the agreed level is a finding (tekortkoming).
RANK: dict[str, int] = {Level.A_PLUS: 5, Level.A: 4, Level.B: 3, Level.C: 2, Level.D: 1}
DEFAULT_LEVEL = Level.B

LEVEL_HELP = {
    Level.A_PLUS: _("As new: nothing to improve."),
    Level.A: _("Well kept: a rare small flaw."),
    Level.B: _("Acceptable: some wear or litter, nothing in the way."),
    Level.C: _("Neglected: clearly visible wear, litter or weeds."),
    Level.D: _("Bad: broken, unsafe or unusable."),
}


class ObjectType(models.TextChoices):
    """What a schouw looks at: Wijkwerk's default list."""

    PLANTING = "beplanting", _("planting and shrubs")
    GRASS = "gras", _("grass")
    TREES = "bomen", _("trees")
    PAVING = "verharding", _("paving, roads and footpaths")
    WEEDS = "onkruid", _("weeds on paving")
    LITTER = "zwerfafval", _("litter")
    BINS = "afvalbakken", _("litter bins and containers")
    PLAY = "speelvoorzieningen", _("play equipment")
    FURNITURE = "meubilair", _("street furniture (benches, fences, posts)")
    LIGHTING = "verlichting", _("street lighting")
    SIGNS = "bebording", _("road signs and markings")
    WATER = "water", _("water and banks")
    GRAFFITI = "graffiti", _("graffiti and fly-posting")


# The category of meldingen a finding of this kind suggests (codes of the reports app's
# default tree, see reports/defaults.py); the reports app falls back to "Iets anders".
MELDING_CATEGORY_HINT: dict[str, str] = {
    ObjectType.PLANTING: "plantsoen",
    ObjectType.GRASS: "snoeien-maaien",
    ObjectType.TREES: "boom",
    ObjectType.PAVING: "bestrating",
    ObjectType.WEEDS: "onkruid",
    ObjectType.LITTER: "zwerfafval",
    ObjectType.BINS: "prullenbak",
    ObjectType.FURNITURE: "bankje",
    ObjectType.LIGHTING: "lantaarnpaal",
    ObjectType.SIGNS: "verkeersbord",
    ObjectType.PLAY: "speeltoestel",
    ObjectType.WATER: "drijfvuil",
    ObjectType.GRAFFITI: "graffiti",
}


def is_below(level: str, agreed: str) -> bool:
    return RANK[level] < RANK[agreed]
