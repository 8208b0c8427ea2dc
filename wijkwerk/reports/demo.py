"""The demo's meldingen: Den Helder uses the starting category tree, Woningstichting Den
Helder handles waste reports in De Schooten, and a handful of invented reports (one handled,
one overdue, five about the same full container that make a recurring pattern)."""

import datetime
from typing import Any

from django.utils import timezone
from shapely.geometry import shape

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.demo import DemoContext
from wijkwerk.organisations.models import Organisation
from wijkwerk.reports import services as reports
from wijkwerk.reports.models import Category, Channel, Report, RoutingRule, Status
from wijkwerk.reports.patterns import patterns_detect

# Rough spots in De Schooten, Den Helder (WGS84).
SPOTS = [(52.9305, 4.7702), (52.9291, 4.7755), (52.9318, 4.7649), (52.9276, 4.7688)]


def build_reports(
    *, admin: Any, people: dict[str, Any], areas: dict[str, Area], orgs: dict
) -> None:
    municipality = Municipality.objects.get(code="GM0400")
    gemeente: Organisation = orgs["GM0400"]["SB"]
    reports.categories_install_defaults(
        municipality=municipality, actor=admin, organisation=gemeente
    )
    schooten = areas["WK040005"]
    container = Category.objects.get(municipality=municipality, code="container-vol")
    RoutingRule.objects.create(
        category=container, area=schooten, organisation=orgs["GM0400"]["woningstichting"]
    )

    spots = SPOTS
    boundary = schooten.geometry or municipality.geometry
    if boundary:
        # Boundaries were imported: stay inside them, whatever their exact shape.
        point = shape(boundary).representative_point()
        spots = [(point.y, point.x)] * len(SPOTS)

    def report(code: str, text: str, spot: int, **kwargs) -> Report:
        lat, lon = spots[spot]
        return reports.report_create(
            municipality=municipality,
            category=Category.objects.get(municipality=municipality, code=code),
            description=text,
            lat=lat,
            lon=lon,
            area_hint=schooten,
            channel=kwargs.pop("channel", Channel.WEB),
            **kwargs,
        )

    concierge = people["wijkconcierge.denhelder"]
    light = report(
        "lantaarnpaal",
        "De lantaarnpaal bij het speeltuintje brandt niet.",
        1,
        reporter_email="bewoner@wijkwerk.example",
    )
    # With imported boundaries the spot may fall in another wijk: then the beheerder acts.
    handler = concierge if concierge.has_perm("reports.handle_report", light) else admin
    reports.report_status_change(
        report=light,
        actor=handler,
        status=Status.IN_PROGRESS,
        message="De monteur komt deze week langs.",
    )
    reports.report_status_change(
        report=light,
        actor=handler,
        status=Status.HANDLED,
        message="De lamp is vervangen. Bedankt voor je melding!",
    )
    late = report(
        "gat-in-de-weg",
        "Diep gat in het fietspad langs de vaart.",
        2,
        channel=Channel.PHONE,
        actor=concierge,
        reporter_name="Mevrouw de Boer",
        reporter_phone="0223 000000",
    )
    Report.objects.filter(pk=late.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=10),
        deadline=timezone.now() - datetime.timedelta(days=5),
    )
    for day in range(5):
        made = report("container-vol", "De container voor restafval zit weer vol.", 0)
        Report.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=3 * day)
        )
    patterns_detect(municipality=municipality, threshold=5, days=30)


def build(ctx: DemoContext) -> None:
    """This app's part of the demo (called by the portal's `demo` command)."""
    build_reports(admin=ctx.admin, people=ctx.people, areas=ctx.areas, orgs=ctx.orgs)
