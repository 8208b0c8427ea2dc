"""Municipality-wide initiative pages: the spelregels, voucher redemption by registered
providers, and convenant projects (calls, ranking with its budget line, submission, scoring
and decisions).

Views are thin: they check the permission, hand valid input to a service, and re-render the
form with the service's errors (status 400) when it refuses. Amounts are formatted here,
because templates only show them.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.accounts.roles import Role
from wijkwerk.accounts.selectors import role_assignments_current
from wijkwerk.areas.models import Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.budgets.money import format_euros
from wijkwerk.budgets.selectors import fund_overview
from wijkwerk.core.forms import form_applied
from wijkwerk.organisations.models import Organisation

from . import services
from .forms_municipality import (
    AwardCorrectionForm,
    BudgetWhatIfForm,
    ProjectCallForm,
    ProjectDecideForm,
    ProjectScoreForm,
    ProjectSubmitForm,
    ProjectWithdrawForm,
    RedeemForm,
    RuleSetForm,
)
from .models import ConvenantProject, Expense, ProjectCall, ProjectStatus, Provider, RuleSet
from .selectors import awarded_projects, project_ranking

APP = "initiatives_municipality"
RECENT_REDEMPTIONS = 20


def _municipality(slug: str) -> Municipality:
    return municipality_get(slug=slug)


def _require(request: HttpRequest, perm: str, municipality: Municipality) -> None:
    if not request.user.has_perm(perm, municipality):
        raise PermissionDenied(_("You do not have a role that allows this in this municipality."))


def _post_data(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one), else None: an unbound form."""
    return request.POST if request.method == "POST" else None


def _status(*forms: Any) -> int:
    return 400 if any(f is not None and f.is_bound and f.errors for f in forms) else 200


# --- spelregels ----------------------------------------------------------------------------


def _plain_amounts(ruleset: RuleSet | None) -> dict[str, str]:
    if ruleset is None:
        return {}
    return {
        "max_amount": format_euros(ruleset.max_amount_cents),
        "max_per_year": format_euros(ruleset.max_per_year_cents),
        "quick_max": format_euros(ruleset.quick_max_cents),
    }


@require_http_methods(["GET", "POST"])
def rules_page(request: HttpRequest, municipality: str) -> HttpResponse:
    """The current spelregels in plain language, the earlier versions, and (for the
    functioneel beheerder) a form to publish a new version."""
    place = _municipality(municipality)
    if request.method == "POST":
        _require(request, "initiatives.manage_rules", place)
    current = services.ruleset_current(place)
    form = None
    if request.user.has_perm("initiatives.manage_rules", place):
        form = RuleSetForm(_post_data(request), initial=RuleSetForm.initial_from(current))
    if (
        form is not None
        and form.is_bound
        and (
            published := form_applied(
                form,
                lambda _data: services.ruleset_publish(
                    municipality=place, actor=request.user, **form.service_arguments()
                ),
            )
        )
    ):
        messages.success(
            request,
            _("Version %(version)s of the spelregels is published.")
            % {"version": published.value.version},
        )
        return redirect(f"{APP}:rules", place.slug)
    versions = list(
        RuleSet.objects.filter(municipality=place).select_related("created_by").order_by("-version")
    )
    context = {
        "municipality": place,
        "ruleset": current,
        "amounts": _plain_amounts(current),
        "earlier_versions": versions[1:],
        "form": form,
    }
    return render(request, "initiatives/municipality/rules.html", context, status=_status(form))


# --- vouchers ------------------------------------------------------------------------------


def _providers_of(user: Any, municipality: Municipality) -> list[Provider]:
    """The active registered providers this person redeems vouchers for (the same test as
    the service applies)."""
    organisation_ids = {a.organisation_id for a in role_assignments_current(user=user)}
    candidates = Provider.objects.filter(
        municipality=municipality, is_active=True, organisation_id__in=organisation_ids
    ).select_related("organisation")
    return [p for p in candidates if services._works_for(user, p.organisation_id)]


@dataclass
class RedemptionRow:
    expense: Expense
    amount: str
    remaining: str


def _redemption(expense: Expense) -> RedemptionRow:
    return RedemptionRow(
        expense=expense,
        amount=format_euros(expense.amount_cents),
        remaining=format_euros(expense.voucher.hold.balance_cents),
    )


