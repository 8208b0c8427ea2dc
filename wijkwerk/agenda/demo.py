"""The agenda's part of the demo, after the story of the wijkagenda (which the portal's demo
command plays from `demo_data/`): the answer terms of each municipality, and in Den Helder's
De Schooten and Boatex the wijkplatform keeps the wijkagenda, as the programme describes.
Den Helder's wijkmanager for the whole city is the manager of the wijkmanagers, and one idea
in De Schooten was not answered in time: the daily run escalated it to him."""

import datetime

from django.utils import timezone

from wijkwerk.areas.models import Municipality
from wijkwerk.core.demo import DemoContext
from wijkwerk.core.workdays import add_working_days

from . import services
from .models import AgendaItem, Source, Theme
from .reminders import answer_terms_check

# Who receives the escalations, per municipality (a demo login).
ESCALATE_TO = {"GM0400": "wijkmanager.denhelder"}
# The idea of the story (demo_data/den_helder.py) that waited too long, and where.
LATE_IDEA = ("WK040005", "Picknicktafel op het grasveld aan het Timorpad")

# Working days within which each demo municipality answers an idea.
ANSWER_TERMS = {"GM0400": 15, "GM0777": 10, "GM0118": 15}
# Wijken where the wijkplatform keeps the wijkagenda.
PLATFORM_KEEPS = ("WK040005", "WK040006")
# A topic across borders (Etten-Leur: "soms spelen zaken in meerdere wijken"): kept on the
# wijkagenda of Noord woongebied, and also shown on that of Midden woongebied.
CROSS_BORDER = ("WK077710", "WK077700")


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
            escalate_to=ctx.people.get(ESCALATE_TO.get(municipality.code, "")),
            reason="Demo",
        )
    for code in PLATFORM_KEEPS:
        if code in ctx.areas:
            services.platform_keeps_agenda_set(
                area=ctx.areas[code], actor=ctx.admin, keeps=True, reason="Demo"
            )
    _late_idea(ctx)
    _cross_border(ctx)
    ctx.notes.append(
        "Wijkagenda: ideas are answered within 15 working days (Etten-Leur 10); the wijkplatform "
        "keeps the wijkagenda of De Schooten and Boatex (login voorzitter.denhelder)."
    )


def _late_idea(ctx: DemoContext) -> None:
    """The story proposed the idea 35 days ago, before the municipality's term was set: its
    answer date follows that term, and the daily run escalates it."""
    code, title = LATE_IDEA
    item = AgendaItem.objects.filter(area__code=code, title=title).first()
    if item is None:
        return
    proposed = timezone.localdate(item.created_at)
    term = ANSWER_TERMS.get(item.area.municipality.code, 15)
    AgendaItem.objects.filter(pk=item.pk).update(answer_due=add_working_days(proposed, term))
    answer_terms_check(municipality=item.area.municipality, today=ctx.today)


def _cross_border(ctx: DemoContext) -> None:
    main_code, other_code = CROSS_BORDER
    if main_code not in ctx.areas or other_code not in ctx.areas:
        return
    main, other = ctx.areas[main_code], ctx.areas[other_code]
    orgs = ctx.orgs.get(main.municipality.code, {})
    actor = ctx.people.get("wijkmanager.ettenleur", ctx.admin)
    services.agenda_item_create(
        area=main,
        actor=actor,
        title="Veilige fietsroute van Noord naar het centrum",
        reason="Scholieren en ouderen fietsen van Noord door Midden naar het centrum; de "
        "oversteken bij de Bisschopsmolen zijn onoverzichtelijk.",
        approach="De gemeente richt de route in overleg met bewoners van beide wijken in.",
        year=ctx.today.year,
        source=Source.PARTNER,
        owner_organisation=orgs.get("gemeente"),
        theme=Theme.objects.filter(municipality=main.municipality, name="Verkeer").first(),
        due_date=ctx.today + datetime.timedelta(days=120),
        other_areas=[other],
    )
