"""The public pages: municipalities, their wijken, and each wijk's page."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from wijkwerk.accounts.selectors import contact_list
from wijkwerk.agenda.forms import AgendaFilterForm
from wijkwerk.agenda.selectors import (
    agenda_item_list,
    agenda_status_counts,
    agenda_years,
    theme_list,
    wijk_overview,
)
from wijkwerk.areas.selectors import municipality_get, municipality_list, wijk_get

PAGE_SIZE = 25


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: liveness checks, and the baseline of the benchmark."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"municipalities": municipality_list()})


@require_GET
def municipality_page(request: HttpRequest, municipality: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    year = timezone.localdate().year
    return render(
        request,
        "portal/municipality.html",
        {
            "municipality": gemeente,
            "year": year,
            "wijken": wijk_overview(municipality=gemeente, year=year),
        },
    )


@require_GET
def wijk_page(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    themes = list(theme_list(municipality=area.municipality))
    years = agenda_years(area=area)
    form = AgendaFilterForm(request.GET or None, themes=themes, years=years)
    filters = form.cleaned_filters() if form.is_bound and form.is_valid() else {}
    year = filters.get("year") or years[0]
    items = agenda_item_list(
        area=area, year=year, theme=filters.get("theme"), status=filters.get("status")
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("pagina"))
    context = {
        "area": area,
        "municipality": area.municipality,
        "contacts": contact_list(area=area),
        "form": form,
        "year": year,
        "page": page,
        "counts": agenda_status_counts(area=area, year=year),
        "query": _query_without_page(request),
    }
    template = "portal/wijk.html#agenda" if request.htmx else "portal/wijk.html"
    return render(request, template, context)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()
