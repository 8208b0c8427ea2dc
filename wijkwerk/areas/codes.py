"""CBS area codes: GM + 4 digits, WK + gemeente digits + 2, BU + wijk digits + 2.

The wijk and buurt positions are usually digits but may be capital letters (Amsterdam has
`WK0363AA`), so the last positions accept [0-9A-Z].
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MUNICIPALITY_RE = re.compile(r"^GM\d{4}$")
WIJK_RE = re.compile(r"^WK\d{4}[0-9A-Z]{2}$")
BUURT_RE = re.compile(r"^BU\d{4}[0-9A-Z]{4}$")


def _validate(pattern: re.Pattern[str], code: str, explanation: str) -> None:
    if not pattern.match(code or ""):
        raise ValidationError(explanation % {"code": code}, code="invalid_cbs_code")


def validate_municipality_code(code: str) -> None:
    _validate(
        MUNICIPALITY_RE,
        code,
        _("'%(code)s' is not a CBS municipality code: use GM followed by 4 digits, e.g. GM0400."),
    )


def validate_wijk_code(code: str) -> None:
    _validate(
        WIJK_RE,
        code,
        _(
            "'%(code)s' is not a CBS wijk code: use WK, the 4 digits of the municipality "
            "and 2 digits or capitals, e.g. WK040001."
        ),
    )


def validate_buurt_code(code: str) -> None:
    _validate(
        BUURT_RE,
        code,
        _(
            "'%(code)s' is not a CBS buurt code: use BU, the 6 characters of the wijk "
            "and 2 digits or capitals, e.g. BU04000101."
        ),
    )


def municipality_digits(code: str) -> str:
    """The 4 municipality digits inside any CBS code."""
    return code[2:6]
