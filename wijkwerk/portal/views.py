"""The public pages: municipalities, their wijken, and each wijk's page."""

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wijkwerk.accounts.selectors import contact_list
from wijkwerk.agenda.forms import AgendaFilterForm
from wijkwerk.agenda.selectors import (
    agenda_item_list,
    agenda_status_counts,
    agenda_years,
    theme_list,
    wijk_agenda_stamp,
    wijk_overview,
)
from wijkwerk.areas.selectors import municipality_get, municipality_list, wijk_get

from .selectors import happening

PAGE_SIZE = 25
# An upper bound on staleness for what the change stamp does not see (a renamed theme,
# a new contact person).
CACHE_SECONDS = 300
AGENDA_PARAMS = frozenset({"year", "theme", "status", "pagina"})


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """A trivial view: liveness checks, and the baseline of the benchmark."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {"municipalities": municipality_list(), "happening": happening()},
    )


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
            "happening": happening(municipality=gemeente),
        },
    )


@require_GET
def wijk_page(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    # One query gives the wijk's id and change stamp, so a cached page needs nothing else.
    found = wijk_agenda_stamp(municipality_slug=municipality, wijk_slug=wijk)
    if found is None:
        raise Http404
    area_id, stamp = found
    page_key = _anonymous_page_key(request, area_id, stamp)
    if page_key and (html := cache.get(page_key)) is not None:
        return HttpResponse(html)
    area = wijk_get(municipality_slug=municipality, wijk_slug=wijk)
    themes = list(theme_list(municipality=area.municipality))
    years = agenda_years(area=area)
    form = AgendaFilterForm(request.GET or None, themes=themes, years=years)
    filters = form.cleaned_filters() if form.is_bound and form.is_valid() else {}
    year = filters.get("year") or years[0]
    agenda_html = _agenda_html(request, area, year, filters, stamp)
    if request.htmx:
        return HttpResponse(agenda_html)
    context = {
        "area": area,
        "municipality": area.municipality,
        "contacts": contact_list(area=area),
        "form": form,
        "year": year,
        "agenda_html": agenda_html,
        "happening": happening(area=area),
    }
    response = render(request, "portal/wijk.html", context)
    if page_key:
        cache.set(page_key, response.content.decode(), CACHE_SECONDS)
    return response


def _anonymous_page_key(request: HttpRequest, area_id: int, stamp: str) -> str | None:
    """Anonymous visitors all see the same page (no CSRF token, nothing personal), so it
    is cached under the wijk's change stamp and the day (votes and surveys open and close
    by date) — unless the request is special."""
    if (
        request.user.is_authenticated
        or request.htmx
        or set(request.GET) - AGENDA_PARAMS
        or len(messages.get_messages(request))
    ):
        return None
    params = ":".join(request.GET.get(p, "")[:12] for p in sorted(AGENDA_PARAMS))
    return f"wijk-page:{area_id}:{params}:{get_language()}:{timezone.localdate()}:{stamp}"


def _agenda_html(request: HttpRequest, area, year: int, filters: dict, stamp: str) -> str:
    """The rendered agenda list, cached until an item of the wijk changes.

    The list holds nothing personal, so it is shared by every visitor: cached per wijk,
    filter, page and language under the wijk's change stamp.
    """
    page_number = request.GET.get("pagina", "1")
    key = "wijk-agenda:" + ":".join(
        [
            str(area.pk),
            str(year),
            str(filters.get("theme", "")),
            filters.get("status", ""),
            page_number[:6],
            get_language() or "",
            stamp,
        ]
    )
    html = cache.get(key)
    if html is None:
        items = agenda_item_list(
            area=area, year=year, theme=filters.get("theme"), status=filters.get("status")
        )
        context = {
            "area": area,
            "municipality": area.municipality,
            "page": Paginator(items, PAGE_SIZE).get_page(page_number),
            "counts": agenda_status_counts(area=area, year=year),
            "query": _query_without_page(request),
        }
        html = render_to_string("portal/wijk.html#agenda", context, request=request)
        cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    for name in list(query):
        if name == "pagina" or name not in AGENDA_PARAMS:
            query.pop(name)
    return query.urlencode()
