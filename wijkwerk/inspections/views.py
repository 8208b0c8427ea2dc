"""The schouw pages, at /gemeente/<gemeente>/schouw/: the schouwen, planning one, one schouw
with its route, participants and findings, the walk (one page per stop, made for a phone),
the results, and per wijk the agreed levels and the trend over its schouwen.

Everything works without JavaScript; `locate.js` only fills in the phone's position. Staff
pages and actions answer 404 to everybody else, as a missing schouw does.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.core.downloads import csv_download
from wijkwerk.core.forms import action_applied, form_applied

from . import selectors, services
from .forms import ConvertForm, ParticipantForm, PlanForm, QualityLevelForm, ScoreForm, StopForm
from .levels import Level, ObjectType
from .models import TRANSITIONS, Became, Finding, Inspection, QualityAgreement, Status, Stop
from .results import inspection_results, wijk_trend


def _inspection(request: HttpRequest, municipality: str, pk: int, may: str = "") -> Inspection:
    """The schouw; with `may`, only for those who have that permission on it (else 404)."""
    inspection = selectors.inspection_get(pk=pk, municipality=municipality_get(slug=municipality))
    if may and not request.user.has_perm(may, inspection):
        raise Http404
    return inspection


def became_url(finding: Finding) -> str:
    """Where what the finding became can be read."""
    inspection = finding.inspection
    if finding.became_kind == Became.MELDING:
        return reverse(
            "reports:detail", args=[inspection.municipality.slug, int(finding.became_id)]
        )
    if finding.became_kind == Became.AGENDA_ITEM:
        return reverse(
            "agenda:item",
            args=[inspection.municipality.slug, inspection.area.slug, int(finding.became_id)],
        )
    return ""


def _page(
    request: HttpRequest,
    template: str,
    inspection: Inspection,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    """A page of one schouw: its municipality, wijk and itself, and what the page adds."""
    base = {
        "municipality": inspection.municipality,
        "area": inspection.area,
        "inspection": inspection,
    }
    return render(request, f"inspections/{template}", {**base, **context}, status=status)


def _with_urls(findings: list[Finding]) -> list[Finding]:
    """The findings, each with the address of what it became (empty when nothing yet)."""
    for finding in findings:
        finding.url = became_url(finding)
    return findings


@require_GET
def inspection_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "municipality": place,
            "inspections": selectors.inspection_list(municipality=place),
            "wijken": place.areas.wijken().order_by("name"),
            "may_plan": bool(_plannable(request, place)),
        },
    )


def _plannable(request: HttpRequest, place: Any) -> list[Area]:
    return [
        wijk
        for wijk in place.areas.wijken().order_by("name")
        if request.user.has_perm("inspections.manage_inspection", wijk)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def inspection_plan(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    wijken = _plannable(request, place)
    if not wijken:
        raise Http404
    form = PlanForm(request.POST or None, wijken=Area.objects.filter(pk__in=[w.pk for w in wijken]))
    if request.method == "POST" and (
        applied := form_applied(
            form, lambda data: services.inspection_plan(actor=request.user, **data)
        )
    ):
        messages.success(request, _("The schouw is planned. Now add the route."))
        return redirect("inspections:detail", municipality, applied.value.pk)
    return render(
        request,
        "inspections/inspection_plan.html",
        {"municipality": place, "form": form},
        status=400 if form.is_bound else 200,
    )


def _detail(
    request: HttpRequest,
    inspection: Inspection,
    *,
    stop_form: StopForm | None = None,
    participant_form: ParticipantForm | None = None,
    status: int = 200,
) -> HttpResponse:
    manage = request.user.has_perm("inspections.manage_inspection", inspection)
    return _page(
        request,
        "inspection_detail.html",
        inspection,
        {
            "stops": list(inspection.stops.order_by("position")),
            "participants": list(inspection.participants.select_related("user"))
            if request.user.has_perm("inspections.view_participants", inspection)
            else None,
            "participant_count": inspection.participants.count(),
            "findings": _with_urls(list(selectors.finding_list(inspection=inspection))),
            "may_manage": manage,
            "may_walk": request.user.has_perm("inspections.walk_inspection", inspection),
            "may_convert": request.user.has_perm("inspections.convert_finding", inspection),
            "next_status": sorted(TRANSITIONS[inspection.status]),
            "open": inspection.status != Status.DONE,
            "stop_form": stop_form or StopForm(),
            "participant_form": participant_form or ParticipantForm(),
            "convert_form": ConvertForm(municipality=inspection.municipality),
        },
        status=status,
    )


@require_GET
def inspection_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    return _detail(request, _inspection(request, municipality, pk))


@login_required
@require_POST
def inspection_status(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    inspection = _inspection(request, municipality, pk, may="inspections.walk_inspection")
    action_applied(
        request,
        lambda: services.inspection_transition(
            inspection=inspection, actor=request.user, to=request.POST.get("to", "")
        ),
        _("The status of the schouw has changed."),
    )
    return redirect("inspections:detail", municipality, pk)


@login_required
@require_POST
def stop_add(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    inspection = _inspection(request, municipality, pk, may="inspections.manage_inspection")
    form = StopForm(request.POST)
    if form_applied(
        form, lambda data: services.stop_add(inspection=inspection, actor=request.user, **data)
    ):
        messages.success(request, _("The stop has been added to the route."))
        return redirect("inspections:detail", municipality, pk)
    return _detail(request, inspection, stop_form=form, status=400)


@login_required
@require_POST
def participant_add(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    inspection = _inspection(request, municipality, pk, may="inspections.manage_inspection")
    form = ParticipantForm(request.POST)

    def add(data: dict[str, Any]) -> object:
        user = None
        if data["email"]:
            user = get_user_model().objects.filter(email__iexact=data["email"]).first()
            if user is None:
                raise ValidationError({"email": _("There is no account with this e-mail address.")})
        return services.participant_add(
            inspection=inspection,
            actor=request.user,
            role=data["role"],
            user=user,
            name=data["name"],
        )

    if form_applied(form, add):
        messages.success(request, _("The participant has been added."))
        return redirect("inspections:detail", municipality, pk)
    return _detail(request, inspection, participant_form=form, status=400)


def _stop(inspection: Inspection, position: int) -> Stop:
    return get_object_or_404(Stop, inspection=inspection, position=position)


@login_required
@require_http_methods(["GET", "POST"])
def stop_walk(request: HttpRequest, municipality: str, pk: int, position: int) -> HttpResponse:
    """One stop of the route on a phone: what was scored here, and the form to score."""
    inspection = _inspection(request, municipality, pk, may="inspections.walk_inspection")
    stop = _stop(inspection, position)
    form = ScoreForm(request.POST or None, request.FILES or None, stop=stop)
    if request.method == "POST" and (
        applied := form_applied(
            form,
            lambda data: services.score_record(
                inspection=inspection, stop=stop, actor=request.user, **data
            ),
        )
    ):
        score = applied.value
        if score.below_agreed:
            messages.warning(
                request,
                _("Scored %(level)s, below the agreed %(agreed)s: noted as a finding.")
                % {"level": score.level, "agreed": score.agreed_level},
            )
        else:
            messages.success(request, _("Scored %(level)s.") % {"level": score.level})
        return redirect("inspections:walk", municipality, pk, position)
    stops = list(inspection.stops.order_by("position"))
    index = next(i for i, s in enumerate(stops) if s.pk == stop.pk)
    return _page(
        request,
        "stop_walk.html",
        inspection,
        {
            "stop": stop,
            "scores": list(stop.scores.select_related("finding")),
            "previous": stops[index - 1] if index > 0 else None,
            "next": stops[index + 1] if index + 1 < len(stops) else None,
            "count": len(stops),
            "form": form,
            "scoring": inspection.status == Status.IN_PROGRESS,
            "agreed": [
                (ObjectType(kind).label, level)
                for kind, level in services.agreed_levels(area=inspection.area).items()
            ],
        },
        status=400 if form.is_bound else 200,
    )


@require_GET
def finding_photo(request: HttpRequest, municipality: str, pk: int, finding: int) -> FileResponse:
    """Photos may show people or homes: only those who walk the schouw get them."""
    inspection = _inspection(request, municipality, pk, may="inspections.walk_inspection")
    found = get_object_or_404(Finding, inspection=inspection, pk=finding)
    if not found.photo:
        raise Http404
    extension = found.photo.name.rsplit(".", 1)[-1]
    return FileResponse(
        found.photo.open("rb"), content_type="image/" + extension.replace("jpg", "jpeg")
    )


@login_required
@require_POST
def finding_convert(request: HttpRequest, municipality: str, pk: int, finding: int) -> HttpResponse:
    inspection = _inspection(request, municipality, pk, may="inspections.convert_finding")
    found = get_object_or_404(Finding, inspection=inspection, pk=finding)
    form = ConvertForm(request.POST, municipality=inspection.municipality)
    if not form.is_valid():
        messages.error(request, _("Choose a melding or a wijkagenda item."))
    elif done := action_applied(
        request,
        lambda: services.finding_convert(finding=found, actor=request.user, **form.cleaned_data),
    ):
        messages.success(
            request,
            _("The finding has become a %(what)s.")
            % {"what": done.value.get_became_kind_display()},
        )
    return redirect(reverse("inspections:detail", args=[municipality, pk]) + f"#finding-{finding}")


@require_GET
def inspection_results_page(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    inspection = _inspection(request, municipality, pk)
    results = inspection_results(inspection=inspection)
    _with_urls(results.findings)
    return _page(request, "inspection_results.html", inspection, {"results": results})


def _wijk_page(
    request: HttpRequest, wijk: Area, form: QualityLevelForm | None = None, status: int = 200
) -> HttpResponse:
    agreements = {a.object_type: a for a in QualityAgreement.objects.filter(area=wijk)}
    may_manage = request.user.has_perm("inspections.manage_inspection", wijk)
    return render(
        request,
        "inspections/wijk.html",
        {
            "municipality": wijk.municipality,
            "area": wijk,
            "levels": [(kind, agreements.get(kind.value)) for kind in ObjectType],
            "scale": list(Level),
            "trend": wijk_trend(area=wijk),
            "inspections": selectors.inspection_list(area=wijk),
            "may_manage": may_manage,
            "form": (form or QualityLevelForm()) if may_manage else None,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def wijk_page(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """The agreed levels of a wijk (staff record them here) and its trend."""
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    if request.method == "GET":
        return _wijk_page(request, area)
    if not request.user.has_perm("inspections.manage_inspection", area):
        raise Http404
    form = QualityLevelForm(request.POST)
    if form_applied(
        form, lambda data: services.quality_level_set(area=area, actor=request.user, **data)
    ):
        messages.success(request, _("The agreed level has been recorded."))
        return redirect("inspections:wijk", municipality, wijk)
    return _wijk_page(request, area, form, status=400)


def _percent(share: Any) -> str:
    return "" if share is None or share.percent is None else f"{share.percent:.1f}"


@require_GET
def wijk_trend_csv(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """Per finished schouw and kind of object: scored, at or above the agreed level, share."""
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    trend = wijk_trend(area=area)
    rows = []
    for point in trend.points:
        day = point.inspection.starts_at.date().isoformat()
        for kind, share in [("all", point.overall), *point.per_type.items()]:
            rows.append(
                [day, str(point.inspection.pk), kind, str(share.scored), str(share.at_or_above),
                 _percent(share)]
            )  # fmt: skip
    return csv_download(
        ["date", "inspection", "object_type", "scored", "at_or_above_agreed", "percent"],
        rows,
        f"schouw-trend-{area.slug}.csv",
    )
