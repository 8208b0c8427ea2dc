"""The werkplek: where staff start. What needs me now, and the set-up pages."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from wijkwerk.accounts.selectors import substitutions_of
from wijkwerk.areas.selectors import municipality_get

from .scope import Scope, werkplek_municipalities
from .setup import setup_links
from .tasks import werkplek_tasks


@require_GET
@login_required
def chooser(request: HttpRequest) -> HttpResponse:
    """/werkplek/: straight to the werkplek of one's municipality, or a choice of several."""
    places = werkplek_municipalities(user=request.user)
    if len(places) == 1:
        return redirect("werkplek:werkplek", places[0].slug)
    return render(request, "werkplek/chooser.html", {"places": places})


@require_GET
@login_required
def werkplek(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    if place not in werkplek_municipalities(user=request.user):
        raise Http404
    scope = Scope(user=request.user, municipality=place)
    tasks = werkplek_tasks(scope=scope)
    return render(
        request,
        "werkplek/werkplek.html",
        {
            "municipality": place,
            "tasks": tasks,
            "late_count": sum(1 for t in tasks if t.late),
            "setup": setup_links(scope=scope),
            "standing_in": substitutions_of(user=request.user, municipality=place),
        },
    )
