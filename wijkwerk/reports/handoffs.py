"""Meldingen handed over by other apps of this layer (a schouw finding) through
`wijkwerk.core.handoffs`, registered in ReportsConfig.ready."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Municipality
from wijkwerk.core.handoffs import Made

from .models import Category, Channel
from .services import report_create

# "Iets anders" of the default tree (see categories_install_defaults), or a municipality's own.
FALLBACK_CODES = ("overig-overig", "overig")


def _category(municipality: Municipality, hint: str) -> Category | None:
    """The active category without subcategories with the hinted code, else a fallback."""
    leaves = Category.objects.filter(
        municipality=municipality, is_active=True, children__isnull=True
    )
    found = {c.code: c for c in leaves.filter(code__in=[hint, *FALLBACK_CODES])}
    return next((found[code] for code in (hint, *FALLBACK_CODES) if code in found), None)


def melding_from_handoff(
    *,
    municipality: Municipality,
    category_hint: str,
    text: str,
    lat: float,
    lon: float,
    actor: Any,
    photo: File | None = None,
) -> Made:
    """A web melding entered by `actor`, in the hinted category (or "Iets anders")."""
    category = _category(municipality, category_hint)
    if category is None:
        raise ValidationError(
            {"category": [_("This municipality has no category of meldingen for this.")]}
        )
    report = report_create(
        municipality=municipality,
        category=category,
        description=text,
        lat=lat,
        lon=lon,
        channel=Channel.WEB,
        actor=actor,
        photos=[photo] if photo is not None else [],
    )
    return Made(kind="reports.report", id=str(report.pk))