def _booked_result(request: HttpRequest, providers: list[Provider]) -> RedemptionRow | None:
    """The redemption just booked (after the redirect), if it is one of these providers'."""
    pk = request.GET.get("ingeboekt", "")
    if not pk.isdigit():
        return None
    expense = (
        Expense.objects.filter(pk=int(pk), provider__in=providers)
        .select_related("voucher__hold", "provider__organisation")
        .first()
    )
    return _redemption(expense) if expense is not None else None


@login_required
@require_http_methods(["GET", "POST"])
def voucher_redeem(request: HttpRequest, municipality: str) -> HttpResponse:
    """A registered local provider takes payment from a voucher by its code."""
    place = _municipality(municipality)
    providers = _providers_of(request.user, place)
    if not providers:
        raise PermissionDenied(_("Only staff of a registered provider can redeem vouchers."))
    form = RedeemForm(_post_data(request), providers=providers)
    if form.is_bound and (
        booked := form_applied(
            form,
            lambda data: services.voucher_redeem(
                code=data["code"],
                provider=data["provider"],
                actor=request.user,
                description=data["description"],
                amount_cents=data["amount"],
            ),
        )
    ):
        messages.success(request, _("The amount is booked on the voucher."))
        return redirect(
            f"{reverse(f'{APP}:redeem', args=[place.slug])}?ingeboekt={booked.value.pk}"
        )
    recent = (
        Expense.objects.filter(provider__in=providers)
        .select_related("voucher__hold", "provider__organisation")
        .order_by("-created_at", "-id")[:RECENT_REDEMPTIONS]
    )
    context = {
        "municipality": place,
        "providers": providers,
        "form": form,
        "result": None if form.is_bound else _booked_result(request, providers),
        "recent": [_redemption(e) for e in recent],
    }
    return render(request, "initiatives/municipality/redeem.html", context, status=_status(form))


# --- convenant projects: who sees what ------------------------------------------------------


def _partner_organisations(user: Any, municipality: Municipality) -> list[Organisation]:
    """Organisations in this municipality for which the person holds a current partner role."""
    ids = {
        a.organisation_id
        for a in role_assignments_current(user=user)
        if a.role == Role.PARTNER and a.organisation_id and a.municipality_id == municipality.pk
    }
    return list(Organisation.objects.filter(pk__in=ids, municipality=municipality))


def _calls(request: HttpRequest, municipality: Municipality) -> QuerySet[ProjectCall]:
    """Calls of the municipality's funds this person may see: those of public funds, and
    all of them for the stuurgroep and the partners who submit to them."""
    qs = ProjectCall.objects.filter(fund__municipality=municipality).select_related("fund")
    insider = request.user.has_perm("initiatives.rank_projects", municipality) or bool(
        _partner_organisations(request.user, municipality)
    )
    return qs if insider else qs.filter(fund__is_public=True)


def _call(request: HttpRequest, municipality: Municipality, pk: int) -> ProjectCall:
    """One call, or 404 when it does not exist here or this person may not see it."""
    return get_object_or_404(_calls(request, municipality), pk=pk)


def _project(call: ProjectCall, pk: int) -> ConvenantProject:
    return get_object_or_404(
        ConvenantProject.objects.select_related("organisation", "area", "submitted_by"),
        call=call,
        pk=pk,
    )


def _is_open(call: ProjectCall) -> bool:
    return call.closes_on >= timezone.localdate()


