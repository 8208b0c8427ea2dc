"""Setting up melding categories on pages, at /gemeente/<gemeente>/meldingen/categorieen/:
the list with each category's term and handler, forms to add and change one, and a button
to deactivate (or reactivate) it. For the functioneel beheerder (`reports.manage_categories`);
others get a 403 that says why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.areas.models import Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.forms import action_applied, form_applied

from . import categories, services
from .forms_categories import CategoryForm
from .models import Category


def _place(request: HttpRequest, municipality: str) -> Municipality:
    place = municipality_get(slug=municipality)
    if not request.user.has_perm("reports.manage_categories", place):
        raise PermissionDenied(
            _("You do not have a role that allows you to set up categories here.")
        )
    return place


def _category(place: Municipality, pk: int) -> Category:
    return get_object_or_404(
        Category.objects.select_related("parent", "organisation__parent"),
        pk=pk,
        municipality=place,
    )


@login_required
@require_GET
def category_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality)
    rows = list(
        Category.objects.filter(municipality=place)
        .select_related("parent__organisation__parent", "organisation__parent")
        .order_by("name")
    )
    mains = [c for c in rows if c.parent_id is None]
    children: dict[int, list[Category]] = {}
    for c in rows:
        if c.parent_id is not None:
            children.setdefault(c.parent_id, []).append(c)
    groups = [(main, children.get(main.pk, [])) for main in mains]
    return render(
        request,
        "reports/categories/list.html",
        {"municipality": place, "groups": groups},
    )


def _form_page(request, place, form, category) -> HttpResponse:
    return render(
        request,
        "reports/categories/form.html",
        {"municipality": place, "form": form, "category": category},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def category_new(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality)
    initial = {}
    if request.GET.get("hoofd", "").isdigit():
        initial["parent"] = int(request.GET["hoofd"])
    form = CategoryForm(request.POST or None, municipality=place, initial=initial)
    if request.method == "POST" and (
        made := form_applied(
            form,
            lambda data: categories.category_create(municipality=place, actor=request.user, **data),
        )
    ):
        messages.success(
            request, _("The category “%(name)s” has been added.") % {"name": made.value.name}
        )
        return redirect("reports:categories", place.slug)
    return _form_page(request, place, form, None)


@login_required
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = _place(request, municipality)
    category = _category(place, pk)
    form = CategoryForm(
        request.POST or None,
        municipality=place,
        category=category,
        initial=CategoryForm.initial_from(category),
    )
    if request.method == "POST" and form_applied(
        form,
        lambda _data: categories.category_update(
            category=category, actor=request.user, **form.changed_values(category)
        ),
    ):
        messages.success(
            request, _("The category “%(name)s” has been saved.") % {"name": category.name}
        )
        return redirect("reports:categories", place.slug)
    return _form_page(request, place, form, category)


@login_required
@require_POST
def category_active(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = _place(request, municipality)
    category = _category(place, pk)
    active = request.POST.get("active") == "1"
    action_applied(
        request,
        lambda: categories.category_set_active(
            category=category, actor=request.user, active=active
        ),
        success=(
            _("The category “%(name)s” is active again.")
            if active
            else _("The category “%(name)s” has been deactivated: new reports cannot choose it.")
        )
        % {"name": category.name},
    )
    return redirect("reports:categories", place.slug)


@login_required
@require_POST
def categories_defaults(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _place(request, municipality)
    added = services.categories_install_defaults(municipality=place, actor=request.user)
    messages.success(
        request,
        _("%(count)d standard categories have been added. Check their terms and handlers.")
        % {"count": added},
    )
    return redirect("reports:categories", place.slug)
