"""Writes of the branding app: a municipality's theme and the installation's statements.

A theme is saved only when its colours are colours and read well together (WCAG AA):
text on the primary colour (header, buttons), the primary colour on white (links, outlined
buttons), and body text and links on the light background. A refusal names the field and
the contrast measured, and saves nothing.
"""

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Municipality
from wijkwerk.core.services import audit_log, field_changes

from .contrast import AA_TEXT, contrast_ratio, format_ratio, parse_color
from .models import INK, WHITE, LogoKind, Statement, Theme
from .rules import can_edit_statements, can_edit_theme

MAX_LOGO_BYTES = 200 * 1024
COLOUR_FIELDS = ("primary_color", "primary_text_color", "accent_color")
TEXT_FIELDS = (
    "display_name",
    "tagline",
    "contact_email",
    "contact_phone",
    "postal_address",
    "website",
)
# What SVG may not hold, since the logo is shown to every visitor: scripts, event handlers,
# embedded HTML, and anything fetched from elsewhere.
_SVG_FORBIDDEN = re.compile(
    r"<\s*(script|foreignobject|iframe|object|embed)|\son[a-z]+\s*=|javascript:|"
    r"<!entity|(?:xlink:)?href\s*=\s*[\"'](?!#)|url\(\s*[\"']?(?!#)",
    re.IGNORECASE,
)


def contrast_problems(*, primary: str, primary_text: str, accent: str) -> dict[str, list[str]]:
    """The pairs that fall short of 4.5:1, as messages per field (empty when all pass)."""
    checks = [
        (
            "primary_text_color",
            primary_text,
            primary,
            _(
                "The text colour on the primary colour has a contrast of %(ratio)s; "
                "at least %(needed)s is needed so that everybody can read it."
            ),
        ),
        (
            "primary_color",
            primary,
            WHITE,
            _(
                "The primary colour on white has a contrast of %(ratio)s; at least "
                "%(needed)s is needed for links and buttons. Choose a darker colour."
            ),
        ),
        (
            "accent_color",
            INK,
            accent,
            _(
                "Text on the light background colour has a contrast of %(ratio)s; at least "
                "%(needed)s is needed. Choose a lighter colour."
            ),
        ),
        (
            "accent_color",
            primary,
            accent,
            _(
                "Links (the primary colour) on the light background colour have a contrast "
                "of %(ratio)s; at least %(needed)s is needed."
            ),
        ),
    ]
    problems: dict[str, list[str]] = {}
    for field, fore, back, message in checks:
        ratio = contrast_ratio(fore, back)
        if ratio < AA_TEXT:
            problems.setdefault(field, []).append(
                message % {"ratio": format_ratio(ratio), "needed": format_ratio(AA_TEXT)}
            )
    return problems


def logo_check(data: bytes) -> str:
    """The logo's content type (SVG or PNG), or a ValidationError naming what is wrong."""
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(
            {"logo": _("The logo is larger than 200 kB; make it smaller.")}, code="too_big"
        )
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return LogoKind.PNG
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if "<svg" not in text[:2000].lower():
        raise ValidationError(
            {"logo": _("Send the logo as an SVG or PNG file.")}, code="not_an_image"
        )
    if _SVG_FORBIDDEN.search(text):
        raise ValidationError(
            {
                "logo": _(
                    "This SVG contains a script, a link or an image from elsewhere; "
                    "a logo may only hold shapes and text."
                )
            },
            code="unsafe_svg",
        )
    return LogoKind.SVG


@transaction.atomic
def theme_update(
    *,
    municipality: Municipality,
    actor: Any,
    display_name: str,
    primary_color: str,
    primary_text_color: str,
    accent_color: str,
    tagline: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    postal_address: str = "",
    website: str = "",
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> Theme:
    """Set the municipality's theme (created on first use), after the contrast check."""
    if not can_edit_theme(actor, municipality):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    colours: dict[str, str] = {}
    for field, value in zip(
        COLOUR_FIELDS, (primary_color, primary_text_color, accent_color), strict=True
    ):
        try:
            colours[field] = parse_color(value)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
    if not errors:
        errors = contrast_problems(
            primary=colours["primary_color"],
            primary_text=colours["primary_text_color"],
            accent=colours["accent_color"],
        )
    if not (display_name or "").strip():
        errors.setdefault("display_name", []).append(_("Give the name shown in the header."))
    logo_type = None
    if logo:
        try:
            logo_type = logo_check(logo)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)

    theme = Theme.objects.select_for_update().filter(municipality=municipality).first()
    created = theme is None
    if theme is None:
        theme = Theme(municipality=municipality)
    values: dict[str, Any] = {
        **colours,
        "display_name": display_name.strip(),
        "tagline": tagline.strip(),
        "contact_email": contact_email,
        "contact_phone": contact_phone.strip(),
        "postal_address": postal_address.strip(),
        "website": website,
    }
    changes = field_changes(theme, values)
    if logo_type:
        values.update(logo=bytes(logo or b""), logo_type=logo_type)
        changes["logo"] = ["", f"{logo_type}, {len(logo or b'')} bytes"]
    elif remove_logo and theme.logo_type:
        values.update(logo=b"", logo_type="")
        changes["logo"] = [theme.logo_type, ""]
    for name, value in values.items():
        setattr(theme, name, value)
    theme.full_clean()
    theme.save()
    audit_log(
        actor=actor,
        action="theme_create" if created else "theme_update",
        target=theme,
        changes=changes,
        municipality_code=municipality.code,
    )
    return theme


@transaction.atomic
def statement_update(*, actor: Any, **values: Any) -> Statement:
    """Change the installation's accessibility and privacy statements."""
    if not can_edit_statements(actor):
        raise PermissionDenied
    statement = Statement.objects.select_for_update().order_by("pk").first() or Statement()
    changes = field_changes(statement, values)
    for name, value in values.items():
        setattr(statement, name, value)
    statement.full_clean()
    statement.save()
    audit_log(actor=actor, action="statement_update", target=statement, changes=changes)
    return statement
