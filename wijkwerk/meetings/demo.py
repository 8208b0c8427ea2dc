"""The demo's overleggen, played through the meetings services.

De Schooten, Den Helder: the standard bodies of Den Helder's programme (wijkplatform chaired
by a resident, wijkcoördinatieteam chaired by the accountmanager, spreekuur, wijkbezoeken),
with members and their mandates, and this year's planning. The last wijkplatform meeting
was held: its minutes say what was discussed, and its action point became a wijkagenda item
of Stadsbeheer. A resident has proposed a point for the next one. A werkatelier about the
Schootenplein is open for sign-up and three people have signed up; residents asked for two
information meetings: one granted (planned), one waiting for an answer.

Den Helder also has its Stuurgroep Wijkgericht Werken (seed 003) for the whole municipality,
kept at the pages of Stad binnen de Linie-Oost, with the wethouder, the wijkmanager, a
wijkplatform chair and the corporatie, its mandate, and a planned meeting. Hollandscheveld
(Hoogeveen) has a regiegroep of residents that awards vouchers (the Wijkengids' voucher
system, seed 001), with its mandate and next year's meetings planned outside the school
holidays of regio noord. The text is invented.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
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
    build_steering_groups(admin=admin, people=people, areas=areas, orgs=orgs)


STUURGROEP_MANDATE = (
    "Adviseert het college over het hele terrein van wijkgericht werken en controleert op "
    "hoofdlijnen de uitgaven uit het Convenant Wijkaanpak-Plus. Kiest bij te weinig budget "
    "tussen convenantprojecten; projecten met een grotere rol voor bewoners gaan voor. De "
    "voorzitters van de wijkplatforms hebben de belangrijkste stem. Rapporteert aan het "
    "college en eens per jaar aan de raad."
)
REGIEGROEP_MANDATE = (
    "Stimuleert bewoners om met initiatieven te komen voor de leefbaarheid van "
    "Hollandscheveld, toetst ze aan de spelregels en kent de vouchers toe. Houdt zo nodig een "
    "wijkraadpleging en maakt bekend welke initiatieven een voucher kregen. Legt eens per jaar "
    "verantwoording af aan het dorp en de gemeente."
)


def build_steering_groups(
    *, admin: Any, people: dict[str, Any], areas: dict[str, Area], orgs: dict[str, dict]
) -> None:
    """The stuurgroep of Den Helder (whole municipality) and the regiegroep of
    Hollandscheveld, each with members, a mandate and planned meetings."""
    seat = areas["WK040001"]
    org = orgs[seat.municipality.code]
    stuurgroep = services.body_create(
        area=seat, actor=admin, kind=BodyKind.STUURGROEP, name="Stuurgroep Wijkgericht Werken",
        per_year=4, start_time=datetime.time(16, 0), duration_minutes=120,
        location="Stadhuis, Drs. F. Bijlweg 20", municipality_wide=True,
        mandate=STUURGROEP_MANDATE,
    )  # fmt: skip
    for person, org_key, mandate, chair in (
        ("wijkwethouder.denhelder", "gemeente", "Wethouder wijkgericht werken", True),
        ("wijkmanager.denhelder", "gemeente", "Regie op het convenant", False),
        ("voorzitter.denhelder", "platform_schooten", "Voorzitter wijkplatform", False),
        ("stuurgroep.denhelder", "woningstichting", "Namens de corporaties", False),
    ):
        services.member_add(
            body=stuurgroep, actor=admin, user=people[person], organisation=org[org_key],
            mandate=mandate, is_chair=chair,
        )  # fmt: skip
    # The next meeting: the first working day from four weeks on that none of its members
    # already has a meeting (nobody sits in two meetings on one day).
    day = timezone.localtime().replace(hour=16, minute=0, second=0, microsecond=0)
    day += datetime.timedelta(days=28)
    for _try in range(30):
        if day.weekday() < 5:
            try:
                services.meeting_create(
                    body=stuurgroep, actor=admin, starts_at=day,
                    ends_at=day + datetime.timedelta(hours=2), location=stuurgroep.location,
                )  # fmt: skip
                break
            except ValidationError:
                pass
        day += datetime.timedelta(days=1)

    dorp = areas["WK011854"]
    regiegroep = services.body_create(
        area=dorp, actor=admin, kind=BodyKind.REGIEGROEP, name="Regiegroep Hollandscheveld",
        per_year=6, start_time=datetime.time(19, 30), location="Dorpshuis Hollandscheveld",
        mandate=REGIEGROEP_MANDATE,
    )  # fmt: skip
    for person, chair in (("voorzitter.hoogeveen", True), ("bewoner.hoogeveen", False)):
        services.member_add(body=regiegroep, actor=admin, user=people[person], is_chair=chair)
    services.year_plan(area=dorp, actor=admin, year=timezone.localdate().year + 1)


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