@require_GET
def call_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _municipality(municipality)
    calls = _calls(request, place).annotate(n_projects=Count("projects")).order_by("-closes_on")
    context = {
        "municipality": place,
        "calls": [(call, _is_open(call)) for call in calls],
        "can_rank": request.user.has_perm("initiatives.rank_projects", place),
        "can_open": request.user.has_perm("initiatives.open_project_call", place),
        "is_partner": bool(_partner_organisations(request.user, place)),
    }
    return render(request, "initiatives/municipality/call_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _municipality(municipality)
    _require(request, "initiatives.open_project_call", place)
    form = ProjectCallForm(_post_data(request), municipality=place)
    if form.is_bound and (
        opened := form_applied(
            form, lambda data: services.project_call_create(actor=request.user, **data)
        )
    ):
        messages.success(request, _("The call is open for projects of the partners."))
        return redirect(f"{APP}:call", place.slug, opened.value.pk)
    return render(
        request,
        "initiatives/municipality/call_form.html",
        {"municipality": place, "form": form},
        status=_status(form),
    )


@dataclass
class RankingRow:
    rank: int | None
    project: ConvenantProject
    score: float | None
    requested: str
    running_total: str
    above_line: bool
    fits: bool


@require_GET
def call_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """The ranking of submitted projects with the budget line, and the decided projects."""
    place = _municipality(municipality)
    call = _call(request, place, pk)
    what_if = BudgetWhatIfForm(request.GET if "budget" in request.GET else None)
    available = fund_overview(fund=call.fund).pool_cents
    if call.budget_cents is not None:
        # A call divides at most its own budget: what is not yet awarded of it.
        available = min(available, max(call.budget_cents - services.call_awarded_cents(call), 0))
    budget_cents = available
    if what_if.is_bound and what_if.is_valid() and what_if.cleaned_data["budget"] is not None:
        budget_cents = what_if.cleaned_data["budget"]
    ranking = project_ranking(call=call, budget_cents=budget_cents)
    rows: list[RankingRow] = []
    rank = 0
    # Whether each project fits in what is left once the better-ranked projects that fit
    # are given their money: the line is where the ranking first stops fitting, but a
    # smaller project below it may still fit in what is left, and the page says so.
    left = budget_cents
    for item in ranking:
        fits = item.score is not None and item.project.requested_cents <= left
        if fits:
            left -= item.project.requested_cents
        if item.score is not None:
            rank += 1
        rows.append(
            RankingRow(
                rank=rank if item.score is not None else None,
                project=item.project,
                score=item.score,
                requested=format_euros(item.project.requested_cents),
                running_total=format_euros(item.cumulative_cents),
                above_line=item.above_line,
                fits=fits,
            )
        )
    # Running totals only grow, so the projects that fit form the top of the list.
    line_after = sum(1 for row in rows if row.above_line)
    fitting_cents = ranking[line_after - 1].cumulative_cents if line_after else 0
    awarded = list(awarded_projects(call=call))
    context = {
        "municipality": place,
        "call": call,
        "is_open": _is_open(call),
        "rows": rows,
        "line_after": line_after,
        "budget_cents": budget_cents,
        "budget": format_euros(budget_cents),
        "available": format_euros(available),
        "is_what_if": budget_cents != available,
        "fitting": format_euros(fitting_cents),
        "left_over": format_euros(budget_cents - fitting_cents),
        "fit_below": sum(1 for row in rows if row.fits and not row.above_line),
        "call_budget": format_euros(call.budget_cents) if call.budget_cents is not None else "",
        "what_if_form": what_if,
        "awarded": [(p, format_euros(p.award_cents)) for p in awarded],
        "awarded_total": format_euros(sum(p.award_cents for p in awarded)),
        "rejected": call.projects.filter(
            status__in=[ProjectStatus.REJECTED, ProjectStatus.REVOKED, ProjectStatus.WITHDRAWN]
        ).select_related("organisation"),
        "can_rank": request.user.has_perm("initiatives.rank_projects", place),
        "is_partner": bool(_partner_organisations(request.user, place)),
    }
    return render(
        request, "initiatives/municipality/call_detail.html", context, status=_status(what_if)
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_submit(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """A partner submits a project to the call on behalf of their own organisation."""
    place = _municipality(municipality)
    organisations = _partner_organisations(request.user, place)
    if not organisations:
        raise PermissionDenied(_("Only partners of this municipality submit projects."))
    call = _call(request, place, pk)
    form = ProjectSubmitForm(
        _post_data(request), municipality=place, organisations=organisations, user=request.user
    )
    if form.is_bound and (
        submitted := form_applied(
            form,
            lambda _data: services.project_submit(
                call=call, actor=request.user, **form.service_arguments()
            ),
        )
    ):
        messages.success(request, _("Your project is submitted to the stuurgroep."))
        return redirect(f"{APP}:project", place.slug, call.pk, submitted.value.pk)
    context = {"municipality": place, "call": call, "is_open": _is_open(call), "form": form}
    return render(
        request, "initiatives/municipality/project_form.html", context, status=_status(form)
    )


def _render_project(
    request: HttpRequest,
    place: Municipality,
    call: ProjectCall,
    project: ConvenantProject,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    """The project page; a form passed in (with its errors) replaces the empty one."""
    context: dict[str, Any] = {
        "municipality": place,
        "call": call,
        "project": project,
        "requested": format_euros(project.requested_cents),
        "awarded_now": format_euros(project.award_cents),
        "score": next(
            (r.score for r in project_ranking(call=call, budget_cents=0) if r.project == project),
            None,
        ),
    }
    if (
        request.user.has_perm("initiatives.rank_projects", place)
        and project.status == ProjectStatus.SUBMITTED
    ):
        context["score_form"] = ProjectScoreForm(
            initial={
                "participation": project.score_participation,
                "impact": project.score_impact,
                "reach": project.score_reach,
            }
        )
        context["decide_form"] = ProjectDecideForm()
    if project.status == ProjectStatus.AWARDED and (
        request.user.has_perm("initiatives.rank_projects", place)
        or request.user.has_perm("budgets.manage_fund", call.fund)
    ):
        context["correct_form"] = AwardCorrectionForm()
        context["awarded"] = format_euros(project.award_cents)
    if project.status == ProjectStatus.SUBMITTED and any(
        o.pk == project.organisation_id for o in _partner_organisations(request.user, place)
    ):
        context["withdraw_form"] = ProjectWithdrawForm()
    context.update(forms)
    return render(request, "initiatives/municipality/project_detail.html", context, status=status)


@require_GET
def project_detail(request: HttpRequest, municipality: str, call_pk: int, pk: int) -> HttpResponse:
    place = _municipality(municipality)
    call = _call(request, place, call_pk)
    return _render_project(request, place, call, _project(call, pk))


@login_required
@require_POST
def project_score(request: HttpRequest, municipality: str, call_pk: int, pk: int) -> HttpResponse:
    place = _municipality(municipality)
    _require(request, "initiatives.rank_projects", place)
    call = _call(request, place, call_pk)
    project = _project(call, pk)
    form = ProjectScoreForm(request.POST)
    if form_applied(
        form, lambda data: services.project_score(project=project, actor=request.user, **data)
    ):
        messages.success(request, _("The scores are saved; the ranking is updated."))
        return redirect(f"{APP}:project", place.slug, call.pk, project.pk)
    return _render_project(request, place, call, project, status=400, score_form=form)


@login_required
@require_POST
def project_decide(request: HttpRequest, municipality: str, call_pk: int, pk: int) -> HttpResponse:
    place = _municipality(municipality)
    _require(request, "initiatives.rank_projects", place)
    call = _call(request, place, call_pk)
    project = _project(call, pk)
    form = ProjectDecideForm(request.POST)
    if decided := form_applied(
        form,
        lambda data: services.project_decide(
            project=project, actor=request.user, award=data["award"], reason=data["reason"]
        ),
    ):
        if decided.value.status == ProjectStatus.AWARDED:
            messages.success(request, _("The project is awarded; its money is reserved."))
        else:
            messages.success(request, _("The project is not awarded; the motivation is published."))
        return redirect(f"{APP}:call", place.slug, call.pk)
    return _render_project(request, place, call, project, status=400, decide_form=form)


@login_required
@require_POST
def project_withdraw(
    request: HttpRequest, municipality: str, call_pk: int, pk: int
) -> HttpResponse:
    """The partner takes back its project before it is decided (the service checks who)."""
    place = _municipality(municipality)
    call = _call(request, place, call_pk)
    project = _project(call, pk)
    form = ProjectWithdrawForm(request.POST)
    if form_applied(
        form,
        lambda data: services.project_withdraw(
            project=project, actor=request.user, reason=data["reason"]
        ),
    ):
        messages.success(request, _("Your project is withdrawn."))
        return redirect(f"{APP}:call", place.slug, call.pk)
    return _render_project(request, place, call, project, status=400, withdraw_form=form)


@login_required
@require_POST
def project_award_correct(
    request: HttpRequest, municipality: str, call_pk: int, pk: int
) -> HttpResponse:
    """Lower or withdraw an award: the project, the call's totals and the ledger together."""
    place = _municipality(municipality)
    call = _call(request, place, call_pk)
    project = _project(call, pk)
    form = AwardCorrectionForm(request.POST)
    if form_applied(
        form,
        lambda data: services.project_award_correct(
            project=project,
            actor=request.user,
            amount_cents=data["amount"],
            reason=data["reason"],
        ),
    ):
        messages.success(request, _("The award is corrected; the money is back in the fund."))
        return redirect(f"{APP}:project", place.slug, call.pk, project.pk)
    return _render_project(request, place, call, project, status=400, correct_form=form)
