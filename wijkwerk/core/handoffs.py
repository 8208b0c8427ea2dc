"""Handing work to an app of the same layer without importing it.

Apps of one layer may not import each other (see docs/architecture.md), yet a schouw finding
must become a melding. The app that owns the work registers, in its AppConfig.ready, one
function per kind of handoff; the app that hands work over calls `melding_create` here and
gets back what was made (kind + id, like an agenda item's origin). Nothing else lives here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.files import File


@dataclass(frozen=True)
class Made:
    """What a handoff made: "reports.report" and its id."""

    kind: str
    id: str


MeldingCreator = Callable[..., Made]

_melding_creator: MeldingCreator | None = None


def register_melding_creator(creator: MeldingCreator) -> None:
    """Called once by the reports app: `creator` takes the keyword arguments of
    `melding_create` and returns what it made, or raises ValidationError."""
    global _melding_creator
    _melding_creator = creator


def melding_create(
    *,
    municipality: Any,
    category_hint: str,
    text: str,
    lat: float,
    lon: float,
    actor: Any,
    photo: File | None = None,
) -> Made:
    """Make a melding in `municipality` at (lat, lon). `category_hint` is a category code the
    municipality may have ("zwerfafval"); the reports app picks its fallback when it has
    not. Call it inside the caller's transaction: a ValidationError leaves nothing behind."""
    if _melding_creator is None:
        raise ImproperlyConfigured("No app registered to take in meldingen (reports).")
    return _melding_creator(
        municipality=municipality,
        category_hint=category_hint,
        text=text,
        lat=lat,
        lon=lon,
        actor=actor,
        photo=photo,
    )
