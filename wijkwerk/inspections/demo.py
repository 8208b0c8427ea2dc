"""The demo's wijkschouw, played through the inspections services.

De Schooten, Den Helder: the wijkplatform agreed levels for the public space with the
gemeente; last autumn's and last month's schouw are done (so the wijk has a trend), with
findings handed on as a melding and as a wijkagenda item; the next one is planned, with a
resident with an account, one without and the wijkconciërge. Every score is invented.
"""

import datetime
from typing import Any

from django.utils import timezone
from shapely.geometry import shape

from wijkwerk.areas.models import Area
from wijkwerk.core.demo import DemoContext
from wijkwerk.inspections import services
from wijkwerk.inspections.models import Became, Inspection, ParticipantRole, Status
from wijkwerk.organisations.models import Organisation, OrganisationKind

ROUTE = [
    ("Speeltuin Schooten-Noord", "speelvoorzieningen"),
    ("Plantsoen langs de Middenweg", "beplanting"),
    ("Winkelcentrum De Schooten", "zwerfafval"),
    ("Fietspad langs de sloot", "verharding"),
]
# Per schouw, per stop: (kind of object, level, note for a finding).
WALKS = [
    [
        [("speelvoorzieningen", "C", "Glijbaan heeft een scherpe rand."), ("gras", "B", "")],
        [("beplanting", "C", "Heesters overwoekerd, veel onkruid."), ("meubilair", "B", "")],
        [("zwerfafval", "D", "Zakken en blikjes rond de containers."), ("afvalbakken", "C",
         "Afvalbak al dagen vol.")],
        [("verharding", "B", ""), ("verlichting", "A", "")],
    ],
    [
        [("speelvoorzieningen", "A", ""), ("gras", "B", "")],
        [("beplanting", "B", ""), ("meubilair", "C", "Bankje mist twee planken.")],
        [("zwerfafval", "C", "Zwerfvuil achter de winkels."), ("afvalbakken", "B", "")],
        [("verharding", "C", "Tegels opgedrukt door boomwortels."), ("verlichting", "A", "")],
    ],
]  # fmt: skip
AGREED = [
    ("speelvoorzieningen", "A"),
    ("beplanting", "B"),
    ("zwerfafval", "B"),
    ("afvalbakken", "B"),
    ("verharding", "B"),
]


def _points(wijk: Area) -> list[tuple[float, float]]:
    """Rough spots in De Schooten; inside the boundary when boundaries were imported."""
    boundary = wijk.geometry or wijk.municipality.geometry
    if boundary:
        point = shape(boundary).representative_point()
        return [(point.y, point.x)] * len(ROUTE)
    return [(52.9305, 4.7702), (52.9291, 4.7755), (52.9318, 4.7649), (52.9276, 4.7688)]


def _plan(wijk: Area, admin: Any, title: str, when: datetime.datetime) -> Inspection:
    inspection = services.inspection_plan(
        area=wijk,
        actor=admin,
        title=title,
        starts_at=when,
        meeting_point="Wijkcentrum De Schooten",
        location_required=True,
    )
    for (name, kind), (lat, lon) in zip(ROUTE, _points(wijk), strict=True):
        services.stop_add(
            inspection=inspection, actor=admin, name=name, lat=lat, lon=lon, object_type=kind
        )
    return inspection


def build_inspections(*, admin: Any, people: dict[str, Any], areas: dict[str, Area]) -> None:
    wijk = areas["WK040005"]
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for kind, level in AGREED:
        services.quality_level_set(
            area=wijk, actor=admin, object_type=kind, level=level,
            agreed_with="Wijkplatform De Schooten en Boatex",
            agreed_on=timezone.localdate() - datetime.timedelta(days=400),
        )  # fmt: skip
    done = []
    for days_ago, walk in zip((180, 30), WALKS, strict=True):
        when = now - datetime.timedelta(days=days_ago)
        inspection = _plan(wijk, admin, f"Wijkschouw De Schooten {when:%B %Y}", when)
        services.participant_add(
            inspection=inspection, actor=admin, role=ParticipantRole.RESIDENT,
            user=people["bewoner"],
        )  # fmt: skip
        services.inspection_transition(inspection=inspection, actor=admin, to=Status.IN_PROGRESS)
        for stop, scores in zip(inspection.stops.order_by("position"), walk, strict=True):
            for kind, level, note in scores:
                services.score_record(
                    inspection=inspection, stop=stop, actor=admin, object_type=kind,
                    level=level, note=note, lat=stop.lat, lon=stop.lon,
                )  # fmt: skip
        services.inspection_transition(inspection=inspection, actor=admin, to=Status.DONE)
        done.append(inspection)
    latest = list(done[-1].findings.order_by("score__stop__position"))
    # The first becomes an agenda item with the municipality's public works as its
    # probleemeigenaar (agreed at once); the second a melding.
    owner = Organisation.objects.filter(
        municipality=wijk.municipality, kind=OrganisationKind.GEMEENTE
    ).first()
    services.finding_convert(
        finding=latest[0], actor=admin, to=Became.AGENDA_ITEM, owner_organisation=owner
    )
    services.finding_convert(finding=latest[1], actor=admin, to=Became.MELDING)

    coming = _plan(
        wijk, admin, "Wijkschouw De Schooten (voorjaar)", now + datetime.timedelta(days=21)
    )
    services.participant_add(
        inspection=coming, actor=admin, role=ParticipantRole.RESIDENT, user=people["bewoner"]
    )
    services.participant_add(
        inspection=coming, actor=admin, role=ParticipantRole.RESIDENT, name="Henk Visser"
    )
    services.participant_add(
        inspection=coming, actor=admin, role=ParticipantRole.PROFESSIONAL,
        user=people["wijkconcierge.denhelder"],
    )  # fmt: skip


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    build_inspections(admin=ctx.admin, people=ctx.people, areas=ctx.areas)
