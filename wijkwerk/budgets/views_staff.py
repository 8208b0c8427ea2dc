"""The fund pages for staff (`budgets.manage_fund`: the functioneel beheerder and the
wijkmanager of the whole municipality): set up a fund with the partners' shares, record a
partner's contribution, allocate to a wijkbudget, correct a booking by a new one, and see
the fund per partner and per wijk. Every write goes through a service that checks the
permission again, refuses what would take a budget below zero, and logs who, when and why.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkwerk.areas.models import Area, AreaKind, Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.core.forms import form_applied
from wijkwerk.organisations.models import Organisation

from . import services
from .decisions import decision_of
from .forms import AllocationForm, ContributionForm, CorrectionForm, FundSetupForm
from .models import AccountKind, Fund, FundContributor, LedgerTransaction, TransactionKind
from .money import format_euros
from .selectors import fund_overview
from .selectors_public import budget_use_list
from .setup import fund_setup

RECENT = 20


def _require(request: HttpRequest, target: Municipality | Fund) -> None:
    if not request.user.has_perm("budgets.manage_fund", target):
        raise PermissionDenied(_("You do not have a role that allows this for this fund."))


def _managed_fund(request: HttpRequest, municipality: str, pk: int) -> tuple[Municipality, Fund]:
    place = municipality_get(slug=municipality)
    _require(request, place)
    return place, get_object_or_404(Fund, pk=pk, municipality=place)


@login_required
@require_http_methods(["GET", "POST"])
def fund_create(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    _require(request, place)
    organisations = Organisation.objects.filter(municipality=place).order_by("name")
    form = FundSetupForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if form.is_bound and (
        made := form_applied(
            form,
            lambda _data: fund_setup(
                municipality=place, actor=request.user, **form.service_arguments()
            ),
        )
    ):
        messages.success(request, _("The fund is set up. Record the partners' contributions."))
        return redirect("budgets:manage", place.slug, made.value.pk)
    status = 400 if form.is_bound else 200
    context = {"municipality": place, "form": form}
    return render(request, "budgets/staff/fund_form.html", context, status=status)


def _wijk_rows(fund: Fund) -> list[dict[str, Any]]:
    """Per wijk: what its budgets hold now, what is reserved from them and what was paid."""
    overview = fund_overview(fund=fund)
    use = budget_use_list(fund=fund)
    rows = []
    for account in overview.budgets:
        spent = use.get(account.pk)
        rows.append(
            {
                "account": account,
                "remaining": format_euros(account.balance_cents),
                "held": format_euros(spent.held_cents if spent else 0),
                "paid": format_euros(spent.paid_cents if spent else 0),
            }
        )
    return rows


def _partner_rows(fund: Fund) -> list[dict[str, Any]]:
    overview = fund_overview(fund=fund)
    shares = {
        c.organisation_id: c
        for c in FundContributor.objects.filter(fund=fund).select_related("organisation")
    }
    by_name = {str(c.organisation): c for c in shares.values()}
    rows = []
    for line in overview.contributors:
        share = by_name.get(line.organisation)
        rows.append(
            {
                "name": line.organisation,
                "organisation_id": share.organisation_id if share else None,
                "share": f"{share.share_basis_points / 100:g}".replace(".", ",")
                if share and share.share_basis_points
                else "",
                "promised": format_euros(line.promised_cents),
                "contributed": format_euros(line.contributed_cents),
                "missing": format_euros(max(line.promised_cents - line.contributed_cents, 0)),
            }
        )
    return rows


def _render_manage(
    request: HttpRequest, place: Municipality, fund: Fund, status: int = 200, **forms: Any
) -> HttpResponse:
    organisations = Organisation.objects.filter(
        pk__in=FundContributor.objects.filter(fund=fund).values("organisation")
    ).order_by("name")
    wijken = Area.objects.filter(
        municipality=place, kind__in=[AreaKind.WIJK, AreaKind.DORP]
    ).order_by("name")
    recent = list(
        LedgerTransaction.objects.filter(fund=fund)
        .select_related("actor", "reversed_by")
        .prefetch_related("entries__account")
        .order_by("-id")[:RECENT]
    )
    bookings = []
    for txn in recent:
        moved = sum(e.amount_cents for e in txn.entries.all() if e.amount_cents > 0)
        bookings.append(
            {
                "txn": txn,
                "amount": format_euros(moved),
                "decision": decision_of(txn.reference_kind, txn.reference_id),
                "correctable": txn.kind != TransactionKind.CORRECTION
                and not hasattr(txn, "reversed_by"),
            }
        )
    overview = fund_overview(fund=fund)
    context = {
        "municipality": place,
        "fund": fund,
        "pool": format_euros(overview.pool_cents),
        "contributed": format_euros(overview.contributed_cents),
        "partners": _partner_rows(fund),
        "wijken": _wijk_rows(fund),
        "bookings": bookings,
        "contribution_form": forms.get("contribution_form")
        or ContributionForm(organisations=organisations),
        "allocation_form": forms.get("allocation_form") or AllocationForm(areas=wijken),
        "can_contribute": organisations.exists(),
    }
    return render(request, "budgets/staff/fund_manage.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def fund_manage(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place, fund = _managed_fund(request, municipality, pk)
    return _render_manage(request, place, fund)


@login_required
@require_POST
def contribution_add(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place, fund = _managed_fund(request, municipality, pk)
    organisations = Organisation.objects.filter(
        pk__in=FundContributor.objects.filter(fund=fund).values("organisation")
    )
    form = ContributionForm(request.POST, organisations=organisations)
    if form_applied(
        form,
        lambda data: services.contribution_record(
            fund=fund,
            actor=request.user,
            organisation=data["organisation"],
            amount_cents=data["amount"],
            memo=data["memo"],
        ),
    ):
        messages.success(request, _("The contribution is booked."))
        return redirect("budgets:manage", place.slug, fund.pk)
    return _render_manage(request, place, fund, status=400, contribution_form=form)


@login_required
@require_POST
def allocation_add(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place, fund = _managed_fund(request, municipality, pk)
    wijken = Area.objects.filter(municipality=place, kind__in=[AreaKind.WIJK, AreaKind.DORP])
    form = AllocationForm(request.POST, areas=wijken)
    if form_applied(
        form,
        lambda data: services.allocation_record(
            fund=fund,
            actor=request.user,
            area=data["area"],
            amount_cents=data["amount"],
            memo=data["memo"],
        ),
    ):
        messages.success(request, _("The money is allocated to the wijkbudget."))
        return redirect("budgets:manage", place.slug, fund.pk)
    return _render_manage(request, place, fund, status=400, allocation_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def booking_correct(request: HttpRequest, municipality: str, pk: int, txn: int) -> HttpResponse:
    """Correct a booking by booking its opposite, with a reason; the original stays."""
    place, fund = _managed_fund(request, municipality, pk)
    original = get_object_or_404(
        LedgerTransaction.objects.prefetch_related("entries__account"), pk=txn, fund=fund
    )
    form = CorrectionForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form_applied(
        form,
        lambda data: services.transaction_reverse(
            original=original, actor=request.user, reason=data["reason"]
        ),
    ):
        messages.success(request, _("The correcting booking is made."))
        return redirect("budgets:manage", place.slug, fund.pk)
    lines = [
        (
            e.account.name
            if e.account.kind != AccountKind.HOLD
            else e.account.get_kind_display().capitalize() + ": " + e.account.name,
            format_euros(e.amount_cents),
        )
        for e in original.entries.all()
    ]
    context = {
        "municipality": place,
        "fund": fund,
        "original": original,
        "lines": lines,
        "decision": decision_of(original.reference_kind, original.reference_id),
        "form": form,
    }
    status = 400 if form.is_bound else 200
    return render(request, "budgets/staff/booking_correct.html", context, status=status)
