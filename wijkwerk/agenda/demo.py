"""The agenda's part of the demo, after the story of the wijkagenda (which the portal's demo
command plays from `demo_data/`): the answer terms of each municipality, and in Den Helder's
De Schooten and Boatex the wijkplatform keeps the wijkagenda, as the programme describes."""

from wijkwerk.areas.models import Municipality
from wijkwerk.core.demo import DemoContext

from . import services

# Working days within which each demo municipality answers an idea.
ANSWER_TERMS = {"GM0400": 15, "GM0777": 10, "GM0118": 15}
# Wijken where the wijkplatform keeps the wijkagenda.
PLATFORM_KEEPS = ("WK040005", "WK040006")


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    for municipality in Municipality.objects.filter(code__in=ANSWER_TERMS):
        current = services.agenda_settings_get(municipality=municipality)
        services.agenda_settings_update(
            municipality=municipality,
            actor=ctx.admin,
            version=current.version,
            answer_working_days=ANSWER_TERMS[municipality.code],
            remind_working_days=3,
            reason="Demo",
        )
    for code in PLATFORM_KEEPS:
        if code in ctx.areas:
            services.platform_keeps_agenda_set(
                area=ctx.areas[code], actor=ctx.admin, keeps=True, reason="Demo"
            )
    ctx.notes.append(
        "Wijkagenda: ideas are answered within 15 working days (Etten-Leur 10); the wijkplatform "
        "keeps the wijkagenda of De Schooten and Boatex (login voorzitter.denhelder)."
    )
