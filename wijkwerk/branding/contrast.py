"""Colour contrast as WCAG 2.1 defines it (success criteria 1.4.3 and 1.4.11).

The relative luminance of an sRGB colour, and the ratio (L1 + 0.05) / (L2 + 0.05) of the
lighter to the darker, from 1:1 (the same colour) to 21:1 (black on white). Normal text
needs 4.5:1 (AA); large text and the parts of a control need 3:1.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

AA_TEXT = 4.5
AA_LARGE = 3.0

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_color(value: str) -> str:
    """`value` as lower-case #rrggbb, or a ValidationError when it is no colour."""
    match = _HEX.fullmatch((value or "").strip())
    if not match:
        raise ValidationError(
            _(
                "“%(value)s” is not a colour: write it as # and six hexadecimal digits, e.g. #0b4f8a."
            ),
            code="not_a_colour",
            params={"value": value},
        )
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return f"#{digits}"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    digits = parse_color(color)[1:]
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, at least 1.0 and at most 21.0."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def format_ratio(ratio: float) -> str:
    """As people quote it: rounded down to two decimals, so 4.499 never reads as 4.5."""
    return f"{int(ratio * 100) / 100:.2f}:1"


def hover_shade(background: str, text: str, amount: float = 0.18) -> str:
    """The background for hover: darker under light text, lighter under dark text, so the
    contrast only grows."""
    digits = parse_color(background)[1:]
    channels = [int(digits[i : i + 2], 16) for i in (0, 2, 4)]
    towards = 0 if relative_luminance(text) > relative_luminance(background) else 255
    mixed = [round(c + (towards - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02x}" for c in mixed)
