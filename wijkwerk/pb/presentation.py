"""How a tally's exact amounts and reasons read on the pages (public and staff)."""

from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from wijkwerk.budgets.money import format_euros


def exact_euros(value: str | Fraction | None) -> str:
    """An exact amount in euros ("p/q" text or a Fraction) in the active language's
    notation, to the cent."""
    if value in (None, ""):
        return ""
    return format_euros(round(Fraction(value) * 100))


def line_explanation(line: Any) -> str:
    """Why a project of a tally was not chosen, in figures (empty when there are none)."""
    if line.missing and line.supporters_had:
        return _(
            "In step %(step)s its supporters had %(had)s together; %(missing)s was missing."
        ) % {
            "step": line.step,
            "had": exact_euros(line.supporters_had),
            "missing": exact_euros(line.missing),
        }
    if line.missing:
        return _("%(missing)s was missing when its turn came.") % {
            "missing": exact_euros(line.missing)
        }
    return ""
