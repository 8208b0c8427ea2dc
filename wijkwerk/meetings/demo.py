"""The demo's overleggen, played through the meetings services.

De Schooten, Den Helder: the standard bodies of Den Helder's programme (wijkplatform chaired
by a resident, wijkcoördinatieteam chaired by the accountmanager, spreekuur, wijkbezoeken),
with members and their mandates, and this year's planning. The last wijkplatform meeting
was held: its minutes say what was discussed, and its action point became a wijkagenda item
of Stadsbeheer. A resident has proposed a point for the next one. A werkatelier about the
Schootenplein is open for sign-up and three people have signed up; residents asked for two
information meetings: one granted (planned), one waiting for an answer. The text is invented.
"""

import datetime
from typing import Any

from django.utils import timezone

from wijkwerk.areas.models import Area
from wijkwerk.core.demo import DemoContext
from wijkwerk.meetings import inforequests, services, signups
from wijkwerk.meetings.models import Body, BodyKind, Meeting, MeetingStatus

# (body kind, person, organisation key or None for a resident, mandate, chair)
MEMBERS = [
    (BodyKind.WIJKPLATFORM, "voorzitter.denhelder", "platform_schooten", "", True),
    (BodyKind.WIJKPLATFORM, "bewoner", None, "", False),
    (BodyKind.WIJKPLATFORM, "accountmanager.denhelder", "SB", "Aanspreekpunt gemeente", False),
    (BodyKind.WIJKPLATFORM, "opbouwwerker.denhelder", "welzijn", "Opbouwwerk", False),
    (BodyKind.COORDINATION_TEAM, "accountmanager.denhelder", "SB",
     "Beheer openbare ruimte, tot € 5.000 per maatregel", True),
    (BodyKind.COORDINATION_TEAM, "wijkconcierge.denhelder", "SB", "Kleine ingrepen buiten", False),
    (BodyKind.COORDINATION_TEAM, "wijkagent.denhelder", "politie", "Inzet wijkagent", False),
    (BodyKind.COORDINATION_TEAM, "corporatie.denhelder", "woningstichting",
     "Leefbaarheidsbudget van het complex", False),
    (BodyKind.COORDINATION_TEAM, "opbouwwerker.denhelder", "welzijn", "Inzet opbouwwerk", False),
    (BodyKind.SPREEKUUR, "wijkwethouder.denhelder", "gemeente", "Wijkwethouder", True),
    (BodyKind.SPREEKUUR, "accountmanager.denhelder", "SB", "Ondersteuning", False),
]  # fmt: skip


def build_meetings(
    *, admin: Any, people: dict[str, Any], areas: dict[str, Area], orgs: dict[str, dict]
) -> None:
    wijk = areas["WK040005"]
    org = orgs[wijk.municipality.code]
    services.bodies_from_template(area=wijk, actor=admin, template="den-helder")
    bodies = {b.kind: b for b in Body.objects.filter(area=wijk)}
    for kind, person, org_key, mandate, chair in MEMBERS:
        services.member_add(
            body=bodies[kind],
            actor=admin,
            user=people[person],
            organisation=org[org_key] if org_key else None,
            mandate=mandate,
            is_chair=chair,
        )
    services.year_plan(area=wijk, actor=admin, year=timezone.localdate().year)
    platform = bodies[BodyKind.WIJKPLATFORM]
    now = timezone.now()
    last = platform.meetings.filter(ends_at__lt=now).order_by("-starts_at").first()
    if last is None:  # early in the year: an extra meeting last week
        start = now - datetime.timedelta(days=7)
        last = services.meeting_create(
            body=platform, actor=admin, starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
        )  # fmt: skip
    for title in ("Opening en mededelingen", "Speeltuin Schooten-Noord", "Rondvraag"):
        services.point_add(meeting=last, actor=admin, title=title)
    services.meeting_record(
        meeting=last,
        actor=admin,
        minutes="Bewoners vertellen dat de glijbaan in de speeltuin Schooten-Noord een scherpe "
        "rand heeft en dat kinderen er zich aan bezeren. Stadsbeheer kent het probleem uit "
        "de wijkschouw. De wijkagent meldt dat het rustiger is rond het winkelcentrum.",
        decisions="Stadsbeheer vervangt de glijbaan voor de zomer.",
        attendance={people["voorzitter.denhelder"]: "present", people["bewoner"]: "present",
                    people["accountmanager.denhelder"]: "present",
                    people["opbouwwerker.denhelder"]: "excused"},
    )  # fmt: skip
    services.action_point_add(
        meeting=last,
        actor=admin,
        title="Glijbaan speeltuin Schooten-Noord vervangen",
        description="Afgesproken in het wijkplatform; Stadsbeheer meldt de voortgang.",
        owner_organisation=org["SB"],
        due_date=timezone.localdate() + datetime.timedelta(days=90),
    )
    coming = (
        Meeting.objects.filter(body=platform, starts_at__gt=now, status=MeetingStatus.PLANNED)
        .order_by("starts_at")
        .first()
    )
    if coming is not None:
        services.point_propose(
            meeting=coming,
            actor=people["bewoner"],
            title="Parkeren rond de basisschool",
            description="'s Ochtends staan er auto's op de stoep bij de school.",
        )
    build_open_sessions(admin=admin, people=people, wijk=wijk, areas=areas)


def build_open_sessions(*, admin: Any, people: dict[str, Any], wijk: Area, areas: dict) -> None:
    """A werkatelier with sign-ups, and a granted and a pending information meeting request."""
    start = (timezone.localtime() + datetime.timedelta(days=21)).replace(
        hour=19, minute=30, second=0, microsecond=0
    )
    session = signups.session_create(
        area=wijk,
        actor=admin,
        kind=BodyKind.WERKATELIER,
        topic="Samen het Schootenplein ontwerpen",
        description="Bewoners, winkeliers, de school en de gemeente tekenen samen hoe het "
        "plein er over twee jaar uitziet. Iedereen met een belang of een idee is welkom.",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        location="Wijkcentrum De Schooten",
        capacity=25,
        signup_deadline=start - datetime.timedelta(days=2),
    )
    for actor, name, email, organisation in (
        (people["bewoner"], people["bewoner"].full_name, people["bewoner"].email, "bewoner"),
        (people["winkelier.denhelder"], "Ria Kok", people["winkelier.denhelder"].email,
         "winkelier aan het plein"),
        (None, "Joke de Vries", "joke.devries@wijkwerk.example", "ouderraad basisschool"),
    ):  # fmt: skip
        signups.session_sign_up(
            session=session, actor=actor, name=name, email=email, organisation=organisation
        )
    granted = inforequests.info_request_create(
        area=wijk,
        actor=people["bewoner"],
        topic="Plannen voor de Schootenstraat",
        explanation="We horen van alles over nieuwe woningen; we willen weten wat er komt.",
    )
    day = start + datetime.timedelta(days=14)
    inforequests.info_request_answer(
        request=granted,
        actor=admin,
        grant=True,
        answer="Graag: de gemeente en de corporatie vertellen wat er gepland is.",
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=2),
        location="Wijkcentrum De Schooten",
    )
    inforequests.info_request_create(
        area=areas["WK040001"],
        actor=people["bewoner2.denhelder"],
        topic="Nieuwe parkeerzones in de binnenstad",
    )


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    build_meetings(admin=ctx.admin, people=ctx.people, areas=ctx.areas, orgs=ctx.orgs)
