"""The public monitor: one dashboard per municipality (its wijken side by side, one year)
and per wijk (over the years), with a CSV of every table. Aggregates only.

The figures are computed with a fixed number of aggregate queries, and then kept in the
cache for CACHE_SECONDS: a monitor need not be up to the second, and a wethouder's busy
morning should not recompute the same totals for every visitor. Anonymous visitors all see
the same page, so the whole page is cached for them.
"""

from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.core.downloads import csv_download

from .selectors import municipality_scope, wijk_scope
from .tables import Scope, Table, all_tables

YEARS_BACK = 6
CACHE_SECONDS = 300


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - YEARS_BACK, -1))


def _year(request: HttpRequest) -> int:
    """The year asked for (?jaar=), or this year when none or an unknown one is given."""
    value = request.GET.get("jaar", "")
    years = _years()
    return int(value) if value.isdigit() and int(value) in years else years[0]


def _municipality_scope(request: HttpRequest, municipality: str) -> Scope:
    return municipality_scope(municipality=municipality_get(slug=municipality), year=_year(request))


def _wijk_scope(municipality: str, wijk: str) -> Scope:
    return wijk_scope(wijk=wijk_get(municipality_slug=municipality, wijk_slug=wijk))


def _tables(scope: Scope) -> list[Table]:
    """The scope's tables, from the cache when computed in the last CACHE_SECONDS."""
    key = ":".join(
        [
            "monitor-tables",
            str(scope.municipality.pk),
            str(scope.wijk.pk if scope.wijk else ""),
            str(scope.year or ""),
            get_language() or "",
        ]
    )
    tables = cache.get(key)
    if tables is None:
        tables = all_tables(scope)
        cache.set(key, tables, CACHE_SECONDS)
    return tables


def _page_key(request: HttpRequest, *parts: str) -> str | None:
    """Anonymous visitors all get the same page (nothing personal, no CSRF token)."""
    if (
        request.user.is_authenticated
        or set(request.GET) - {"jaar"}
        or len(messages.get_messages(request))
    ):
        return None
    return ":".join(["monitor-page", *parts, get_language() or ""])


def _cached_page(key: str | None, build) -> HttpResponse:
    if key and (html := cache.get(key)) is not None:
        return HttpResponse(html)
    response = build()
    if key:
        cache.set(key, response.content.decode(), CACHE_SECONDS)
    return response


@require_GET
def municipality_dashboard(request: HttpRequest, municipality: str) -> HttpResponse:
    key = _page_key(request, municipality, str(_year(request)))

    def build() -> HttpResponse:
        scope = _municipality_scope(request, municipality)
        context = {
            "municipality": scope.municipality,
            "scope": scope,
            "years": _years(),
            "tables": _tables(scope),
            "here": _("Monitor"),
            "cache_minutes": CACHE_SECONDS // 60,
        }
        return render(request, "monitoring/dashboard.html", context)

    return _cached_page(key, build)


@require_GET
def wijk_dashboard(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    key = _page_key(request, municipality, wijk)

    def build() -> HttpResponse:
        scope = _wijk_scope(municipality, wijk)
        context = {
            "municipality": scope.municipality,
            "area": scope.wijk,
            "scope": scope,
            "tables": _tables(scope),
            "here": _("Monitor"),
            "cache_minutes": CACHE_SECONDS // 60,
        }
        return render(request, "monitoring/dashboard.html", context)

    return _cached_page(key, build)


def _csv(tables: list[Table], key: str, filename: str) -> HttpResponse:
    table = next((t for t in tables if t.key == key), None)
    if table is None:
        raise Http404
    rows = [["" if v is None else v for v in row] for row in table.rows]
    return csv_download(table.header, rows, filename)


@require_GET
def municipality_csv(request: HttpRequest, municipality: str, table: str) -> HttpResponse:
    scope = _municipality_scope(request, municipality)
    name = f"monitor-{scope.municipality.slug}-{scope.year}-{table}.csv"
    return _csv(_tables(scope), table, name)


@require_GET
def wijk_csv(request: HttpRequest, municipality: str, wijk: str, table: str) -> HttpResponse:
    scope = _wijk_scope(municipality, wijk)
    name = f"monitor-{scope.municipality.slug}-{scope.wijk.slug}-{table}.csv"
    return _csv(_tables(scope), table, name)
