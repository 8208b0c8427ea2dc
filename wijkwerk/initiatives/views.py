"""The wijk's initiative pages: the public list with what remains in each wijkbudget, and one
initiative with every step of its life as a form for whoever may take it (the
wijkraadpleging is in `views_consultation`).

Views are thin: they check the permission, hand valid input to a service, and re-render the
page with the service's errors (status 400) when it refuses. Each step on the initiative
page is an `Action`: who may take it, in which statuses its form is offered, how its form is
built and which service it calls. Amounts are formatted here; templates only show them.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.areas.models import Area
from wijkwerk.areas.selectors import wijk_get
from wijkwerk.budgets.money import format_euros
from wijkwerk.budgets.selectors import wijkbudget_list
from wijkwerk.core.forms import form_applied

from . import services
from .forms import (
    AccountForm,
    ActieForm,
    AwardForm,
    ChecklistForm,
    CloseForm,
    ExpenseCancelForm,
    ExpenseForm,
    InitiativeForm,
    OfficialForm,
    OtherAreasForm,
    ParticipantForm,
    PledgeForm,
    ReasonForm,
    VoteForm,
)
from .forms_municipality import AwardCorrectionForm
from .models import (
    AWAITING_DECISION,
    SPENDING,
    Consultation,
    Expense,
    Initiative,
    Pledge,
    PledgeKind,
    PledgeStatus,
    Status,
    Vote,
)
from .selectors import (
    consultation_list,
    consultation_results,
    dashboard_list,
    initiative_get,
    wijk_summary,
)
from .selectors import initiative_list as select_initiatives

RUNNING = frozenset({Status.SUBMITTED, Status.IN_REVIEW, Status.AWARDED, Status.IN_EXECUTION})
NOT_FINISHED = frozenset(Status.values) - {Status.CLOSED, Status.REJECTED, Status.WITHDRAWN}


def _wijk(municipality: str, wijk: str) -> Area:
    return wijk_get(municipality_slug=municipality, wijk_slug=wijk)


def _may(user: Any, *perms: str) -> Callable[[Initiative], bool]:
    return lambda initiative: any(user.has_perm(p, initiative) for p in perms)


# --- the list ------------------------------------------------------------------------------


@require_GET
def initiative_list(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    """Public: the wijk's initiatives, what was awarded and spent, and what remains in each
    wijkbudget. Handlers and deciders also see what waits for a decision."""
    area = _wijk(municipality, wijk)
    status = request.GET.get("status", "")
    if status and status not in Status.values:
        status = ""
    summary = wijk_summary(area=area)
    user = request.user
    staff = user.has_perm("initiatives.handle", area) or user.has_perm("initiatives.decide", area)
    today = timezone.localdate()
    context = {
        "area": area,
        "municipality": area.municipality,
        "initiatives": [
            (i, format_euros(i.requested_cents))
            for i in select_initiatives(area=area, user=user, status=status, across=True)
        ],
        "status": status,
        "statuses": Status.choices,
        "summary": summary,
        "awarded": format_euros(summary.awarded_cents),
        "spent": format_euros(summary.spent_cents),
        "budgets": [(b, format_euros(b.balance_cents)) for b in wijkbudget_list(area=area)],
        "consultations": consultation_list(area=area),
        "today": today,
        "waiting": [
            (i, i.decision_due and i.decision_due < today) for i in dashboard_list(area=area)
        ]
        if staff
        else None,
        "can_consult": staff,
    }
    return render(request, "initiatives/initiative_list.html", context)


# --- starting and editing ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def initiative_new(request: HttpRequest, municipality: str, wijk: str) -> HttpResponse:
    area = _wijk(municipality, wijk)
    form = InitiativeForm(request.POST if request.method == "POST" else None, area=area)
    if form.is_bound and (
        made := form_applied(
            form,
            lambda _data: services.initiative_create(
                area=area, actor=request.user, **form.service_arguments()
            ),
        )
    ):
        messages.success(
            request,
            _(
                "Your initiative is saved as a draft. Add your co-initiators and check the "
                "spelregels, then submit it."
            ),
        )
        return redirect("initiatives:detail", municipality, wijk, made.value.pk)
    context = {
        "area": area,
        "municipality": area.municipality,
        "form": form,
        "ruleset": services.ruleset_current(area.municipality),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "initiatives/initiative_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    initiative = initiative_get(pk=pk, area=area, user=request.user)
    if not request.user.has_perm("initiatives.edit", initiative):
        raise PermissionDenied(_("Only the lead initiator can change the plan."))
    if initiative.status != Status.DRAFT:
        messages.warning(request, _("A submitted initiative can no longer be changed."))
        return redirect("initiatives:detail", municipality, wijk, initiative.pk)
    form = InitiativeForm(
        request.POST if request.method == "POST" else None,
        area=area,
        editing=True,
        initial=InitiativeForm.initial_from(initiative),
    )
    if form.is_bound and form_applied(
        form,
        lambda _data: services.initiative_update(
            initiative=initiative, actor=request.user, **form.service_arguments()
        ),
    ):
        messages.success(request, _("The plan has been saved."))
        return redirect("initiatives:detail", municipality, wijk, initiative.pk)
    context = {
        "area": area,
        "municipality": area.municipality,
        "form": form,
        "initiative": initiative,
        "ruleset": services.ruleset_current(area.municipality),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "initiatives/initiative_form.html", context, status=status)


# --- the steps on an initiative ------------------------------------------------------------


class ConfirmForm(forms.Form):
    """A step without input (submit, start the review)."""


class ObjectForm(forms.Form):
    """A step on one pledge of the initiative, picked by a hidden id."""

    target = forms.IntegerField(widget=forms.HiddenInput)


@dataclass(frozen=True)
class Action:
    perms: tuple[str, ...]
    statuses: frozenset[str]
    form: Callable[[HttpRequest, Initiative, Any, Any], forms.Form]
    perform: Callable[[HttpRequest, Initiative, forms.Form], Any]
    done: Any

    def allowed(self, user: Any, initiative: Initiative) -> bool:
        return any(user.has_perm(p, initiative) for p in self.perms)

    def offered(self, user: Any, initiative: Initiative) -> bool:
        return initiative.status in self.statuses and self.allowed(user, initiative)


def _simple(form_class: type[forms.Form], **kwargs: Any) -> Callable:
    return lambda request, initiative, data, files: form_class(data, files, **kwargs)


def _officials(initiative: Initiative) -> Any:
    """People who handle initiatives in this wijk (by their current roles)."""
    role_names = [
        role for role, caps in roles.ROLE_CAPABILITIES.items() if roles.HANDLE_INITIATIVE in caps
    ]
    user_ids = (
        RoleAssignment.objects.current()
        .filter(municipality_id=initiative.area.municipality_id, role__in=role_names)
        .values("user_id")
    )
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("full_name")


def _checklist_form(request: HttpRequest, initiative: Initiative, data: Any, files: Any):
    answers = {a.point: a for a in initiative.checklist_answers.all()}
    return ChecklistForm(
        data, points=services.checklist_points(initiative.ruleset), answers=answers
    )


def _checklist(request: HttpRequest, initiative: Initiative, form: ChecklistForm) -> None:
    with transaction.atomic():  # all points or none
        for point, met, note in form.answers():
            services.checklist_answer(
                initiative=initiative, actor=request.user, point=point, met=met, note=note
            )


def _own_vote(request: HttpRequest, initiative: Initiative, data: Any, files: Any) -> VoteForm:
    mine = initiative.votes.filter(member=request.user).first()
    initial = {"vote": mine.vote, "note": mine.note} if mine else None
    return VoteForm(data, initial=initial)


def _expense(initiative: Initiative, form: forms.Form) -> Expense:
    try:
        return Expense.objects.get(
            pk=form.cleaned_data["target"], voucher__initiative=initiative, cancelled_at=None
        )
    except Expense.DoesNotExist:
        raise ValidationError(_("This expense does not exist or was already cancelled.")) from None


def _open_expenses(initiative: Initiative) -> list[Expense]:
    return list(
        Expense.objects.filter(voucher__initiative=initiative, cancelled_at=None).order_by("pk")
    )


def _pledge(initiative: Initiative, form: forms.Form) -> Pledge:
    try:
        return Pledge.objects.get(pk=form.cleaned_data["target"], initiative=initiative)
    except Pledge.DoesNotExist:
        raise ValidationError(_("This offer does not exist.")) from None


ACTIONS: dict[str, Action] = {
    "award_correct": Action(
        ("initiatives.decide",),
        frozenset({Status.AWARDED, Status.IN_EXECUTION}),
        _simple(AwardCorrectionForm),
        lambda r, i, f: services.initiative_award_correct(
            initiative=i,
            actor=r.user,
            amount_cents=f.cleaned_data["amount"],
            reason=f.cleaned_data["reason"],
        ),
        gettext_lazy("The award is corrected; the money is back in the budget."),
    ),
    "submit": Action(
        ("initiatives.edit",),
        frozenset({Status.DRAFT}),
        _simple(ConfirmForm),
        lambda r, i, f: services.initiative_submit(initiative=i, actor=r.user),
        gettext_lazy("Your initiative has been submitted. You will hear the decision."),
    ),
    "withdraw": Action(
        ("initiatives.edit",),
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW}),
        _simple(ReasonForm, optional=True, label=gettext_lazy("Why do you withdraw it?")),
        lambda r, i, f: services.initiative_withdraw(
            initiative=i, actor=r.user, reason=f.cleaned_data["reason"]
        ),
        gettext_lazy("The initiative has been withdrawn."),
    ),
    "participant": Action(
        ("initiatives.edit", "initiatives.handle"),
        NOT_FINISHED,
        _simple(ParticipantForm),
        lambda r, i, f: services.participant_add(initiative=i, actor=r.user, **f.cleaned_data),
        gettext_lazy("The person has been added."),
    ),
    "official": Action(
        ("initiatives.handle",),
        NOT_FINISHED - {Status.DRAFT},
        lambda r, i, d, f: OfficialForm(
            d, officials=_officials(i), initial={"official": i.contact_official_id}
        ),
        lambda r, i, f: services.initiative_assign_official(
            initiative=i, actor=r.user, official=f.cleaned_data["official"]
        ),
        gettext_lazy("The contact official has been assigned."),
    ),
    "areas": Action(
        ("initiatives.handle",),
        frozenset(Status.values) - {Status.DRAFT},
        lambda r, i, d, f: OtherAreasForm(d, initiative=i),
        lambda r, i, f: services.initiative_set_other_areas(
            initiative=i,
            actor=r.user,
            other_areas=list(f.cleaned_data["other_areas"]),
            reason=f.cleaned_data["reason"],
        ),
        gettext_lazy("The other wijken and buurten of the initiative have been changed."),
    ),
    "review": Action(
        ("initiatives.handle", "initiatives.decide"),
        frozenset({Status.SUBMITTED}),
        _simple(ConfirmForm),
        lambda r, i, f: services.initiative_start_review(initiative=i, actor=r.user),
        gettext_lazy("The review has started."),
    ),
    "checklist": Action(
        ("initiatives.decide",),
        AWAITING_DECISION,
        _checklist_form,
        _checklist,
        gettext_lazy("The checklist has been saved."),
    ),
    "vote": Action(
        ("initiatives.decide",),
        AWAITING_DECISION,
        _own_vote,
        lambda r, i, f: services.review_vote_record(initiative=i, actor=r.user, **f.cleaned_data),
        gettext_lazy("Your judgement has been recorded."),
    ),
    "award": Action(
        ("initiatives.decide",),
        AWAITING_DECISION,
        lambda r, i, d, f: AwardForm(d, initiative=i),
        lambda r, i, f: services.initiative_award(
            initiative=i, actor=r.user, **f.service_arguments()
        ),
        gettext_lazy("The initiative has been awarded and its voucher issued."),
    ),
    "reject": Action(
        ("initiatives.decide",),
        AWAITING_DECISION,
        _simple(ReasonForm, label=gettext_lazy("Why is it not awarded?")),
        lambda r, i, f: services.initiative_reject(
            initiative=i, actor=r.user, reason=f.cleaned_data["reason"]
        ),
        gettext_lazy("The initiative has been rejected; the reason is published."),
    ),
    "expense": Action(
        ("initiatives.spend",),
        SPENDING,
        _simple(ExpenseForm),
        lambda r, i, f: services.expense_record(
            initiative=i, actor=r.user, **f.service_arguments()
        ),
        gettext_lazy("The expense has been recorded."),
    ),
    "cancel_expense": Action(
        ("initiatives.handle",),
        SPENDING | {Status.ACCOUNTED},
        lambda r, i, d, f: ExpenseCancelForm(d, expenses=_open_expenses(i)),
        lambda r, i, f: services.expense_cancel(
            expense=_expense(i, f), actor=r.user, reason=f.cleaned_data["reason"]
        ),
        gettext_lazy("The expense has been cancelled; the money is back on the voucher."),
    ),
    "account": Action(
        ("initiatives.spend",),
        SPENDING,
        _simple(AccountForm),
        lambda r, i, f: services.initiative_account(initiative=i, actor=r.user, **f.cleaned_data),
        gettext_lazy("Thank you for accounting for your initiative."),
    ),
    "close": Action(
        ("initiatives.handle",),
        frozenset({Status.ACCOUNTED}),
        _simple(CloseForm),
        lambda r, i, f: services.initiative_close(initiative=i, actor=r.user, **f.cleaned_data),
        gettext_lazy("The accounting has been handled."),
    ),
    "pledge": Action(
        ("initiatives.pledge",),
        RUNNING,
        lambda r, i, d, f: PledgeForm(d, user=r.user, initiative=i),
        lambda r, i, f: services.pledge_offer(initiative=i, actor=r.user, **f.service_arguments()),
        gettext_lazy("Your offer is shown on the initiative."),
    ),
    "pledge_confirm": Action(
        ("initiatives.edit", "initiatives.spend"),
        RUNNING | {Status.ACCOUNTED},
        _simple(ObjectForm),
        lambda r, i, f: services.pledge_confirm(pledge=_pledge(i, f), actor=r.user),
        gettext_lazy("Thank you: the offer is marked as received."),
    ),
    "pledge_withdraw": Action(
        ("initiatives.pledge",),
        NOT_FINISHED,
        _simple(ObjectForm),
        lambda r, i, f: services.pledge_withdraw(pledge=_pledge(i, f), actor=r.user),
        gettext_lazy("The offer has been withdrawn."),
    ),
    "actie": Action(
        ("initiatives.handle",),
        NOT_FINISHED | {Status.CLOSED},
        lambda r, i, d, f: ActieForm(d, initial=_actie_initial(i)),
        lambda r, i, f: services.actie_assess(initiative=i, actor=r.user, **f.cleaned_data),
        gettext_lazy("The ACTIE assessment has been saved."),
    ),
}


def _actie_initial(initiative: Initiative) -> dict[str, Any] | None:
    assessment = getattr(initiative, "actie", None)
    if assessment is None:
        return None
    fields = ("animo", "contact", "toerusting", "inbedding", "empathie", "notes")
    return {name: getattr(assessment, name) for name in fields}


def _build(name: str, request: HttpRequest, initiative: Initiative, data: Any, files: Any):
    """The step's form, with element ids of its own: one page shows many forms whose
    fields share names (reason, note)."""
    form = ACTIONS[name].form(request, initiative, data, files)
    form.auto_id = f"{name}-%s"
    return form


@login_required
@require_POST
def initiative_action(
    request: HttpRequest, municipality: str, wijk: str, pk: int, action: str
) -> HttpResponse:
    area = _wijk(municipality, wijk)
    initiative = initiative_get(pk=pk, area=area, user=request.user)
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    if not step.allowed(request.user, initiative):
        raise PermissionDenied(_("You do not have a role that allows this for this initiative."))
    form = _build(action, request, initiative, request.POST, request.FILES)
    if form_applied(form, lambda _data: step.perform(request, initiative, form)):
        messages.success(request, str(step.done))
        return redirect("initiatives:detail", municipality, wijk, initiative.pk)
    initiative.refresh_from_db()
    return _render_detail(request, initiative, bound=(action, form), status=400)


# --- the initiative page -------------------------------------------------------------------


@dataclass
class ExpenseRow:
    expense: Expense
    amount: str


@dataclass
class PledgeRow:
    pledge: Pledge
    amount: str
    may_confirm: bool
    may_withdraw: bool


def _money(initiative: Initiative) -> dict[str, Any]:
    voucher = getattr(initiative, "voucher", None)
    if voucher is None:
        return {"voucher": None, "expenses": []}
    expenses = list(voucher.expenses.select_related("provider").order_by("spent_on", "pk"))
    spent = sum(e.amount_cents for e in expenses if e.cancelled_at is None)
    return {
        "voucher": voucher,
        "awarded": format_euros(voucher.amount_cents),
        "spent": format_euros(spent),
        "left": format_euros(voucher.hold.balance_cents),
        "expenses": [ExpenseRow(e, format_euros(e.amount_cents)) for e in expenses],
    }


def _pledges(user: Any, initiative: Initiative) -> list[PledgeRow]:
    confirm = ACTIONS["pledge_confirm"].offered(user, initiative)
    withdraw = ACTIONS["pledge_withdraw"].offered(user, initiative)
    # The organisations this person may pledge (and so withdraw) for, read once.
    own = (
        set(
            PledgeForm(user=user, initiative=initiative)
            .fields["organisation"]
            .queryset.values_list("pk", flat=True)
        )
        if withdraw
        else set()
    )
    rows = []
    for pledge in initiative.pledges.select_related("organisation").order_by("pk"):
        if pledge.status == PledgeStatus.WITHDRAWN:
            continue
        offered = pledge.status == PledgeStatus.OFFERED
        rows.append(
            PledgeRow(
                pledge,
                format_euros(pledge.amount_cents) if pledge.kind == PledgeKind.MONEY else "",
                confirm and offered,
                withdraw and offered and pledge.organisation_id in own,
            )
        )
    return rows


def _vote_tally(initiative: Initiative, see_members: bool) -> dict[str, Any]:
    votes = list(initiative.votes.select_related("member").order_by("created_at"))
    tally = dict.fromkeys(Vote.values, 0)
    for vote in votes:
        tally[vote.vote] += 1
    return {
        "tally": [(Vote(value).label, count) for value, count in tally.items()],
        "votes": votes if see_members else [],
    }


def _render_detail(
    request: HttpRequest,
    initiative: Initiative,
    bound: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    forms_shown = {
        name: _build(name, request, initiative, None, None)
        for name, step in ACTIONS.items()
        if name not in ("pledge_confirm", "pledge_withdraw") and step.offered(user, initiative)
    }
    if bound is not None:
        forms_shown[bound[0]] = bound[1]
    if (
        "cancel_expense" in forms_shown
        and not forms_shown["cancel_expense"].fields["target"].choices
    ):
        del forms_shown["cancel_expense"]
    personal = user.has_perm("initiatives.view_personal_data", initiative)
    deciding = user.has_perm("initiatives.decide", initiative)
    ruleset = initiative.ruleset or services.ruleset_current(initiative.area.municipality)
    context = {
        "area": initiative.area,
        "municipality": initiative.area.municipality,
        "initiative": initiative,
        "requested": format_euros(initiative.requested_cents),
        "own_contribution": format_euros(initiative.own_contribution_cents),
        "forms": forms_shown,
        "personal": personal,
        "deciding": deciding,
        "participants": initiative.participants.order_by("pk") if personal else [],
        "pledges": _pledges(user, initiative),
        "overdue": initiative.status in AWAITING_DECISION
        and initiative.decision_due is not None
        and initiative.decision_due < timezone.localdate(),
        "overdue_since": initiative.decision_due + datetime.timedelta(days=1)
        if initiative.decision_due
        else None,
        "checks": services.submission_check(initiative=initiative, ruleset=ruleset)
        if ruleset and initiative.status == Status.DRAFT and personal
        else [],
        "ruleset": ruleset,
        "consultations": _consultations(initiative) if deciding else [],
        **_money(initiative),
        **_vote_tally(initiative, deciding),
    }
    return render(request, "initiatives/initiative_detail.html", context, status=status)


def _consultations(initiative: Initiative) -> list[tuple[Consultation, dict[str, int]]]:
    return [
        (c, consultation_results(consultation=c).get(initiative.pk, {}))
        for c in initiative.consultations.all()
    ]


@require_GET
def initiative_detail(request: HttpRequest, municipality: str, wijk: str, pk: int) -> HttpResponse:
    area = _wijk(municipality, wijk)
    initiative = initiative_get(pk=pk, area=area, user=request.user)
    return _render_detail(request, initiative)


@login_required
@require_GET
def expense_receipt(
    request: HttpRequest, municipality: str, wijk: str, pk: int, expense: int
) -> FileResponse:
    """Receipts may carry names and addresses: only the initiators and those who handle the
    initiative get them."""
    area = _wijk(municipality, wijk)
    initiative = initiative_get(pk=pk, area=area, user=request.user)
    if not request.user.has_perm("initiatives.view_personal_data", initiative):
        raise Http404
    found = get_object_or_404(Expense, pk=expense, voucher__initiative=initiative)
    if not found.receipt:
        raise Http404
    return FileResponse(found.receipt.open("rb"), as_attachment=True)
