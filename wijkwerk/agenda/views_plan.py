"""Staff pages of the WOP (plan, themes, goals, actions, the yearly update), editing an item
of the wijkagenda, and the municipality's wijkagenda settings.

Every change is made on the version the form was read at. A save refused because someone
else changed the same thing meanwhile answers 409 with the person's input kept and the
other change named (see `services._common`).
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkwerk.accounts.models import User
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.selectors import wijk_get
from wijkwerk.core.forms import REFUSED, Applied, add_service_errors

from . import services
from .forms import (
    ActionForm,
    AgendaSettingsForm,
    GoalForm,
    ItemEditForm,
    PlanCreateForm,
    PlanForm,
    ThemeForm,
)
from .models import AgendaItem, DevelopmentPlan, Goal, PlannedAction, WijkAgendaSettings
from .selectors import plan_history


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))


def versioned_applied(
    form: Any, act: Callable[[dict[str, Any]], object], current: Callable[[], int]
) -> tuple[Applied, int]:
    """Like `core.forms.form_applied`, and the HTTP status to answer a refusal with.

    Caught here rather than in form_applied: a stale save (409) puts the input on the
    current version (`current()`), so the person sees the other change and may save again.
    """
    if not form.is_valid():
        return REFUSED, 400
    data = {k: v for k, v in form.cleaned_data.items() if k != "change_reason"}
    if "change_reason" in form.cleaned_data:
        data["reason"] = form.cleaned_data["change_reason"]
    try:
        value = act(data)
    except ValidationError as error:
        if services.is_stale(error):
            form.data = form.rebased(current())
            add_service_errors(form, error)
            return REFUSED, 409
        add_service_errors(form, error)
        return REFUSED, 400
    return Applied(True, value), 200


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    return render(request, template, context, status=status)


# --- the item ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    item = get_object_or_404(
        AgendaItem.objects.select_related("area__municipality"), area=area, pk=pk
    )
    _require(request, "agenda.change_item", item)
    initial = {
        "version": item.version,
        "title": item.title,
        "why": item.reason,
        "approach": item.approach,
        "due_date": item.due_date,
        "owner_organisation": item.owner_organisation_id,
        "theme": item.theme_id,
        "other_areas": list(item.other_areas.values_list("pk", flat=True)),
    }
    form = ItemEditForm(request.POST or None, area=area, initial=initial)
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.agenda_item_edit(item=item, actor=request.user, **data),
            lambda: AgendaItem.objects.get(pk=item.pk).version,
        )
        if applied:
            messages.success(request, _("The item is changed; the change is in its history."))
            return redirect("agenda:item", municipality, wijk, item.pk)
    context = {"area": area, "municipality": area.municipality, "item": item, "form": form}
    return _page(request, "agenda/item_edit.html", context, status)


# --- the WOP -----------------------------------------------------------------------------------


def _plan(area: Area, pk: int) -> DevelopmentPlan:
    return get_object_or_404(
        DevelopmentPlan.objects.select_related("area__municipality"), area=area, pk=pk
    )


def _context(area: Area, **extra: Any) -> dict[str, Any]:
    return {"area": area, "municipality": area.municipality, **extra}


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    _require(request, "agenda.manage_plan", area)
    year = timezone.localdate().year
    form = PlanCreateForm(request.POST or None, initial={"first_year": year})
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.plan_create(area=area, actor=request.user, **data),
            lambda: 0,
        )
        if applied:
            messages.success(request, _("The WOP is started. Add its goals and actions."))
            return redirect("agenda:plan_edit", municipality, wijk, applied.value.pk)
    return _page(request, "agenda/plan_form.html", _context(area, form=form), status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    """The WOP's editing page: the plan itself, its goals and actions with links to revise
    them, the yearly update and the decision log."""
    area = _wijk(municipality, wijk)
    plan = _plan(area, pk)
    _require(request, "agenda.manage_plan", area)
    initial = {
        "version": plan.version,
        "title": plan.title,
        "summary": plan.summary,
        "adopted_on": plan.adopted_on,
    }
    form = PlanForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.plan_update(plan=plan, actor=request.user, **data),
            lambda: DevelopmentPlan.objects.get(pk=plan.pk).version,
        )
        if applied:
            messages.success(request, _("The WOP is saved."))
            return redirect("agenda:plan_edit", municipality, wijk, plan.pk)
    goals = plan.goals.select_related("theme").prefetch_related("actions__owner_organisation")
    context = _context(
        area,
        plan=plan,
        form=form,
        goals=goals,
        history=plan_history(plan=plan),
        year=timezone.localdate().year,
    )
    return _page(request, "agenda/plan_edit.html", context, status)


@login_required
@require_http_methods(["POST"])
def plan_yearly(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    plan = _plan(area, pk)
    _require(request, "agenda.manage_plan", area)
    year = timezone.localdate().year
    try:
        created = services.plan_yearly_update(
            plan=plan, actor=request.user, year=year, reason=request.POST.get("change_reason", "")
        )
    except ValidationError as error:  # a button: the refusal becomes a message
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Yearly update saved: %(n)s WOP actions of %(year)s were put on the wijkagenda.")
            % {"n": len(created), "year": year},
        )
    return redirect("agenda:plan_edit", municipality, wijk, plan.pk)


@login_required
@require_http_methods(["GET", "POST"])
def theme_create(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    plan = _plan(area, pk)
    _require(request, "agenda.manage_plan", area)
    form = ThemeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.theme_create(area=area, actor=request.user, **data),
            lambda: 0,
        )
        if applied:
            messages.success(request, _("The theme is added."))
            return redirect("agenda:goal_create", municipality, wijk, plan.pk)
    context = _context(area, plan=plan, form=form, heading=_("Add a theme"))
    return _page(request, "agenda/plan_part_form.html", context, status)


@login_required
@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    plan = _plan(area, pk)
    _require(request, "agenda.manage_plan", area)
    form = GoalForm(request.POST or None, area=area, initial={"version": 0})
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.goal_create(
                plan=plan, actor=request.user, **{k: v for k, v in data.items() if k != "version"}
            ),
            lambda: 0,
        )
        if applied:
            messages.success(request, _("The goal is added. Plan its actions per year."))
            return redirect("agenda:plan_edit", municipality, wijk, plan.pk)
    context = _context(area, plan=plan, form=form, heading=_("Add a goal"), theme_link=True)
    return _page(request, "agenda/plan_part_form.html", context, status)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    goal = get_object_or_404(Goal.objects.select_related("plan__area"), plan__area=area, pk=pk)
    _require(request, "agenda.manage_plan", area)
    initial = {
        "version": goal.version,
        "theme": goal.theme_id,
        "title": goal.title,
        "description": goal.description,
        "indicator": goal.indicator,
    }
    form = GoalForm(request.POST or None, area=area, initial=initial)
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.goal_update(goal=goal, actor=request.user, **data),
            lambda: Goal.objects.get(pk=goal.pk).version,
        )
        if applied:
            messages.success(request, _("The goal is saved."))
            return redirect("agenda:plan_edit", municipality, wijk, goal.plan_id)
    context = _context(area, plan=goal.plan, form=form, heading=_("Revise a goal"), part=goal)
    return _page(request, "agenda/plan_part_form.html", context, status)


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    goal = get_object_or_404(Goal.objects.select_related("plan__area"), plan__area=area, pk=pk)
    _require(request, "agenda.manage_plan", area)
    plan = goal.plan
    year = min(max(timezone.localdate().year, plan.first_year), plan.last_year)
    form = ActionForm(
        request.POST or None,
        area=area,
        years=list(plan.years),
        initial={"version": 0, "year": year},
    )
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.action_create(
                goal=goal, actor=request.user, **{k: v for k, v in data.items() if k != "version"}
            ),
            lambda: 0,
        )
        if applied:
            messages.success(request, _("The action is planned."))
            return redirect("agenda:plan_edit", municipality, wijk, plan.pk)
    heading = _("Plan an action for '%(goal)s'") % {"goal": goal.title}
    context = _context(area, plan=plan, form=form, heading=heading)
    return _page(request, "agenda/plan_part_form.html", context, status)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    action = get_object_or_404(
        PlannedAction.objects.select_related("goal__plan__area"), goal__plan__area=area, pk=pk
    )
    _require(request, "agenda.manage_plan", area)
    plan = action.goal.plan
    initial = {
        "version": action.version,
        "year": action.year,
        "title": action.title,
        "description": action.description,
        "owner_organisation": action.owner_organisation_id,
    }
    form = ActionForm(request.POST or None, area=area, years=list(plan.years), initial=initial)
    status = 200
    if request.method == "POST":
        applied, status = versioned_applied(
            form,
            lambda data: services.action_update(action=action, actor=request.user, **data),
            lambda: PlannedAction.objects.get(pk=action.pk).version,
        )
        if applied:
            messages.success(request, _("The action is saved."))
            return redirect("agenda:plan_edit", municipality, wijk, plan.pk)
    context = _context(area, plan=plan, form=form, heading=_("Revise an action"), part=action)
    return _page(request, "agenda/plan_part_form.html", context, status)


# --- the municipality's settings --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agenda_settings(request: HttpRequest, municipality: str) -> HttpResponse:
    """The answer term of ideas, who gets escalations, and which wijkplatforms keep their
    wijk's agenda."""
    muni = get_object_or_404(Municipality, slug=municipality)
    _require(request, "agenda.manage_settings", muni)
    current = services.agenda_settings_get(municipality=muni)
    people = (
        User.objects.filter(roles__municipality=muni, roles__area__isnull=True, is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )
    initial = {
        "version": current.version,
        "answer_working_days": current.answer_working_days,
        "remind_working_days": current.remind_working_days,
        "escalate_to": current.escalate_to_id,
    }
    wijken = list(muni.areas.wijken().order_by("name"))
    keeps = set(
        WijkAgendaSettings.objects.filter(area__in=wijken, platform_keeps_agenda=True).values_list(
            "area_id", flat=True
        )
    )
    bound = request.method == "POST" and "answer_working_days" in request.POST
    form = AgendaSettingsForm(request.POST if bound else None, people=people, initial=initial)
    status = 200
    if bound:
        applied, status = versioned_applied(
            form,
            lambda data: services.agenda_settings_update(
                municipality=muni, actor=request.user, **data
            ),
            lambda: services.agenda_settings_get(municipality=muni).version,
        )
        if applied:
            messages.success(request, _("The wijkagenda settings are saved."))
            return redirect("agenda_municipality:settings", municipality)
    elif request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("platform_keeps") if v.isdigit()}
        for area in wijken:
            services.platform_keeps_agenda_set(
                area=area, actor=request.user, keeps=area.pk in chosen
            )
        messages.success(request, _("Saved: where the wijkplatform keeps the wijkagenda."))
        return redirect("agenda_municipality:settings", municipality)
    context = {
        "municipality": muni,
        "form": form,
        "wijken": [(a, a.pk in keeps) for a in wijken],
    }
    return _page(request, "agenda/settings.html", context, status)
