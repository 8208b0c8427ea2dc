"""The demo's werkplek: every staff login finds at least one open task.

Runs last (after every other app's demo), reads each demo login's werkplek as the page
does, and for a login whose werkplek is still empty puts one believable task in its wijk
through the agenda services: a wijkagenda item whose term comes this week, owned by the
login's organisation (the probleemeigenaar reports progress) or, for a role that does not
report for an organisation (the wijkwethouder), with the login as its contact person.
"""

import datetime

from wijkwerk.accounts.roles import Role
from wijkwerk.agenda import services as agenda
from wijkwerk.agenda.models import AgendaReview, Source
from wijkwerk.core.demo import DemoContext

from .scope import Scope, werkplek_municipalities, werkplek_roles
from .tasks import werkplek_tasks

DUE_IN_DAYS = 5

# What the probleemeigenaar promised, per role; the first fits any other role.
PROMISES = {
    "": (
        "Terugkoppeling aan de bewoners over de aanpak",
        "Bewoners vroegen in het wijkplatform wanneer ze horen wat er met hun punt gebeurt.",
    ),
    Role.WIJKAGENT: (
        "Extra toezicht bij de hangplek achter het winkelcentrum",
        "Omwonenden meldden overlast in de avonduren; de wijkagent loopt er vaker langs.",
    ),
    Role.PARTNER: (
        "Brandgangen achter de portiekflats opruimen en verlichten",
        "Bewoners voelen zich er 's avonds niet veilig; de partner pakt het op.",
    ),
    Role.OPBOUWWERKER: (
        "Buurtkamer open op woensdagmiddag",
        "Ouders vroegen om een plek waar kinderen na school terechtkunnen.",
    ),
    Role.WIJKWETHOUDER: (
        "Wethouder komt terug op de oversteek bij de basisschool",
        "Tijdens het spreekuur beloofde de wethouder binnen een maand een antwoord.",
    ),
}
# Roles whose people report for their organisation; the others are the item's contact.
REPORTING_ROLES = frozenset({Role.WIJKAGENT, Role.PARTNER, Role.OPBOUWWERKER, Role.WIJKCONCIERGE})


def build(ctx: DemoContext) -> None:
    for user in ctx.people.values():
        for municipality in werkplek_municipalities(user=user):
            if werkplek_tasks(scope=Scope(user=user, municipality=municipality)):
                continue
            _give_task(ctx, user, municipality)


def _give_task(ctx: DemoContext, user, municipality) -> None:
    roles = [
        a for a in werkplek_roles(user=user) if a.municipality_id == municipality.pk and a.area_id
    ]
    if not roles:
        return
    # Rather a wijk whose agenda is already kept (and vastgesteld) than a new agenda.
    reviewed = set(AgendaReview.objects.values_list("area_id", flat=True))
    role = min(roles, key=lambda a: a.area_id not in reviewed)
    title, reason = PROMISES.get(role.role, PROMISES[""])
    reports = role.role in REPORTING_ROLES and role.organisation_id is not None
    owner = role.organisation or _gemeente(ctx, municipality)
    agenda.agenda_item_create(
        area=role.area,
        actor=ctx.admin,
        title=title,
        reason=reason,
        year=ctx.today.year,
        source=Source.PARTNER if reports else Source.MEETING,
        due_date=ctx.today + datetime.timedelta(days=DUE_IN_DAYS),
        owner_organisation=owner,
        owner_person=None if reports else user,
    )


def _gemeente(ctx: DemoContext, municipality):
    orgs = ctx.orgs.get(municipality.code, {})
    return orgs.get("gemeente") or next(iter(orgs.values()))
