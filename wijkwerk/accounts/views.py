"""People of a municipality, at /gemeente/<gemeente>/mensen/: who holds which role where
(the management side of the public "wie doet wat"), and forms to invite a person, give and
end a role, and arrange a plaatsvervanger. The list is for the functioneel beheerder and
staff of the whole municipality (`accounts.view_people`); the forms for the functioneel
beheerder (`accounts.manage_people`). Others get a 403 that says why."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from wijkwerk.areas.models import Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.forms import form_applied, form_render

from . import services
from .forms import GIVEN_ROLES, InviteForm, RoleEndForm, RoleGiveForm, SubstitutionForm
from .models import RoleAssignment, Substitution
from .selectors import people_roles_list, substitution_list

WHOLE = "gemeente"  # the filter value for roles of the whole municipality


def _place(request: HttpRequest, municipality: str, perm: str) -> Municipality:
    place = municipality_get(slug=municipality)
    if not request.user.has_perm(perm, place):
        raise PermissionDenied(
            _("You do not have a role that allows you to see or change who does what here.")
        )
    return place


class PeopleFilter(forms.Form):
    wijk = forms.ChoiceField(label=gettext_lazy("Wijk or village"), required=False)
    rol = forms.ChoiceField(label=gettext_lazy("Role"), required=False)
    beeindigd = forms.BooleanField(label=gettext_lazy("Also ended roles"), required=False)

    def __init__(self, *args, municipality: Municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.wijken = list(municipality.areas.wijken().order_by("name"))
        self.fields["wijk"].choices = [
            ("", _("Everywhere")),
            (WHOLE, _("The whole municipality")),
            *((w.slug, w.name) for w in self.wijken),
        ]
        self.fields["rol"].choices = [("", _("Every role")), *GIVEN_ROLES]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        wijk = next((w for w in self.wijken if w.slug == data["wijk"]), None)
        return {
            "area_id": wijk.pk if wijk else None,
            "whole_only": data["wijk"] == WHOLE,
            "role": data["rol"],
            "include_ended": data["beeindigd"],
        }


@login_required
@require_GET
def people_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality, "accounts.view_people")
    selection = PeopleFilter(request.GET or None, municipality=place)
    rows = people_roles_list(municipality=place, **selection.filters())
    return form_render(
        request,
        "accounts/people.html",
        {
            "municipality": place,
            "selection": selection,
            "rows": rows,
            "substitutions": substitution_list(municipality=place),
            "may_manage": request.user.has_perm("accounts.manage_people", place),
            "filtered": any(request.GET.get(k) for k in ("wijk", "rol", "beeindigd")),
        },
    )


def _form_page(request, place, form, template: str, heading: str, **extra) -> HttpResponse:
    return form_render(
        request,
        f"accounts/{template}",
        {"municipality": place, "form": form, "heading": heading, **extra},
        refused=form.is_bound,
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_invite(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality, "accounts.manage_people")
    form = InviteForm(request.POST or None, municipality=place)
    if request.method == "POST" and (
        made := form_applied(
            form,
            lambda data: services.person_invite(municipality=place, actor=request.user, **data),
        )
    ):
        messages.success(
            request,
            _("An invitation has been sent to %(email)s.") % {"email": made.value.user.email},
        )
        return redirect("people:list", place.slug)
    return _form_page(request, place, form, "invite.html", _("Invite a person"))


@login_required
@require_http_methods(["GET", "POST"])
def role_give(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality, "accounts.manage_people")
    initial = {}
    if request.GET.get("persoon", "").isdigit():
        initial["user"] = int(request.GET["persoon"])
    form = RoleGiveForm(request.POST or None, municipality=place, initial=initial)
    if request.method == "POST" and (
        made := form_applied(
            form,
            lambda data: services.role_assign(municipality=place, actor=request.user, **data),
        )
    ):
        assignment = made.value
        messages.success(
            request,
            _("%(person)s is now %(role)s.")
            % {"person": assignment.user, "role": assignment.get_role_display()},
        )
        return redirect("people:list", place.slug)
    return _form_page(request, place, form, "role_give.html", _("Give a role"))


@login_required
@require_http_methods(["GET", "POST"])
def role_end(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = _place(request, municipality, "accounts.manage_people")
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user", "area", "organisation"),
        pk=pk,
        municipality=place,
    )
    form = RoleEndForm(request.POST or None)
    if request.method == "POST" and form_applied(
        form,
        lambda data: services.role_end(assignment=assignment, actor=request.user, **data),
    ):
        messages.success(
            request,
            _("The role %(role)s of %(person)s ends on %(date)s.")
            % {
                "role": assignment.get_role_display(),
                "person": assignment.user,
                "date": form.cleaned_data["ends_on"].strftime("%d-%m-%Y"),
            },
        )
        return redirect("people:list", place.slug)
    return _form_page(request, place, form, "role_end.html", _("End a role"), assignment=assignment)


@login_required
@require_http_methods(["GET", "POST"])
def substitution_new(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality, "accounts.manage_people")
    initial = {}
    if request.GET.get("voor", "").isdigit():
        initial["absent"] = int(request.GET["voor"])
    form = SubstitutionForm(request.POST or None, municipality=place, initial=initial)
    if request.method == "POST" and (
        made := form_applied(
            form,
            lambda data: services.substitution_create(
                municipality=place, actor=request.user, **data
            ),
        )
    ):
        substitution = made.value
        messages.success(
            request,
            _("%(substitute)s stands in for %(absent)s from %(start)s until %(end)s.")
            % {
                "substitute": substitution.substitute,
                "absent": substitution.absent,
                "start": substitution.starts_on.strftime("%d-%m-%Y"),
                "end": substitution.ends_on.strftime("%d-%m-%Y"),
            },
        )
        return redirect("people:list", place.slug)
    return _form_page(request, place, form, "substitution.html", _("Arrange a plaatsvervanger"))


@login_required
@require_http_methods(["GET", "POST"])
def substitution_end(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = _place(request, municipality, "accounts.manage_people")
    substitution = get_object_or_404(
        Substitution.objects.select_related("absent", "substitute"), pk=pk, municipality=place
    )
    form = RoleEndForm(request.POST or None)
    if request.method == "POST" and form_applied(
        form,
        lambda data: services.substitution_end(
            substitution=substitution, actor=request.user, **data
        ),
    ):
        messages.success(
            request,
            _("%(substitute)s no longer stands in for %(absent)s after %(date)s.")
            % {
                "substitute": substitution.substitute,
                "absent": substitution.absent,
                "date": form.cleaned_data["ends_on"].strftime("%d-%m-%Y"),
            },
        )
        return redirect("people:list", place.slug)
    return _form_page(
        request,
        place,
        form,
        "substitution_end.html",
        _("End a substitution early"),
        substitution=substitution,
    )
