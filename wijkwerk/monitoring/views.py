"""The public monitor: one dashboard per municipality (its wijken side by side, one year)
and per wijk (over the years), with a CSV of every table. Aggregates only."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.core.downloads import csv_download

from .selectors import municipality_scope, wijk_scope
from .tables import Scope, Table, all_tables

YEARS_BACK = 6


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


@require_GET
def municipality_dashboard(request: HttpRequest, municipality: str) -> HttpResponse:
    scope = _municipality_scope(request, municipality)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "municipality": scope.municipality,
            "scope": scope,
            "years": _years(),
            "tables": all_tables(scope),
            "here": _("Monitor"),
        },
    )


@require_GET
def wijk_dashboard(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    scope = _wijk_scope(municipality, wijk)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "municipality": scope.municipality,
            "area": scope.wijk,
            "scope": scope,
            "tables": all_tables(scope),
            "here": _("Monitor"),
        },
    )


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
    return _csv(all_tables(scope), table, name)


@require_GET
def wijk_csv(request: HttpRequest, municipality: str, wijk: str, table: str) -> HttpResponse:
    scope = _wijk_scope(municipality, wijk)
    name = f"monitor-{scope.municipality.slug}-{scope.wijk.slug}-{table}.csv"
    return _csv(all_tables(scope), table, name)
