"""Public pages of the areas: find your wijk by postcode, and the wijken as GeoJSON for maps."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wijkwerk.core.ratelimit import allow

from .postcodes import find_wijken, parse_postcode
from .selectors import municipality_get, municipality_list, wijk_list

# Lookups per address per minute: the Locatieserver is a shared public service.
FIND_RATE_LIMIT = 30


@require_GET
def find_wijk(request: HttpRequest) -> HttpResponse:
    """GET ?postcode=…: the wijk's page when the postcode lies in one wijk, a choice when it
    spans several, and this page with a message when it is unknown or not a postcode."""
    typed = request.GET.get("postcode", "")
    context: dict = {"typed": typed[:60], "wijken": [], "error": "", "postcode": None}
    if "postcode" not in request.GET:
        return render(request, "areas/find.html", context)
    address = request.META.get("REMOTE_ADDR", "")
    if not allow(f"find-wijk:{address}", limit=FIND_RATE_LIMIT, window_seconds=60):
        context["error"] = _("You searched many times in a short time; try again in a minute.")
        return render(request, "areas/find.html", context, status=429)
    try:
        postcode = parse_postcode(typed)
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, "areas/find.html", context)
    found = find_wijken(postcode)
    context["postcode"] = postcode
    if len(found.wijken) == 1:
        wijk = found.wijken[0]
        return redirect(reverse("wijk", args=[wijk.municipality.slug, wijk.slug]))
    if found.wijken:
        context["wijken"] = found.wijken
    elif found.elsewhere:
        context["error"] = _(
            "Postcode %(postcode)s lies in %(municipality)s, which does not work with "
            "Wijkwerk (yet). Choose your municipality below, or ask your municipality."
        ) % {"postcode": postcode, "municipality": found.elsewhere}
    else:
        context["error"] = _(
            "We do not know postcode %(postcode)s in the municipalities on Wijkwerk. Check "
            "the postcode, or choose your municipality and wijk below."
        ) % {"postcode": postcode}
    context["municipalities"] = municipality_list()
    return render(request, "areas/find.html", context)


@require_GET
@cache_control(public=True, max_age=300)
def wijken_geojson(request: HttpRequest, municipality: str) -> JsonResponse:
    """The boundaries of the municipality's wijken, each with its name and page, for maps."""
    gemeente = municipality_get(slug=municipality)
    features = [
        {
            "type": "Feature",
            "geometry": wijk.geometry,
            "properties": {
                "code": wijk.code,
                "name": wijk.name,
                "url": reverse("wijk", args=[gemeente.slug, wijk.slug]),
            },
        }
        for wijk in wijk_list(municipality=gemeente).filter(geometry__isnull=False)
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})
