"""The agreement pages, at /gemeente/<gemeente>/afspraken/: the list (public agreements for
everybody, drafts for staff and parties), drafting and changing, one agreement with its
parties and signatures, periods and reports, disputes, map, schouwen and decision log; the
public accountability report per year (page and PDF) and the yearly overview of wijk-bound
investments (page and CSV).

Everything works without JavaScript; the map is an enhancement. What a visitor may not see
answers 404, as a missing agreement does.
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.accounts.roles import MANAGE_AGREEMENTS
from wijkwerk.accounts.selectors import has_capability_somewhere
from wijkwerk.areas.selectors import municipality_get, wijk_get
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.downloads import csv_download
from wijkwerk.core.forms import action_applied, form_applied
from wijkwerk.core.pdf import pdf_response
from wijkwerk.organisations.models import Organisation

from . import selectors, services
from .forms import (
    AgreementForm,
    CloseForm,
    DisputeForm,
    PartnerForm,
    PaymentForm,
    ReasonForm,
    ReportForm,
    ResponseForm,
    SignForm,
)
from .geometry import centre
from .models import (
    Agreement,
    AgreementStatus,
    Dispute,
    ProgressReport,
    ReportingPeriod,
    Signature,
)
from .predicates import acting_organisation_ids


def _may(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise Http404


def _year(value: str | None) -> int:
    try:
        year = int(value or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@require_GET
def agreement_list(request: HttpRequest, municipality: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    # ?wijk=<slug>: the agreements of one wijk (and its buurten); an unknown wijk is a 404.
    wijk = None
    if request.GET.get("wijk"):
        wijk = wijk_get(municipality_slug=gemeente.slug, wijk_slug=request.GET["wijk"])
    agreements = selectors.agreement_list(user=request.user, municipality=gemeente, area=wijk)
    context = {
        "municipality": gemeente,
        "wijk": wijk,
        "agreements": agreements,
        "may_draft": has_capability_somewhere(
            request.user, MANAGE_AGREEMENTS, municipality=gemeente
        ),
        "year": timezone.localdate().year,
    }
    return render(request, "agreements/list.html", context)


def _form_initial(agreement: Agreement) -> dict[str, Any]:
    initial: dict[str, Any] = {
        name: getattr(agreement, name)
        for name in (
            "kind",
            "title",
            "reason",
            "approach",
            "area",
            "starts_on",
            "ends_on",
            "owner_organisation",
            "theme",
            "indicator",
            "unit",
            "report_every",
            "budget",
        )
    }
    initial["baseline"] = "" if agreement.baseline is None else agreement.baseline.normalize()
    initial["target"] = agreement.target.normalize()
    initial["agenda_items"] = list(agreement.agenda_items.all())
    initial["goals"] = list(agreement.goals.all())
    initial["other_areas"] = list(agreement.other_areas.all())
    if agreement.geometry:
        import json

        initial["geometry"] = json.dumps(agreement.geometry)
    if agreement.management_cents:
        initial["management"] = f"{agreement.management_cents / 100:.2f}"
    for party in agreement.parties.all():
        initial[f"party_{party.organisation_id}"] = True
        initial[f"money_{party.organisation_id}"] = (
            f"{party.money_cents / 100:.2f}" if party.money_cents else ""
        )
        initial[f"hours_{party.organisation_id}"] = party.hours or None
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def agreement_new(request: HttpRequest, municipality: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    if not has_capability_somewhere(request.user, MANAGE_AGREEMENTS, municipality=gemeente):
        raise Http404
    form = AgreementForm(request.POST or None, municipality=gemeente)
    status = 200
    if request.method == "POST":
        if made := form_applied(
            form,
            lambda _data: services.agreement_create(
                municipality=gemeente, actor=request.user, **form.service_values()
            ),
        ):
            messages.success(request, _("The draft agreement has been saved."))
            return redirect("agreements:detail", gemeente.slug, made.value.pk)
        status = 400
    return render(
        request,
        "agreements/edit.html",
        {"municipality": gemeente, "form": form, "agreement": None},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    agreement = selectors.agreement_get(pk=pk, user=request.user, municipality=gemeente)
    _may(request, "agreements.manage_agreement", agreement)
    form = AgreementForm(
        request.POST or None,
        municipality=gemeente,
        editing=True,
        initial=_form_initial(agreement),
    )
    status = 200
    if request.method == "POST":
        if form_applied(
            form,
            lambda _data: services.agreement_update(
                agreement=agreement, actor=request.user, **form.service_values()
            ),
        ):
            messages.success(request, _("The agreement has been changed."))
            return redirect("agreements:detail", gemeente.slug, agreement.pk)
        status = 400
    return render(
        request,
        "agreements/edit.html",
        {"municipality": gemeente, "form": form, "agreement": agreement},
        status=status,
    )


def _forms_for(request: HttpRequest, agreement: Agreement) -> dict[str, Any]:
    user = request.user
    forms: dict[str, Any] = {}
    mine = (
        acting_organisation_ids(user, agreement.municipality_id) if user.is_authenticated else set()
    )
    if agreement.status == AgreementStatus.TO_SIGN and user.has_perm(
        "agreements.sign_agreement", agreement
    ):
        signed = Signature.objects.filter(party__agreement=agreement, voided_at__isnull=True)
        unsigned = agreement.parties.exclude(pk__in=signed.values("party_id"))
        if not user.is_superuser:
            unsigned = unsigned.filter(organisation_id__in=mine)
        if unsigned.exists():
            forms["sign_form"] = SignForm(parties=unsigned.select_related("organisation"))
    if user.has_perm("agreements.manage_agreement", agreement):
        if agreement.status == AgreementStatus.TO_SIGN:
            forms["withdraw_form"] = ReasonForm()
        if agreement.status == AgreementStatus.IN_FORCE:
            forms["close_form"] = CloseForm()
            if agreement.hold_id:
                forms["payment_form"] = PaymentForm()
    if agreement.status == AgreementStatus.IN_FORCE and user.has_perm(
        "agreements.report_progress", agreement
    ):
        open_periods = agreement.periods.filter(
            closed_at__isnull=True, report__isnull=True, starts_on__lte=timezone.localdate()
        )
        if open_periods.exists():
            forms["report_form"] = ReportForm(periods=open_periods)
    if user.is_authenticated:
        others = Organisation.objects.filter(
            pk__in=agreement.parties.exclude(
                organisation_id=agreement.owner_organisation_id
            ).values("organisation_id")
        )
        if not user.is_superuser:
            others = others.filter(pk__in=mine)
        if others.exists() and agreement.status != AgreementStatus.DRAFT:
            forms["dispute_orgs"] = others
    return forms


def _render_detail(
    request: HttpRequest, agreement: Agreement, status: int = 200, **overrides: Any
) -> HttpResponse:
    periods = list(agreement.periods.all().prefetch_related("report__disputes__organisation"))
    for period in periods:
        period.the_report = getattr(period, "report", None) if hasattr(period, "report") else None
    context: dict[str, Any] = {
        "municipality": agreement.municipality,
        "agreement": agreement,
        "parties": selectors.parties_with_signatures(agreement=agreement),
        "periods": periods,
        "may_manage": request.user.has_perm("agreements.manage_agreement", agreement),
        "may_report": request.user.has_perm("agreements.report_progress", agreement),
        "may_see_log": request.user.has_perm("agreements.view_log", agreement),
        "findings": selectors.findings_in_area(agreement=agreement),
        "inspections": agreement.inspections.all(),
        "map_centre": centre(agreement.geometry),
        "tiles": settings.WIJKWERK_MAP_TILES,
        "today": timezone.localdate(),
    }
    if agreement.hold_id:
        from wijkwerk.budgets.models import Account

        hold = Account.objects.get(pk=agreement.hold_id)
        context["money_left"] = format_euros(hold.balance_cents)
    if context["may_see_log"]:
        context["log"] = selectors.decision_log(agreement=agreement)
    context.update(_forms_for(request, agreement))
    context.update(overrides)
    return render(request, "agreements/detail.html", context, status=status)


@require_GET
def agreement_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    agreement = selectors.agreement_get(pk=pk, user=request.user, municipality=gemeente)
    return _render_detail(request, agreement)


@login_required
@require_POST
def agreement_action(request: HttpRequest, municipality: str, pk: int, action: str) -> HttpResponse:
    """The buttons of the agreement page: one URL per action, a form each."""
    gemeente = municipality_get(slug=municipality)
    agreement = selectors.agreement_get(pk=pk, user=request.user, municipality=gemeente)
    handlers = {
        "indienen": _submit,
        "terugnemen": _withdraw,
        "ondertekenen": _sign,
        "sluiten": _close,
        "betaling": _payment,
        "rapporteren": _report,
    }
    handler = handlers.get(action)
    if handler is None:
        raise Http404
    return handler(request, agreement)


def _done(request: HttpRequest, agreement: Agreement, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("agreements:detail", agreement.municipality.slug, agreement.pk)


def _submit(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    _may(request, "agreements.manage_agreement", agreement)
    if action_applied(
        request, lambda: services.agreement_submit(agreement=agreement, actor=request.user)
    ):
        return _done(request, agreement, _("The agreement has been sent to the parties to sign."))
    return redirect("agreements:detail", agreement.municipality.slug, agreement.pk)


def _withdraw(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    _may(request, "agreements.manage_agreement", agreement)
    form = ReasonForm(request.POST)
    if form_applied(
        form,
        lambda data: services.agreement_withdraw(
            agreement=agreement, actor=request.user, reason=data["reason"]
        ),
    ):
        return _done(request, agreement, _("The proposal is a draft again."))
    return _render_detail(request, agreement, status=400, withdraw_form=form)


def _sign(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    _may(request, "agreements.sign_agreement", agreement)
    form = SignForm(request.POST, parties=agreement.parties.select_related("organisation"))
    if form_applied(
        form,
        lambda data: services.agreement_sign(
            agreement=agreement, party=data["party"], actor=request.user, remark=data["remark"]
        ),
    ):
        agreement.refresh_from_db()
        if agreement.status == AgreementStatus.IN_FORCE:
            return _done(request, agreement, _("Signed. Every party has signed: it is in force."))
        return _done(request, agreement, _("Signed on behalf of your organisation."))
    return _render_detail(request, agreement, status=400, sign_form=form)


def _close(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    _may(request, "agreements.manage_agreement", agreement)
    form = CloseForm(request.POST)
    if form_applied(
        form,
        lambda data: services.agreement_close(
            agreement=agreement, actor=request.user, evaluation=data["evaluation"]
        ),
    ):
        return _done(request, agreement, _("The agreement has been closed and evaluated."))
    return _render_detail(request, agreement, status=400, close_form=form)


def _payment(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    _may(request, "agreements.manage_agreement", agreement)
    form = PaymentForm(request.POST)
    if form_applied(
        form,
        lambda data: services.management_payment(
            agreement=agreement,
            actor=request.user,
            amount_cents=data["amount"],
            memo=data["memo"],
        ),
    ):
        return _done(request, agreement, _("The payment has been booked."))
    return _render_detail(request, agreement, status=400, payment_form=form)


def _report(request: HttpRequest, agreement: Agreement) -> HttpResponse:
    _may(request, "agreements.report_progress", agreement)
    form = ReportForm(request.POST, request.FILES, periods=ReportingPeriod.objects.all())
    if form_applied(
        form,
        lambda data: services.report_submit(
            agreement=agreement,
            period=data["period"],
            actor=request.user,
            value=data["value"],
            narrative=data["narrative"],
            evidence=data["evidence"],
            evidence_link=data["evidence_link"].strip(),
            money_spent_cents=data["money_spent"],
            hours_spent=data["hours_spent"],
        ),
    ):
        return _done(request, agreement, _("Your report has been saved."))
    form.fields["period"].queryset = agreement.periods.filter(
        closed_at__isnull=True, report__isnull=True
    )
    return _render_detail(request, agreement, status=400, report_form=form)


@login_required
@require_POST
def period_close(request: HttpRequest, municipality: str, pk: int, period: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    agreement = selectors.agreement_get(pk=pk, user=request.user, municipality=gemeente)
    _may(request, "agreements.manage_agreement", agreement)
    found = get_object_or_404(ReportingPeriod, agreement=agreement, pk=period)
    if action_applied(request, lambda: services.period_close(period=found, actor=request.user)):
        return _done(request, agreement, _("The period has been closed."))
    return redirect("agreements:detail", gemeente.slug, agreement.pk)


@login_required
@require_POST
def report_dispute(request: HttpRequest, municipality: str, pk: int, report: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    agreement = selectors.agreement_get(pk=pk, user=request.user, municipality=gemeente)
    _may(request, "agreements.dispute_report", agreement)
    found = get_object_or_404(ProgressReport, period__agreement=agreement, pk=report)
    form = DisputeForm(request.POST, organisations=Organisation.objects.all())
    if form_applied(
        form,
        lambda data: services.dispute_raise(
            report=found,
            actor=request.user,
            organisation=data["organisation"],
            reason=data["reason"],
        ),
    ):
        return _done(request, agreement, _("Your dispute is shown with the report."))
    messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return _render_detail(request, agreement, status=400)


@login_required
@require_POST
def dispute_respond(request: HttpRequest, municipality: str, pk: int, dispute: int) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    agreement = selectors.agreement_get(pk=pk, user=request.user, municipality=gemeente)
    _may(request, "agreements.report_progress", agreement)
    found = get_object_or_404(Dispute, report__period__agreement=agreement, pk=dispute)
    form = ResponseForm(request.POST)
    if form_applied(
        form,
        lambda data: services.dispute_respond(
            dispute=found, actor=request.user, response=data["response"]
        ),
    ):
        return _done(request, agreement, _("Your response is shown with the dispute."))
    messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
    return _render_detail(request, agreement, status=400)


# --- accountability and planning --------------------------------------------------------


def _accountability(request: HttpRequest, municipality: str, year: str):
    gemeente = municipality_get(slug=municipality)
    the_year = _year(year)
    organisations = selectors.partners_of_year(municipality=gemeente, year=the_year)
    form = PartnerForm(request.GET or None, organisations=organisations)
    partner = form.cleaned_data["partner"] if form.is_valid() else None
    report = selectors.accountability(municipality=gemeente, year=the_year, organisation=partner)
    return gemeente, the_year, form, report


@require_GET
def accountability_page(request: HttpRequest, municipality: str, year: str) -> HttpResponse:
    gemeente, the_year, form, report = _accountability(request, municipality, year)
    context = {"municipality": gemeente, "year": the_year, "form": form, "report": report}
    return render(request, "agreements/accountability.html", context)


@require_GET
def accountability_pdf(request: HttpRequest, municipality: str, year: str) -> HttpResponse:
    gemeente, the_year, _form, report = _accountability(request, municipality, year)
    return pdf_response(
        "agreements/accountability_pdf.html",
        {"municipality": gemeente, "year": the_year, "report": report},
        request=request,
        filename=f"verantwoording-{gemeente.slug}-{the_year}.pdf",
    )


@require_GET
def investments_page(request: HttpRequest, municipality: str, year: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    the_year = _year(year)
    rows = selectors.investment_overview(municipality=gemeente, year=the_year)
    context = {
        "municipality": gemeente,
        "year": the_year,
        "rows": rows,
        "total_cents": sum(r.money_cents for r in rows),
        "total_hours": sum(r.hours for r in rows),
    }
    return render(request, "agreements/investments.html", context)


@require_GET
def investments_csv(request: HttpRequest, municipality: str, year: str) -> HttpResponse:
    gemeente = municipality_get(slug=municipality)
    the_year = _year(year)
    rows = selectors.investment_overview(municipality=gemeente, year=the_year)
    header = [
        _("Wijk"),
        _("Theme"),
        _("Partner or fund"),
        _("Source"),
        _("Money (euros)"),
        _("Hours"),
        _("Agreements"),
    ]
    return csv_download(
        header,
        (
            [
                r.wijk,
                r.theme,
                r.organisation,
                r.source_label,
                f"{r.money_cents / 100:.2f}",
                str(r.hours),
                str(r.agreements),
            ]
            for r in rows
        ),
        f"investeringen-{gemeente.slug}-{the_year}.csv",
    )
