"""The partners of a municipality and their departments, at
/gemeente/<gemeente>/organisaties/: the list, and forms to add and change an organisation
or a department. For the functioneel beheerder (`organisations.manage_organisations`);
others get a 403 that says why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkwerk.areas.models import Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.forms import form_applied

from . import services
from .forms import OrganisationForm
from .models import Organisation


def _place(request: HttpRequest, municipality: str) -> Municipality:
    place = municipality_get(slug=municipality)
    if not request.user.has_perm("organisations.manage_organisations", place):
        raise PermissionDenied(
            _("You do not have a role that allows you to keep the organisations here.")
        )
    return place


@login_required
@require_GET
def organisation_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality)
    rows = list(Organisation.objects.filter(municipality=place).order_by("name"))
    departments: dict[int, list[Organisation]] = {}
    for row in rows:
        if row.parent_id is not None:
            departments.setdefault(row.parent_id, []).append(row)
    groups = [(o, departments.get(o.pk, [])) for o in rows if o.parent_id is None]
    return render(request, "organisations/list.html", {"municipality": place, "groups": groups})


def _form_page(request, place, form, organisation) -> HttpResponse:
    return render(
        request,
        "organisations/form.html",
        {"municipality": place, "form": form, "organisation": organisation},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality)
    initial = {}
    if request.GET.get("onder", "").isdigit():
        initial["parent"] = int(request.GET["onder"])
    form = OrganisationForm(request.POST or None, municipality=place, initial=initial)
    if request.method == "POST" and (
        made := form_applied(
            form,
            lambda data: services.organisation_create(
                municipality=place, actor=request.user, **data
            ),
        )
    ):
        messages.success(request, _("“%(name)s” has been added.") % {"name": made.value})
        return redirect("organisations:list", place.slug)
    return _form_page(request, place, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = _place(request, municipality)
    organisation = get_object_or_404(
        Organisation.objects.select_related("parent"), pk=pk, municipality=place
    )
    form = OrganisationForm(
        request.POST or None,
        municipality=place,
        organisation=organisation,
        initial=OrganisationForm.initial_from(organisation),
    )
    if request.method == "POST" and form_applied(
        form,
        lambda _data: services.organisation_update(
            organisation=organisation, actor=request.user, **form.changed_values(organisation)
        ),
    ):
        messages.success(request, _("“%(name)s” has been saved.") % {"name": organisation.name})
        return redirect("organisations:list", place.slug)
    return _form_page(request, place, form, organisation)
