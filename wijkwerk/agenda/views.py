"""Agenda pages: an item with its answer and history, and the forms of residents and staff.

Views are thin: they check the permission, hand valid input to a service, and re-render the
form with the service's errors when it refuses.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import wijk_get
from wijkwerk.core.forms import action_applied, form_applied, form_render

from . import services
from .forms import AnswerForm, ItemForm, ProgressForm, ProposeForm, ReviewForm
from .models import ANSWERABLE, TRANSITIONS, AgendaItem, AgendaReview, DevelopmentPlan, Status
from .selectors import (
    agenda_item_history,
    agenda_item_updates,
    answer_deadline,
    answer_late,
    origin_link,
    plan_current,
    review_list,
    review_report,
)
from .views_plan import versioned_applied


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


def _item(area: Area, pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related(
            "area__municipality",
            "theme",
            "owner_organisation__parent",
            "buurt",
            "proposed_by",
            "source_organisation__parent",
        ),
        area=area,
        pk=pk,
    )


def _require(request: HttpRequest, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))


@require_GET
def item_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    return _render_item(request, area, _item(area, pk))


def _render_item(
    request: HttpRequest,
    area: Area,
    item: AgendaItem,
    *,
    refused: bool = False,
    partial: str = "",
    **forms,
) -> HttpResponse:
    """The item page; a form passed in (with its errors) replaces the empty one. htmx gets
    only the `partial` of that form back."""
    user = request.user
    context = {
        "area": area,
        "municipality": area.municipality,
        "item": item,
        "updates": agenda_item_updates(item=item),
        "history": agenda_item_history(item=item),
        "origin": origin_link(item=item, user=user),
        "can_edit": user.has_perm("agenda.change_item", item),
        "answer_deadline": answer_deadline(item) if item.status == Status.PROPOSED else None,
        "answer_late": answer_late(item=item),
    }
    if user.has_perm("agenda.answer_item", item) and item.status in ANSWERABLE:
        context["answer_form"] = AnswerForm(area=area, initial={"version": item.version})
    if user.has_perm("agenda.report_progress", item):
        context["progress_form"] = ProgressForm(allowed=_allowed(item))
    context.update(forms)
    return form_render(
        request, "agenda/item_detail.html", context, refused=refused, partial=partial
    )


def _allowed(item: AgendaItem) -> list[tuple[str, str]]:
    return [(s, Status(s).label) for s in Status.values if s in TRANSITIONS[item.status]]


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    form = ProposeForm(request.POST or None, area=area)
    if request.method == "POST" and (
        applied := form_applied(
            form,
            lambda data: services.agenda_item_propose(area=area, actor=request.user, **data),
        )
    ):
        messages.success(
            request,
            _("Thank you. Your idea is on the wijkagenda and waits for an answer."),
        )
        return redirect("agenda:item", municipality, wijk, applied.value.pk)
    return form_render(
        request,
        "agenda/propose.html",
        {"area": area, "municipality": area.municipality, "form": form},
        refused=form.is_bound,
    )


@login_required
@require_POST
def answer(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    item = _item(area, pk)
    _require(request, "agenda.answer_item", item)
    form = AnswerForm(request.POST, area=area)
    applied, status = versioned_applied(
        form,
        lambda data: services.agenda_item_answer(item=item, actor=request.user, **data),
        lambda: AgendaItem.objects.get(pk=item.pk).version,
    )
    if applied:
        messages.success(request, _("The answer is published on the wijk page."))
        url = reverse("agenda:item", args=[municipality, wijk, item.pk])
        # htmx swaps what it gets into the form: the published answer needs the whole page.
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    response = _render_item(
        request, area, item, refused=True, partial="answer_form", answer_form=form
    )
    response.status_code = status
    return response


@login_required
@require_POST
def progress(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    item = _item(area, pk)
    _require(request, "agenda.report_progress", item)
    form = ProgressForm(request.POST, allowed=_allowed(item))
    if form_applied(
        form,
        lambda data: services.agenda_item_report_progress(item=item, actor=request.user, **data),
    ):
        messages.success(request, _("Progress recorded."))
        return redirect("agenda:item", municipality, wijk, item.pk)
    return _render_item(request, area, item, refused=True, progress_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    _require(request, "agenda.add_item", area)
    form = ItemForm(request.POST or None, area=area)
    if request.method == "POST" and (
        applied := form_applied(
            form,
            lambda data: services.agenda_item_create(
                area=area, actor=request.user, year=timezone.localdate().year, **data
            ),
        )
    ):
        messages.success(request, _("The item is on the wijkagenda."))
        return redirect("agenda:item", municipality, wijk, applied.value.pk)
    return form_render(
        request,
        "agenda/item_form.html",
        {"area": area, "municipality": area.municipality, "form": form},
        refused=form.is_bound,
    )


@require_http_methods(["GET", "POST"])
def reviews(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    can_review = request.user.has_perm("agenda.review_agenda", area)
    form = None
    if can_review:
        form = ReviewForm(
            request.POST or None,
            initial={"held_on": timezone.localdate()},
        )
    if request.method == "POST":
        _require(request, "agenda.review_agenda", area)
        if applied := form_applied(
            form,
            lambda data: services.agenda_review_create(
                area=area, year=timezone.localdate().year, actor=request.user, **data
            ),
        ):
            messages.success(request, _("The wijkagenda is vastgesteld; a snapshot was kept."))
            return redirect("agenda:review", municipality, wijk, applied.value.pk)
    return form_render(
        request,
        "agenda/reviews.html",
        {
            "area": area,
            "municipality": area.municipality,
            "reviews": review_list(area=area),
            "form": form,
        },
        refused=form is not None and form.is_bound,
    )


@require_GET
def review_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    review = get_object_or_404(AgendaReview, area=area, pk=pk)
    rows, totals = review_report(review=review)
    return render(
        request,
        "agenda/review_detail.html",
        {
            "area": area,
            "municipality": area.municipality,
            "review": review,
            "rows": rows,
            "totals": totals,
        },
    )


@require_GET
def plan(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    year = timezone.localdate().year
    return render(
        request,
        "agenda/plan.html",
        {
            "area": area,
            "municipality": area.municipality,
            "plan": plan_current(area=area, year=year),
            "year": year,
        },
    )


@login_required
@require_POST
def plan_to_agenda(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    development_plan = get_object_or_404(DevelopmentPlan, area=area, pk=pk)
    _require(request, "agenda.manage_plan", area)
    year = timezone.localdate().year
    if applied := action_applied(
        request,
        lambda: services.plan_actions_to_agenda(
            plan=development_plan, year=year, actor=request.user
        ),
    ):
        messages.success(
            request,
            _("%(n)s WOP actions of %(year)s were put on the wijkagenda.")
            % {"n": len(applied.value), "year": year},
        )
    return redirect("agenda:plan", municipality, wijk)
