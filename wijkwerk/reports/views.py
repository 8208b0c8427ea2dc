"""Meldingen pages: report a problem (residents, and the KCC for callers), follow a report,
the handlers' worklist with status changes, the public map and the dashboard.

Views are thin: permission → form → service → redirect, or the page again with errors.
Everything works without JavaScript; the map only fills in the coordinates.
"""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.areas.models import Municipality
from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.core.forms import action_applied, form_applied, form_render
from wijkwerk.core.ratelimit import allow

from . import services
from .deadlines import working_days_left
from .forms import IntakeForm, ReportForm, StatusForm
from .models import (
    OPEN_STATUSES,
    Channel,
    PatternStatus,
    RecurringPattern,
    Report,
    ReportPhoto,
)
from .patterns import pattern_dismiss, pattern_to_agenda
from .selectors import PUBLIC_FIELDS, dashboard, likely_duplicates, overdue_list, public_report_list

# A resident may send this many reports per hour from one address (the API has its own).
WEB_RATE_LIMIT = 10


def map_centre(municipality: Municipality) -> tuple[float, float, int]:
    if municipality.map_lat is not None and municipality.map_lon is not None:
        return municipality.map_lat, municipality.map_lon, 14
    return 52.2, 5.3, 7  # the Netherlands as a whole


def _rate_limited(request: HttpRequest) -> bool:
    address = request.META.get("REMOTE_ADDR", "")
    return not allow(f"report-web:{address}", limit=WEB_RATE_LIMIT, window_seconds=3600)


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, municipality: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    intake = request.user.has_perm("reports.enter_report", gemeente)
    form_class = IntakeForm if intake else ReportForm
    form = form_class(request.POST or None, request.FILES or None, municipality=gemeente)

    def create(data: dict) -> Report:
        if not intake and _rate_limited(request):
            raise ValidationError(_("You sent many reports in a short time; try again later."))
        return services.report_create(
            municipality=gemeente,
            category=data["category"],
            description=data["description"],
            lat=data["lat"],
            lon=data["lon"],
            area_hint=data["area"],
            address=data["address"],
            reporter_email=data["email"] or "",
            reporter_name=data.get("reporter_name", ""),
            reporter_phone=data.get("reporter_phone", ""),
            photos=data["photos"],
            channel=data.get("channel", Channel.WEB),
            actor=request.user,
        )

    if request.method == "POST" and (applied := form_applied(form, create)):
        messages.success(request, _("Thank you! Your report has been received."))
        return redirect("reports:detail", gemeente.slug, applied.value.pk)
    lat, lon, zoom = map_centre(gemeente)
    context = {
        "municipality": gemeente,
        "form": form,
        "intake": intake,
        "map": {"lat": lat, "lon": lon, "zoom": zoom},
        "tiles": settings.WIJKWERK_MAP_TILES,
    }
    return form_render(
        request, "reports/report_new.html", context, refused=request.method == "POST"
    )


def _report(municipality: Municipality, pk: int) -> Report:
    return get_object_or_404(
        Report.objects.select_related("category__parent", "organisation", "wijk", "buurt"),
        municipality=municipality,
        pk=pk,
    )


@require_GET
def report_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    report = _report(gemeente, pk)
    return _render_detail(request, report)


def _render_detail(
    request: HttpRequest, report: Report, form: StatusForm | None = None, status=200
):
    can_handle = request.user.has_perm("reports.handle_report", report)
    now = timezone.now()
    context = {
        "municipality": report.municipality,
        "report": report,
        "updates": report.updates.all(),
        "photos": report.photos.all() if can_handle else [],
        "can_handle": can_handle,
        "days_left": working_days_left(report.deadline, now) if report.is_open else None,
        "overdue": report.is_open and report.deadline < now,
    }
    if can_handle:
        context["duplicates"] = likely_duplicates(report=report)
        if report.status in OPEN_STATUSES or report.status == "handled":
            context["status_form"] = form or StatusForm(
                current=report.status, municipality=report.municipality
            )
    return render(request, "reports/report_detail.html", context, status=status)


@require_GET
def report_photo(request: HttpRequest, municipality: str, pk: int, photo: int) -> FileResponse:
    """Photos may show people or homes: only the report's handlers get them."""
    gemeente = municipality_get(slug=municipality)
    report = _report(gemeente, pk)
    if not request.user.has_perm("reports.handle_report", report):
        raise Http404
    found = get_object_or_404(ReportPhoto, report=report, pk=photo)
    return FileResponse(
        found.image.open("rb"),
        content_type="image/" + found.image.name.rsplit(".", 1)[-1].replace("jpg", "jpeg"),
    )


