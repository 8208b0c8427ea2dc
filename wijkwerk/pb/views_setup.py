"""Setting up a budget round on pages, at /gemeente/<gemeente>/begroting/nieuw/ and
/gemeente/<gemeente>/begroting/<pk>/instellen/, so that staff never need the admin.

Whoever may manage rounds in a wijk (wijkmanager, functioneel beheerder) opens a round
there; a round of the whole municipality needs a municipality-wide role. The round can be
changed until voting opens (then only its description and execution date); after that it
runs from its staff page. Others get a 403 that says why; a round of another municipality
does not exist here (404).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.selectors import municipality_get, wijk_list
from wijkwerk.core.forms import form_applied

from . import selectors, services
from .forms_setup import RoundForm
from .models import Phase, Round


def manageable_areas(user: Any, municipality: Municipality) -> tuple[list[Area], bool]:
    """The wijken where this person may open rounds, and whether they may open one for the
    whole municipality."""
    whole = has_capability(user, roles.MANAGE_PB_ROUND, municipality=municipality)
    wijken = [
        w
        for w in wijk_list(municipality=municipality)
        if whole or has_capability(user, roles.MANAGE_PB_ROUND, area=w)
    ]
    return wijken, whole


def may_set_up_rounds(user: Any, municipality: Municipality) -> bool:
    wijken, whole = manageable_areas(user, municipality)
    return whole or bool(wijken)


def _refuse() -> None:
    raise PermissionDenied(
        _("You do not have a role that allows you to set up budget rounds here.")
    )


def _render(
    request: HttpRequest, municipality: Municipality, form: RoundForm, pb_round: Round | None
) -> HttpResponse:
    context = {
        "municipality": municipality,
        "form": form,
        "round": pb_round,
        "phase": Phase(pb_round.phase()).label if pb_round else None,
        "fixed": pb_round is not None and "rule" not in form.fields,
    }
    return render(
        request, "pb/setup/round_form.html", context, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    areas, whole = manageable_areas(request.user, place)
    if not (areas or whole):
        _refuse()
    form = RoundForm(
        request.POST or None, municipality=place, areas=areas, whole_municipality=whole
    )
    if request.method == "POST" and (
        made := form_applied(
            form,
            lambda _data: services.round_create(
                municipality=place, actor=request.user, **form.service_values()
            ),
        )
    ):
        messages.success(
            request,
            _("The round “%(title)s” has been set up. From here on it runs from this page.")
            % {"title": made.value.title},
        )
        return redirect("pb:staff", place.slug, made.value.pk)
    return _render(request, place, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    pb_round = selectors.round_get(pk=pk, municipality=place)
    if not request.user.has_perm("pb.manage_round", pb_round):
        _refuse()
    areas, whole = manageable_areas(request.user, place)
    if pb_round.area is not None and pb_round.area not in areas:
        areas.append(pb_round.area)
    form = RoundForm(
        request.POST or None,
        municipality=place,
        areas=areas,
        whole_municipality=whole,
        editing=pb_round,
        initial=RoundForm.initial_from(pb_round),
    )
    if request.method == "POST" and form_applied(
        form,
        lambda _data: services.round_update(
            round=pb_round, actor=request.user, **form.changed_values(pb_round)
        ),
    ):
        messages.success(request, _("The set-up of the round has been saved."))
        return redirect("pb:staff", place.slug, pb_round.pk)
    return _render(request, place, form, pb_round)
