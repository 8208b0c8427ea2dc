"""Printable pages of a wijk — the wijkagenda and the one-page "wie doet wat" — as HTML with
print CSS and as PDF (`?format=pdf` or the `.pdf` address), and the staff page that monitors
what came out of the meetings.

The PDF is made by `wijkwerk.core.pdf` from a template of its own (A4, page numbers), with
the same content partial as the HTML page.
"""

from collections import Counter
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkwerk.accounts.selectors import contact_list
from wijkwerk.agenda.models import Status
from wijkwerk.agenda.selectors import agenda_item_list, agenda_status_counts
from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import wijk_get
from wijkwerk.core.forms import action_applied
from wijkwerk.core.pdf import pdf_response, wants_pdf

from . import selectors, services
from .models import ActionPoint

# On paper: what is being done first, then what waits, then what is settled.
STATUS_ORDER = {
    status: i
    for i, status in enumerate(
        [Status.IN_PROGRESS, Status.PLANNED, Status.PROPOSED, Status.WAITING, Status.DONE,
         Status.REJECTED, Status.DROPPED]
    )
}  # fmt: skip


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _serve(
    request: HttpRequest, pdf: bool, *, page: str, document: str, filename: str, context: dict
) -> HttpResponse:
    context = {**context, "printed_at": timezone.localtime()}
    if pdf or wants_pdf(request):
        return pdf_response(document, context, request=request, filename=filename)
    return render(request, page, context)


def _agenda_context(area: Area, year: int) -> dict[str, Any]:
    items = sorted(
        agenda_item_list(area=area, year=year),
        key=lambda item: (STATUS_ORDER.get(item.status, 99), item.due_date or date.max, item.title),
    )
    return {
        "area": area,
        "municipality": area.municipality,
        "year": year,
        "items": items,
        "counts": agenda_status_counts(area=area, year=year),
    }


@require_GET
def print_agenda(
    request: HttpRequest, municipality: str, wijk: str, pdf: bool = False
) -> HttpResponse:
    """The whole wijkagenda of a year, on paper: every item with its answer and owner."""
    area = _wijk(municipality, wijk)
    year = _year(request)
    return _serve(
        request, pdf,
        page="meetings/print/agenda.html",
        document="meetings/print/agenda_pdf.html",
        filename=f"wijkagenda-{area.slug}-{year}.pdf",
        context=_agenda_context(area, year),
    )  # fmt: skip


def _who_context(request: HttpRequest, area: Area) -> dict[str, Any]:
    year = timezone.localdate().year
    owners = Counter(
        item.owner_organisation
        for item in agenda_item_list(area=area, year=year)
        if item.owner_organisation is not None
    )
    return {
        "area": area,
        "municipality": area.municipality,
        "year": year,
        "contacts": contact_list(area=area),
        "cards": selectors.body_cards(area=area),
        "owners": sorted(owners.items(), key=lambda pair: (-pair[1], str(pair[0]))),
        "report_url": request.build_absolute_uri(
            reverse("reports:new", args=[area.municipality.slug])
        ),
    }


@require_GET
def print_who(
    request: HttpRequest, municipality: str, wijk: str, pdf: bool = False
) -> HttpResponse:
    """Wie doet wat: contacts by role, bodies with chair and next meeting, the organisations
    that own wijkagenda items, and where to report a melding — on one page."""
    area = _wijk(municipality, wijk)
    return _serve(
        request, pdf,
        page="meetings/print/who.html",
        document="meetings/print/who_pdf.html",
        filename=f"wie-doet-wat-{area.slug}.pdf",
        context=_who_context(request, area),
    )  # fmt: skip


# --- monitoring -------------------------------------------------------------------------------


@login_required
@require_GET
def outcomes(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """Per body: meetings held against planned this year, and which action points reached the
    wijkagenda (and which not yet). For the wijk's staff."""
    area = _wijk(municipality, wijk)
    if not request.user.has_perm("meetings.manage_bodies", area):
        raise Http404
    year = _year(request)
    context = {
        "area": area,
        "municipality": area.municipality,
        "year": year,
        "rows": selectors.outcome_rows(area=area, year=year),
        "totals": selectors.outcome_counts(area, year),
    }
    return render(request, "meetings/outcomes.html", context)


@login_required
@require_POST
def outcome_to_agenda(
    request: HttpRequest, municipality: str, wijk: str, action: int
) -> HttpResponse:
    """Hand an action point that is not on the wijkagenda yet on to it."""
    area = _wijk(municipality, wijk)
    found = get_object_or_404(ActionPoint, pk=action, meeting__body__area=area)
    if not request.user.has_perm("meetings.manage_meeting", found):
        raise Http404
    action_applied(
        request,
        lambda: services.action_point_to_agenda(action=found, actor=request.user),
        success=_("The action point is on the wijkagenda."),
    )
    return redirect("meetings:outcomes", municipality, wijk)