@login_required
@require_POST
def report_status(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    report = _report(gemeente, pk)
    if not request.user.has_perm("reports.handle_report", report):
        raise PermissionDenied(_("You do not handle this report."))
    form = StatusForm(request.POST, current=report.status, municipality=gemeente)
    if form_applied(
        form,
        lambda data: services.report_status_change(
            report=report,
            actor=request.user,
            status=data["status"],
            message=data["message"],
            organisation=data["organisation"],
        ),
    ):
        messages.success(request, _("The status has been changed and the reporter informed."))
        return redirect("reports:detail", gemeente.slug, report.pk)
    return _render_detail(request, report, form=form, status=400)


@login_required
@require_GET
def worklist(request: HttpRequest, municipality: str) -> HttpResponse:
    """The reports this person handles: open ones first, earliest deadline first."""
    gemeente = municipality_get(slug=municipality)
    show = request.GET.get("toon", "open")
    qs = (
        Report.objects.filter(municipality=gemeente)
        .select_related("category", "organisation", "wijk", "buurt")
        .order_by("deadline")
    )
    if show == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif show == "te-laat":
        qs = qs.filter(status__in=OPEN_STATUSES, deadline__lt=timezone.now())
    # The permission is per report (organisation, wijk); the worklist is bounded, so checking
    # each one keeps one rule for pages, API and tests.
    mine = [r for r in qs[:2000] if request.user.has_perm("reports.handle_report", r)]
    page = Paginator(mine, 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "reports/worklist.html",
        {"municipality": gemeente, "page": page, "show": show, "now": timezone.now()},
    )


@require_GET
def wijk_reports(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """The public map and list of a wijk's open and recently handled reports, with figures."""
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    since = timezone.localdate() - datetime.timedelta(days=365)
    reports = public_report_list(area=area).select_related("category").order_by("-created_at")[:200]
    lat, lon, zoom = map_centre(area.municipality)
    context = {
        "area": area,
        "municipality": area.municipality,
        "reports": reports,
        "lines": dashboard(
            municipality=area.municipality, group_by="category", since=since, area=area
        ),
        "overdue": overdue_list(municipality=area.municipality, area=area)[:50],
        "map": {"lat": lat, "lon": lon, "zoom": zoom},
        "tiles": settings.WIJKWERK_MAP_TILES,
    }
    return render(request, "reports/wijk_reports.html", context)


@require_GET
def wijk_reports_geojson(request: HttpRequest, municipality: str, wijk: str) -> JsonResponse:
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    rows = public_report_list(area=area).values(*PUBLIC_FIELDS)[:1000]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {
                "id": row["id"],
                "category": row["category__name"],
                "status": row["status"],
                "open": row["status"] in OPEN_STATUSES,
                "reported": row["created_at"].isoformat(),
            },
        }
        for row in rows
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@require_GET
def municipality_dashboard(request: HttpRequest, municipality: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    group_by = request.GET.get("per", "wijk")
    if group_by not in ("wijk", "category", "organisation"):
        raise Http404
    since = timezone.localdate() - datetime.timedelta(days=365)
    context = {
        "municipality": gemeente,
        "group_by": group_by,
        "lines": dashboard(municipality=gemeente, group_by=group_by, since=since),
        "overdue": overdue_list(municipality=gemeente)[:100],
        "since": since,
        "may_set_up": request.user.has_perm("reports.manage_categories", gemeente),
    }
    return render(request, "reports/dashboard.html", context)


@login_required
@require_POST
def report_duplicate(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    report = _report(gemeente, pk)
    original = Report.objects.filter(municipality=gemeente, pk=request.POST.get("original")).first()
    if original is None:
        raise Http404
    if action_applied(
        request,
        lambda: services.report_link_duplicate(
            report=report, actor=request.user, original=original
        ),
        _("Linked to the earlier report; the reporter has been told."),
    ):
        return redirect("reports:detail", gemeente.slug, original.pk)
    return redirect("reports:detail", gemeente.slug, report.pk)


@login_required
@require_http_methods(["GET", "POST"])
def patterns(request: HttpRequest, municipality: str) -> HttpResponse:
    """Recurring reports proposed for the wijkagenda, for those who keep an agenda."""
    gemeente = municipality_get(slug=municipality)
    proposed = [
        p
        for p in RecurringPattern.objects.filter(
            wijk__municipality=gemeente, status=PatternStatus.PROPOSED
        ).select_related("wijk", "buurt", "category")
        if request.user.has_perm("agenda.add_item", p.wijk)
    ]
    if request.method == "POST":
        pattern = next((p for p in proposed if str(p.pk) == request.POST.get("pattern")), None)
        if pattern is None:
            raise Http404
        note = request.POST.get("note", "")
        if request.POST.get("action") == "agenda":
            action_applied(
                request,
                lambda: pattern_to_agenda(pattern=pattern, actor=request.user, note=note),
                _("The pattern is on the wijkagenda as an idea."),
            )
        else:
            action_applied(
                request,
                lambda: pattern_dismiss(pattern=pattern, actor=request.user, reason=note),
                _("The pattern has been dismissed."),
            )
        return redirect("reports:patterns", gemeente.slug)
    return render(
        request, "reports/patterns.html", {"municipality": gemeente, "patterns": proposed}
    )
