"""The demo's three themes: each municipality in its own colours, with a simple logo of our
own (its name in a coloured block; no real municipal logo), set through the service as the
functioneel beheerder would on /gemeente/<slug>/huisstijl/."""

import datetime

from wijkwerk.areas.models import Municipality
from wijkwerk.core.demo import DemoContext

from . import services

THEMES = {
    "GM0400": {
        "display_name": "Gemeente Den Helder",
        "tagline": "Samen werken aan je wijk, aan zee",
        "primary_color": "#004b87",
        "primary_text_color": "#ffffff",
        "accent_color": "#e6f0f8",
        "contact_email": "wijkwerk@denhelder.example",
        "contact_phone": "14 0223",
        "postal_address": "Drs. F. Bijlweg 20\n1784 MC Den Helder",
        "mark": "DH",
    },
    "GM0777": {
        "display_name": "Gemeente Etten-Leur",
        "tagline": "Wijkgericht werken in Etten-Leur",
        "primary_color": "#1d6b35",
        "primary_text_color": "#ffffff",
        "accent_color": "#edf6ef",
        "contact_email": "wijken@etten-leur.example",
        "contact_phone": "14 076",
        "postal_address": "Roosendaalseweg 4\n4875 AC Etten-Leur",
        "mark": "EL",
    },
    "GM0118": {
        "display_name": "Gemeente Hoogeveen",
        "tagline": "Meedoen in je wijk en je dorp",
        "primary_color": "#9b1b30",
        "primary_text_color": "#ffffff",
        "accent_color": "#fbf0f1",
        "contact_email": "wijkwerk@hoogeveen.example",
        "contact_phone": "14 0528",
        "postal_address": "Raadhuisplein 1\n7901 BP Hoogeveen",
        "mark": "HV",
    },
}


def logo_svg(*, mark: str, name: str, color: str) -> bytes:
    """A made-up logo: two letters in a block of the primary colour, the name beside it."""
    width = 96 + 15 * len(name)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="80" '
        f'viewBox="0 0 {width} 80" role="img"><title>{name}</title>'
        f'<rect x="0" y="0" width="80" height="80" rx="6" fill="{color}"/>'
        f'<text x="40" y="52" font-family="DejaVu Sans, Arial, sans-serif" font-size="32" '
        f'font-weight="700" fill="#ffffff" text-anchor="middle">{mark}</text>'
        f'<text x="94" y="51" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" '
        f'fill="#1b1b1b">{name}</text></svg>'
    ).encode()


def build(ctx: DemoContext) -> None:
    for code, spec in THEMES.items():
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            continue
        values = {k: v for k, v in spec.items() if k != "mark"}
        services.theme_update(
            municipality=municipality,
            actor=ctx.admin,
            logo=logo_svg(mark=spec["mark"], name=municipality.name, color=spec["primary_color"]),
            **values,
        )
    services.statement_update(
        actor=ctx.admin,
        organisation="Wijkwerk (demo)",
        a11y_status="partial",
        a11y_audit_date=ctx.today - datetime.timedelta(days=120),
        a11y_audit_by="Eigen toets met axe en toetsenbord",
        a11y_known_issues="Kaarten zijn niet met het toetsenbord te bedienen; elk formulier "
        "werkt ook zonder kaart.",
        a11y_contact_email="toegankelijkheid@wijkwerk.example",
        privacy_officer="Functionaris gegevensbescherming (demo)",
        privacy_contact_email="privacy@wijkwerk.example",
        privacy_text="",
    )
