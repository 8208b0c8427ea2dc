"""The self-assessment instruments that ship with Wijkwerk, as versioned data.

An instrument is a questionnaire a municipality fills in about its own wijkgericht werken:
sections (a value, an opgave, an ACTIE aspect, a step of initiatiefkracht) with points to
score on the instrument's scale. The content is Dutch: a municipality's team reads it as it
is, so, like the surveys' standard burgerpeiling, it is data and not interface text. Every
instrument says where it comes from; the points are written in this project's own words.

Versions
--------
An assessment points at one version of an instrument. A version, once shipped, is never
edited: a new text is a new version beside it (same key, version + 1), so that assessments
made with an older version keep the points they were scored on. `instruments_load` adds the
versions that are missing and refuses a shipped version whose text has changed since (its
checksum no longer matches); it is run by a data migration and by the command
`assessments_instruments`, and running it again changes nothing.
"""

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction

STATEMENT = "stelling"
KANS = "kans"
VALKUIL = "valkuil"

# Scales, values 1..n; the labels say how far a point holds for the team's own practice.
EXTENT_4 = ("niet", "deels", "grotendeels", "volledig")
AGREE_5 = ("helemaal niet", "nauwelijks", "enigszins", "grotendeels", "helemaal")


@dataclass(frozen=True)
class PointSpec:
    text: str
    kind: str = STATEMENT
    help_text: str = ""


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    description: str
    points: tuple[PointSpec, ...]


@dataclass(frozen=True)
class InstrumentSpec:
    key: str
    version: int
    title: str
    audience: str
    intro: str
    source: str
    scale: tuple[str, ...]
    sections: tuple[SectionSpec, ...]

    @property
    def checksum(self) -> str:
        text = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def kansen(*texts: str) -> tuple[PointSpec, ...]:
    return tuple(PointSpec(text, KANS) for text in texts)


def valkuilen(*texts: str) -> tuple[PointSpec, ...]:
    return tuple(PointSpec(text, VALKUIL) for text in texts)


def shipped() -> list[InstrumentSpec]:
    """Every version of every shipped instrument, in the order they are listed."""
    from .actie import ACTIE_BELEID, ACTIE_FRONTLIJN
    from .checklist import OPGAVEN, WAARDEN
    from .initiatiefkracht import INITIATIEFKRACHT

    return [WAARDEN, OPGAVEN, ACTIE_FRONTLIJN, ACTIE_BELEID, INITIATIEFKRACHT]


class ShippedVersionChanged(Exception):
    """A shipped version's text differs from what was loaded: add a new version instead."""


def instruments_load(*, apps: Any = None) -> list[str]:
    """Store the shipped versions that are not there yet; returns "key v1" of each one added.

    `apps` is the migration state's registry (in a data migration) or None for the live one.
    """
    if apps is None:
        from django.apps import apps as live_apps

        apps = live_apps
    Instrument = apps.get_model("assessments", "Instrument")
    Section = apps.get_model("assessments", "Section")
    Point = apps.get_model("assessments", "Point")
    added = []
    with transaction.atomic():
        for spec in shipped():
            found = Instrument.objects.filter(key=spec.key, version=spec.version).first()
            if found is not None:
                if found.checksum != spec.checksum:
                    raise ShippedVersionChanged(
                        f"{spec.key} v{spec.version} differs from the stored version; "
                        "ship the new text as a new version"
                    )
                continue
            instrument = Instrument.objects.create(
                key=spec.key,
                version=spec.version,
                title=spec.title,
                audience=spec.audience,
                intro=spec.intro,
                source=spec.source,
                scale_labels=list(spec.scale),
                checksum=spec.checksum,
            )
            number = 0
            for position, section_spec in enumerate(spec.sections, 1):
                section = Section.objects.create(
                    instrument=instrument,
                    position=position,
                    key=section_spec.key,
                    title=section_spec.title,
                    description=section_spec.description,
                )
                for point_spec in section_spec.points:
                    number += 1
                    Point.objects.create(
                        section=section,
                        number=number,
                        kind=point_spec.kind,
                        text=point_spec.text,
                        help_text=point_spec.help_text,
                    )
            added.append(f"{spec.key} v{spec.version}")
    return added
