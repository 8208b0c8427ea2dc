"""The demo's people: one plaatsvervanger, so the people page and a werkplek show one.

Den Helder's departments provide a plaatsvervanger when an accountmanager is away (seed
003): Dennis Koster stands in for Sandra Mulder during her holiday, which runs now.
"""

import datetime

from wijkwerk.core.demo import DemoContext

from . import services


def build(ctx: DemoContext) -> None:
    absent = ctx.people.get("accountmanager.denhelder")
    substitute = ctx.people.get("accountmanager2.denhelder")
    if absent is None or substitute is None:
        return
    municipality = next(a.municipality for a in absent.roles.all())
    services.substitution_create(
        absent=absent,
        substitute=substitute,
        municipality=municipality,
        starts_on=ctx.today - datetime.timedelta(days=2),
        ends_on=ctx.today + datetime.timedelta(days=12),
        actor=ctx.admin,
        reason="Vakantie; de afdeling regelt de vervanging",
    )
