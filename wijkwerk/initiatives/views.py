"""Initiative pages. Views are thin: they check the permission, hand valid input to a
service, and re-render the form with the service's errors when it refuses."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import wijk_get

from .selectors import initiative_get, wijk_summary
from .selectors import initiative_list as select_initiatives


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


@require_GET
def initiative_list(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    context = {
        "area": area,
        "municipality": area.municipality,
        "initiatives": select_initiatives(area=area, user=request.user),
        "summary": wijk_summary(area=area),
    }
    return render(request, "initiatives/initiative_list.html", context)


@require_GET
def initiative_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    initiative = initiative_get(pk=pk, area=area, user=request.user)
    context = {"area": area, "municipality": area.municipality, "initiative": initiative}
    return render(request, "initiatives/initiative_detail.html", context)
