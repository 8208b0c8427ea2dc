"""The staff pages of a budget round, at /gemeente/<gemeente>/begroting/<pk>/beheer/.

One overview page shows, per phase of the round, what the visitor may do now, each step as
a form that posts to its own address. The page is for whoever holds one of the round's staff
permissions; for everybody else the round does not exist here (404), as a missing round
does not either. Views are thin: they check the permission, hand valid input to a service,
and re-render the page with the service's errors (status 400) when it refuses.

Code letters are the exception to "redirect after a post": their codes are stored only as
keyed hashes, so the answer to the post is the one and only CSV with the codes in clear.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wijkwerk.areas.selectors import municipality_get
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.downloads import csv_download
from wijkwerk.core.forms import form_applied

from . import selectors, services
from .forms_staff import (
    LetterCodesForm,
    OriginProposalForm,
    PaperBallotForm,
    PublishForm,
    ReviewForm,
    TallyForm,
)
from .models import Phase, Proposal, ProposalStatus, Round, TallyResult, Verification
from .presentation import exact_euros, line_explanation
from .rules import STAFF_PERMISSIONS
from .tally.outcome import REASONS

ORIGIN_LABELS = services.ORIGIN_KINDS


def _round(request: HttpRequest, municipality: str, pk: int) -> Round:
    """The round, for staff of it only: missing and forbidden both answer 404."""
    place = municipality_get(slug=municipality)
    pb_round = selectors.round_get(pk=pk, municipality=place)
    if not any(request.user.has_perm(perm, pb_round) for perm in STAFF_PERMISSIONS):
        raise Http404
    return pb_round


# --- what can be done in which phase -------------------------------------------------------


def _proposals_open(pb_round: Round) -> bool:
    """Until voting opens the ballot may change: proposals are reviewed and added."""
    return pb_round.phase() in (Phase.UPCOMING, Phase.PROPOSALS, Phase.REVIEW)


def _letters_open(pb_round: Round) -> bool:
    return pb_round.verification == Verification.LETTER and not pb_round.is_closed()


def _paper_open(pb_round: Round) -> bool:
    return (
        pb_round.verification == Verification.LETTER
        and timezone.now() >= pb_round.opens_at
        and not pb_round.results_published
    )


def _tally_open(pb_round: Round) -> bool:
    return pb_round.is_closed() and not pb_round.results_published


def _publish_open(pb_round: Round) -> bool:
    return _tally_open(pb_round) and TallyResult.objects.filter(round=pb_round).exists()


def _letters_csv(request: HttpRequest, pb_round: Round, form: forms.Form) -> HttpResponse:
    codes = services.letter_codes_generate(
        round=pb_round, actor=request.user, count=form.cleaned_data["count"]
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return csv_download(
        ["code"],
        ([code] for code in codes),
        f"codes-round-{pb_round.pk}-{stamp}.csv",
        private=True,
    )


@dataclass(frozen=True)
class Action:
    """A step on the round: who may take it, when it is offered, its form and its service.
    `perform` may answer with a response of its own (the CSV of code letters)."""

    perm: str
    when: Callable[[Round], bool]
    form: Callable[[Round, Any], forms.Form]
    perform: Callable[[HttpRequest, Round, Any], Any]
    done: Any
    heading: Any
    button: Any
    intro: Any = ""

    def allowed(self, user: Any, pb_round: Round) -> bool:
        return user.has_perm(self.perm, pb_round)

    def offered(self, user: Any, pb_round: Round) -> bool:
        return self.when(pb_round) and self.allowed(user, pb_round)


def _paper_form(pb_round: Round, data: Any) -> PaperBallotForm:
    proposals = list(selectors.ballot_proposals(round=pb_round))
    return PaperBallotForm(data, round=pb_round, proposals=proposals)


def _enter_paper(request: HttpRequest, pb_round: Round, form: PaperBallotForm) -> None:
    services.paper_ballot_enter(
        round=pb_round,
        actor=request.user,
        letter_code=form.cleaned_data["code"],
        choices=form.choices(),
    )


ACTIONS: dict[str, Action] = {
    "add": Action(
        "pb.manage_round",
        _proposals_open,
        lambda r, d: OriginProposalForm(d),
        lambda q, r, f: services.proposal_create_from(
            round=r, actor=q.user, **f.service_arguments()
        ),
        gettext_lazy("The proposal has been added; partners can review it now."),
        gettext_lazy("Add a proposal from an initiative or wijkagenda item"),
        gettext_lazy("Add the proposal"),
    ),
    "letters": Action(
        "pb.manage_round",
        _letters_open,
        lambda r, d: LetterCodesForm(d),
        _letters_csv,
        "",
        gettext_lazy("Code letters"),
        gettext_lazy("Make the codes and download them"),
        gettext_lazy(
            "The codes are shown only once, as a CSV file to download for the printer: "
            "Wijkwerk keeps only a fingerprint of each code and cannot show them again. "
            "Keep the file safe and delete it after printing."
        ),
    ),
    "paper": Action(
        "pb.enter_paper_ballot",
        _paper_open,
        _paper_form,
        _enter_paper,
        gettext_lazy("The paper ballot has been counted."),
        gettext_lazy("Enter a paper ballot"),
        gettext_lazy("Enter the ballot"),
        gettext_lazy(
            "A code counts once: a code already used online or on paper is refused. Only "
            "that a ballot was entered is recorded, never what it says."
        ),
    ),
    "tally": Action(
        "pb.tally_round",
        _tally_open,
        lambda r, d: TallyForm(d),
        lambda q, r, f: services.round_tally(round=r, actor=q.user, **f.cleaned_data),
        gettext_lazy("The votes have been counted. Check the outcome, then publish it."),
        gettext_lazy("Count the votes"),
        gettext_lazy("Count the votes"),
        gettext_lazy(
            "The votes are counted with the round's rule. Until the results are published "
            "you can count again, for example after the last paper ballots."
        ),
    ),
    "publish": Action(
        "pb.tally_round",
        _publish_open,
        lambda r, d: PublishForm(d),
        lambda q, r, f: services.round_results_publish(round=r, actor=q.user, **f.cleaned_data),
        gettext_lazy(
            "The results have been published and the selected projects' money is reserved "
            "on the budget."
        ),
        gettext_lazy("Publish the results"),
        gettext_lazy("Publish the results"),
        gettext_lazy(
            "Publishing shows the outcome to everyone and reserves the cost of every selected "
            "project on the round's budget. After that the tally is fixed."
        ),
    ),
}


def _build(name: str, pb_round: Round, data: Any) -> forms.Form:
    """The step's form, with element ids of its own: one page shows many forms whose
    fields share names (reason)."""
    form = ACTIONS[name].form(pb_round, data)
    form.auto_id = f"{name}-%s"
    return form


def _review_form(proposal: Proposal, data: Any = None) -> ReviewForm:
    form = ReviewForm(data, initial=ReviewForm.initial_from(proposal))
    form.auto_id = f"review-{proposal.pk}-%s"
    return form


# --- the page ------------------------------------------------------------------------------


@dataclass
class ProposalRow:
    proposal: Proposal
    cost: str
    proposer: Any
    origin: str
    form: ReviewForm | None


@dataclass
class Line:
    title: str
    cost: str
    votes: int
    selected: bool
    position: int | None
    outcome: str
    explanation: str
    reserved: bool


def _result(request: HttpRequest, pb_round: Round) -> dict[str, Any]:
    result = selectors.result_get(round=pb_round, user=request.user)
    if result is None:
        return {"result": None, "lines": []}
    lines = [
        Line(
            title=line.proposal.title,
            cost=format_euros(line.cost_cents),
            votes=line.votes,
            selected=line.selected,
            position=line.position,
            outcome=str(REASONS.get(line.reason, line.reason)),
            explanation=line_explanation(line),
            reserved=line.hold_id is not None,
        )
        for line in selectors.result_lines(result=result)
    ]
    return {
        "result": result,
        "lines": lines,
        "result_budget": format_euros(result.budget_cents),
        "result_spent": format_euros(result.spent_cents),
        "voter_budget": exact_euros(result.voter_budget),
    }


def _proposal_rows(
    request: HttpRequest, pb_round: Round, bound: tuple[int, ReviewForm] | None
) -> list[ProposalRow]:
    user = request.user
    reviewing = _proposals_open(pb_round) and user.has_perm("pb.review_proposal", pb_round)
    rows = []
    for proposal in selectors.proposal_list(round=pb_round, user=user).select_related(
        "submitted_by"
    ):
        form = None
        if bound is not None and bound[0] == proposal.pk:
            form = bound[1]
        elif reviewing and proposal.status != ProposalStatus.WITHDRAWN:
            form = _review_form(proposal)
        origin = ""
        if proposal.origin_kind:
            origin = _("%(kind)s number %(id)s") % {
                "kind": ORIGIN_LABELS.get(proposal.origin_kind, proposal.origin_kind),
                "id": proposal.origin_id,
            }
        rows.append(
            ProposalRow(
                proposal=proposal,
                cost=format_euros(proposal.estimated_cost_cents),
                proposer=selectors.proposal_proposer(proposal=proposal, user=user),
                origin=origin,
                form=form,
            )
        )
    return rows


def _render(
    request: HttpRequest,
    pb_round: Round,
    *,
    bound: tuple[str, forms.Form] | None = None,
    bound_review: tuple[int, ReviewForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    shown = {
        name: _build(name, pb_round, None)
        for name, step in ACTIONS.items()
        if step.offered(user, pb_round)
    }
    if bound is not None:
        shown[bound[0]] = bound[1]
    panels = {
        name: {
            "name": name,
            "form": form,
            "heading": ACTIONS[name].heading,
            "button": ACTIONS[name].button,
            "intro": ACTIONS[name].intro,
        }
        for name, form in shown.items()
    }
    may = {perm.split(".")[1]: user.has_perm(perm, pb_round) for perm in STAFF_PERMISSIONS}
    context = {
        "municipality": pb_round.municipality,
        "area": pb_round.area,
        "round": pb_round,
        "phase": Phase(pb_round.phase()).label,
        "letter_round": pb_round.verification == Verification.LETTER,
        "proposals_open": _proposals_open(pb_round),
        "closed": pb_round.is_closed(),
        "rows": _proposal_rows(request, pb_round, bound_review),
        "panels": panels,
        "may": may,
        "letters_made": pb_round.letter_codes.count() if may["manage_round"] else None,
        "participations": pb_round.participations.count(),
        **_result(request, pb_round),
    }
    return render(request, "pb/staff/round_staff.html", context, status=status)


@login_required
@require_GET
def round_staff(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    return _render(request, _round(request, municipality, pk))


@login_required
@require_POST
def round_action(request: HttpRequest, municipality: str, pk: int, action: str) -> HttpResponse:
    pb_round = _round(request, municipality, pk)
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    if not step.allowed(request.user, pb_round):
        raise PermissionDenied(_("You do not have a role that allows this for this budget round."))
    form = _build(action, pb_round, request.POST)
    if applied := form_applied(form, lambda _data: step.perform(request, pb_round, form)):
        if isinstance(applied.value, HttpResponse):
            return applied.value
        messages.success(request, str(step.done))
        return redirect("pb:staff", municipality, pb_round.pk)
    pb_round.refresh_from_db()
    return _render(request, pb_round, bound=(action, form), status=400)


@login_required
@require_POST
def proposal_review(
    request: HttpRequest, municipality: str, pk: int, proposal: int
) -> HttpResponse:
    pb_round = _round(request, municipality, pk)
    if not request.user.has_perm("pb.review_proposal", pb_round):
        raise PermissionDenied(_("You do not have a role that allows this for this budget round."))
    found = get_object_or_404(Proposal, pk=proposal, round=pb_round)
    form = _review_form(found, request.POST)
    if form_applied(
        form,
        lambda _data: services.proposal_review(
            proposal=found, actor=request.user, **form.service_arguments()
        ),
    ):
        messages.success(
            request, _("Your review of “%(title)s” has been saved.") % {"title": found.title}
        )
        return redirect("pb:staff", municipality, pb_round.pk)
    return _render(request, pb_round, bound_review=(found.pk, form), status=400)
