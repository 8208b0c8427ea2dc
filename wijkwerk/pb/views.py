"""The public pages of budget rounds, at /gemeente/<gemeente>/begroting/: the rounds, and per
round its phases, the proposals with their review, the ballot while voting is open, and the
results with a chart of the budget per project and why each project was or was not chosen.

A voter sees how their own share was spent (MES rules) and nobody else's: in an e-mail round
when logged in, in a letter round after typing the letter's code (sent by POST, so it never
lands in an address bar or a log).
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from wijkwerk.areas.models import Municipality
from wijkwerk.areas.selectors import municipality_get
from wijkwerk.budgets.money import format_euros
from wijkwerk.core import ratelimit
from wijkwerk.core.forms import REFUSED, action_applied, form_applied

from . import selectors, services
from .forms import BallotForm, LetterShareForm, ProposalForm
from .models import Phase, ProposalStatus, Round, TallyRule, Verification
from .presentation import exact_euros, line_explanation
from .rules import STAFF_PERMISSIONS
from .tally.outcome import REASONS
from .views_setup import may_set_up_rounds

RULE_TEXTS = {
    TallyRule.GREEDY: gettext_lazy(
        "Projects are chosen in order of their votes; a project that no longer fits in what "
        "is left of the budget is skipped."
    ),
    TallyRule.GREEDY_NO_SKIP: gettext_lazy(
        "Projects are chosen in order of their votes, until the first project that no longer fits."
    ),
    TallyRule.MES: gettext_lazy(
        "Method of Equal Shares: every voter gets an equal share of the budget and pays, with "
        "the others who voted for it, for the projects they chose. Step by step the project "
        "that costs its supporters the least is chosen, until no project can be paid for by "
        "its supporters any more."
    ),
    TallyRule.MES_ADD1: gettext_lazy(
        "Method of Equal Shares, as above; then every share is raised by one euro at a time "
        "as long as the chosen projects still fit in the budget, so that as much of it as "
        "possible is used."
    ),
    TallyRule.MES_ADD1_GREEDY: gettext_lazy(
        "Method of Equal Shares with raised shares, as above, until no project fits any "
        "more; what is left goes to the projects with the most votes that still fit."
    ),
}
PHASES = [
    (Phase.PROPOSALS, "proposals_from", "proposals_until"),
    (Phase.REVIEW, None, "review_until"),
    (Phase.VOTING, "voting_from", "voting_until"),
    (Phase.RESULTS, None, None),
    (Phase.EXECUTION, "execution_from", None),
]


@dataclass
class Bar:
    """One project in the results chart and table."""

    title: str
    cost: str
    votes: int
    selected: bool
    width: str  # of the chart's bar: the project's share of the budget, in per cent
    reason: str
    detail: str


def _bars(result: Any) -> list[Bar]:
    bars = []
    for line in selectors.result_lines(result=result):
        share = 100 * line.cost_cents / result.budget_cents if result.budget_cents else 0
        bars.append(
            Bar(
                title=line.proposal.title,
                # A winner shows what it is awarded now (after a correction of the award).
                cost=format_euros(line.award_cents if line.hold_id else line.cost_cents),
                votes=line.votes,
                selected=line.selected,
                width=f"{min(share, 100):.2f}%",
                reason=str(REASONS.get(line.reason, line.reason)),
                detail=line_explanation(line)
                + (
                    " "
                    + _("Award corrected on %(date)s")
                    % {"date": date_format(timezone.localtime(line.corrected_at), "j F Y")}
                    + f": {line.correction_reason}"
                    if line.corrected_at
                    else ""
                ),
            )
        )
    return bars


def _share_lines(round_: Round, share: dict | None) -> dict | None:
    if share is None:
        return None
    titles = dict(round_.proposals.values_list("pk", "title"))
    return {
        "share": exact_euros(share["share"]),
        "left": exact_euros(share["left"]),
        "paid": [(titles.get(pk, pk), exact_euros(amount)) for pk, amount in share["paid"].items()],
    }


def _phases(round_: Round) -> list[dict]:
    current = round_.phase()
    rows = []
    for phase, start, end in PHASES:
        rows.append(
            {
                "label": Phase(phase).label,
                "from": getattr(round_, start) if start else None,
                "until": getattr(round_, end) if end else None,
                "current": phase == current,
            }
        )
    return rows


def _page(
    request: HttpRequest,
    place: Municipality,
    round_: Round,
    *,
    proposal_form: ProposalForm | None = None,
    ballot_form: BallotForm | None = None,
    share_form: LetterShareForm | None = None,
    share: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    phase = round_.phase()
    on_ballot = list(selectors.ballot_proposals(round=round_))
    voting = round_.is_voting_open()
    email = round_.verification == Verification.EMAIL
    eligibility = ""
    voted = selectors.has_voted(round=round_, user=user)
    if voting and ballot_form is None:
        initial = {}
        if email and user.is_authenticated:
            own = selectors.ballot_own(round=round_, user=user)
            if own is not None:
                chosen = selectors.ballot_choices(ballot=own)
                initial = {"projects": list(chosen)} | {
                    f"points_{pk}": points for pk, points in chosen.items()
                }
        ballot_form = BallotForm(round=round_, proposals=on_ballot, initial=initial)
    if voting and email:
        try:
            services.voter_eligibility_check(round=round_, user=user)
        except ValidationError as error:  # not an action: the reason is shown by the ballot
            eligibility = " ".join(error.messages)
    result = selectors.result_get(round=round_, user=user)
    if share is None and result is not None and email and round_.results_published:
        share = _share_lines(round_, selectors.voter_share_get(round=round_, user=user))
    context = {
        "municipality": place,
        "area": round_.area,
        "round": round_,
        "phase": phase,
        "phases": _phases(round_),
        "amount": format_euros(round_.amount_cents)
        if round_.amount_cents
        else format_euros(round_.budget.balance_cents),
        "proposals": [
            (p, format_euros(p.estimated_cost_cents or 0))
            for p in selectors.proposal_list(round=round_, user=user).exclude(
                status=ProposalStatus.WITHDRAWN
            )
        ],
        "proposal_form": proposal_form
        or (ProposalForm() if phase == Phase.PROPOSALS and user.is_authenticated else None),
        "voting": voting,
        "email": email,
        "eligibility": eligibility,
        "voted": voted,
        "ballot_form": ballot_form,
        "result": result if result is not None and round_.results_published else None,
        "bars": _bars(result) if result is not None and round_.results_published else [],
        "spent": format_euros(result.spent_cents) if result else "",
        "budget": format_euros(result.budget_cents) if result else "",
        "rule_text": RULE_TEXTS.get(round_.rule, ""),
        "share": share,
        "share_form": share_form
        or (LetterShareForm() if not email and round_.results_published else None),
        "may_manage": any(user.has_perm(perm, round_) for perm in STAFF_PERMISSIONS),
    }
    return render(request, "pb/round_detail.html", context, status=status)


@require_GET
def round_list(request: HttpRequest, municipality: str) -> HttpResponse:
    place = municipality_get(slug=municipality)
    rounds = [(r, Phase(r.phase()).label) for r in selectors.round_list(municipality=place)]
    context = {
        "municipality": place,
        "rounds": rounds,
        "may_set_up": may_set_up_rounds(request.user, place),
        "staff_of": {
            r.pk
            for r, _phase in rounds
            if any(request.user.has_perm(p, r) for p in STAFF_PERMISSIONS)
        },
    }
    return render(request, "pb/round_list.html", context)


@require_GET
def round_detail(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    return _page(request, place, selectors.round_get(pk=pk, municipality=place))


def _here(place: Municipality, round_: Round, anchor: str) -> str:
    return reverse("pb:round", args=[place.slug, round_.pk]) + anchor


@require_POST
def proposal_submit(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    round_ = selectors.round_get(pk=pk, municipality=place)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={_here(place, round_, '')}")
    form = ProposalForm(request.POST)
    try:
        applied = form_applied(
            form, lambda data: services.proposal_submit(round=round_, actor=request.user, **data)
        )
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("You may not propose projects in this round."))
        applied = REFUSED
    if applied:
        messages.success(request, _("Thank you: your proposal is in. Partners will check it next."))
        return redirect(_here(place, round_, "#proposals"))
    return _page(request, place, round_, proposal_form=form, status=400)


@require_POST
def code_request(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    round_ = selectors.round_get(pk=pk, municipality=place)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={_here(place, round_, '')}")
    action_applied(
        request,
        lambda: services.vote_code_request(round=round_, actor=request.user),
        success=_("We sent a code to %(email)s. Enter it below the ballot.")
        % {"email": request.user.email},
    )
    return redirect(_here(place, round_, "#vote"))


@require_POST
def ballot_cast(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    place = municipality_get(slug=municipality)
    round_ = selectors.round_get(pk=pk, municipality=place)
    proposals = list(selectors.ballot_proposals(round=round_))
    form = BallotForm(request.POST, round=round_, proposals=proposals)
    if form_applied(
        form,
        lambda data: services.ballot_cast(
            round=round_,
            actor=request.user,
            choices=form.choices(),
            email_code=data.get("email_code", ""),
            letter_code=data.get("letter_code", ""),
        ),
    ):
        messages.success(
            request,
            _("Your vote has been counted. You can change it until %(date)s.")
            % {"date": round_.voting_until.strftime("%d-%m-%Y")},
        )
        return redirect(_here(place, round_, "#vote"))
    return _page(request, place, round_, ballot_form=form, status=400)


@require_POST
def letter_share(request: HttpRequest, municipality: str, pk: int) -> HttpResponse:
    """A letter voter's own share, shown once for the code they typed."""
    place = municipality_get(slug=municipality)
    round_ = selectors.round_get(pk=pk, municipality=place)
    form = LetterShareForm(request.POST)
    share = None
    address = request.META.get("REMOTE_ADDR", "")
    if not ratelimit.allow(f"pb-letter-share:{address}", limit=30, window_seconds=3600):
        form.add_error(None, _("Too many codes tried from this address; try again in an hour."))
    elif form.is_valid():
        share = _share_lines(
            round_,
            selectors.voter_share_get(round=round_, letter_code=form.cleaned_data["letter_code"]),
        )
        if share is None:
            form.add_error(
                "letter_code",
                _("No ballot with this code in this round, or the rule gives no shares."),
            )
    status = 200 if share is not None else 400
    return _page(request, place, round_, share_form=form, share=share, status=status)
