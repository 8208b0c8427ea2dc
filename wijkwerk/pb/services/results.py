"""The tally and its publication: the election built from the ballots, the selection
by the round's rule, and the winners' money reserved on the ledger."""

import secrets
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, TransactionKind
from wijkwerk.budgets.money import format_euros

from .. import tally as engine
from ..models import Ballot, BallotChoice, BallotKind, Round, TallyLine, TallyResult
from ..tally.rules import TallyError
from ._common import PROPOSAL_OWNER, ROUND_REF, _day, _lock_round, _log, check_perm


def round_amount_cents(*, round: Round) -> int:  # noqa: A002
    """What the round divides: its fixed amount, or the budget's balance now. Refused when
    the budget no longer holds the fixed amount."""
    balance = Account.objects.values_list("balance_cents", flat=True).get(pk=round.budget_id)
    if round.amount_cents is None:
        return balance
    if round.amount_cents > balance:
        raise ValidationError(
            _(
                "The round divides %(amount)s but its budget holds only %(balance)s. Allocate "
                "more money to the budget or lower the round's amount."
            )
            % {"amount": format_euros(round.amount_cents), "balance": format_euros(balance)}
        )
    return round.amount_cents


def election_build(*, round: Round, budget_cents: int) -> engine.Election:  # noqa: A002
    """The round as the tally engine sees it: feasible projects by their id, voters by their
    ballot's random id (never anything of the person)."""
    proposals = list(round.proposals.on_ballot().order_by("pk"))
    projects = {
        str(p.pk): engine.Project(
            id=str(p.pk), cost=Fraction(p.estimated_cost_cents or 0, 100), name=p.title
        )
        for p in proposals
    }
    votes: dict[str, list[tuple[str, int]]] = {}
    rows = (
        BallotChoice.objects.filter(ballot__round=round, proposal_id__in=[p.pk for p in proposals])
        .values_list("ballot_id", "proposal_id", "points")
        .order_by("ballot_id", "proposal_id")
    )
    for ballot_id, proposal_id, points in rows.iterator(chunk_size=5000):
        votes.setdefault(str(ballot_id), []).append((str(proposal_id), points))
    cumulative = round.ballot_kind == BallotKind.CUMULATIVE
    voters = [
        engine.Voter(
            id=ballot_id,
            vote=tuple(pid for pid, _points in choice),
            points=tuple(points for _pid, points in choice) if cumulative else None,
        )
        for ballot_id, choice in sorted(votes.items())
    ]
    # In euros, as pabulib counts in whole currency units: Add1 raises shares by one euro.
    return engine.Election(
        budget=Fraction(budget_cents, 100),
        projects=projects,
        voters=voters,
        vote_type="cumulative" if cumulative else "approval",
        meta={"description": round.title, "rule": round.rule},
    )


@transaction.atomic
def ballots_reseal(*, round: Round) -> int:  # noqa: A002
    """Rewrite the round's ballots in a random order, in one transaction.

    Rows are stored in the order they were written, and on PostgreSQL each row carries the
    id of the transaction that wrote it (`xmin`), shared with the participation written in
    the same transaction. A dump of the database could line ballots up with participations
    by either. Rewriting every ballot at once, shuffled, gives them all one transaction id
    and a random order. Done before every tally (voting has closed by then; paper entries
    and tallies both lock the round). Returns the number of ballots."""
    rng = secrets.SystemRandom()
    ballots = list(
        Ballot.objects.select_for_update().filter(round=round).values_list("id", "token")
    )
    choices = list(
        BallotChoice.objects.filter(ballot__round=round).values_list(
            "id", "ballot_id", "proposal_id", "points"
        )
    )
    rng.shuffle(ballots)
    rng.shuffle(choices)
    BallotChoice.objects.filter(ballot__round=round).delete()
    Ballot.objects.filter(round=round).delete()
    Ballot.objects.bulk_create(
        [Ballot(id=pk, round=round, token=token) for pk, token in ballots], batch_size=5000
    )
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(id=pk, ballot_id=ballot_id, proposal_id=proposal_id, points=points)
            for pk, ballot_id, proposal_id, points in choices
        ],
        batch_size=5000,
    )
    return len(ballots)


def min_score(*, round: Round, ballots: int) -> int | None:  # noqa: A002
    """The round's minimum share of voters as a number of votes (rounded up), for greedy."""
    if not round.threshold_percent:
        return None
    return -(-round.threshold_percent * ballots // 100)


def _fraction_text(value: Fraction | None) -> str:
    if value is None:
        return ""
    return str(value)


@transaction.atomic
def round_tally(*, round: Round, actor: Any, reason: str = "") -> TallyResult:  # noqa: A002
    """Count the votes with the round's rule after the close and store the outcome with its
    explanation. Before the results are published the tally may be run again (it replaces
    the stored one, e.g. after the last paper ballots); afterwards it is fixed."""
    check_perm(actor, "pb.tally_round", round)
    pb_round = _lock_round(round)
    if not pb_round.is_closed():
        raise ValidationError(
            _("Voting closes on %(date)s; the votes can be counted after the close.")
            % {"date": _day(pb_round.voting_until)}
        )
    if pb_round.results_published:
        raise ValidationError(
            _("The results have been published; the tally can no longer be run again.")
        )
    budget_cents = round_amount_cents(round=pb_round)
    ballots_reseal(round=pb_round)
    election = election_build(round=pb_round, budget_cents=budget_cents)
    if not election.projects:
        raise ValidationError(_("There are no feasible proposals on the ballot to count."))
    try:
        outcome = engine.tally(
            election,
            rule=pb_round.rule,
            utility=pb_round.utility,
            compare_greedy=pb_round.compare_greedy,
            min_score=min_score(round=pb_round, ballots=len(election.voters)),
        )
    except TallyError as error:
        raise ValidationError(str(error)) from None
    costs = {pid: int(project.cost * 100) for pid, project in election.projects.items()}
    spent = sum(costs[pid] for pid in outcome.selected)
    if spent > budget_cents:
        raise ValidationError(
            _(
                "The tally selected projects costing %(spent)s, more than the %(budget)s the "
                "round divides; nothing was stored. Report this as a fault in the tally."
            )
            % {"spent": format_euros(spent), "budget": format_euros(budget_cents)}
        )
    TallyResult.objects.filter(round=pb_round).delete()
    result = TallyResult.objects.create(
        round=pb_round,
        rule=outcome.rule or pb_round.rule,
        utility=outcome.utility or pb_round.utility,
        compare_greedy=pb_round.compare_greedy,
        threshold_percent=pb_round.threshold_percent,
        budget_cents=budget_cents,
        ballots_count=len(election.voters),
        spent_cents=spent,
        voter_budget=_fraction_text(outcome.voter_budget),
        compared=outcome.compared,
        kept=outcome.kept,
        purchases=[[p.project, str(p.price)] for p in outcome.purchases],
        tallied_by=actor if getattr(actor, "is_authenticated", False) else None,
        tallied_at=timezone.now(),
        reason=reason.strip(),
    )
    position = {pid: i for i, pid in enumerate(outcome.selected, start=1)}
    lines = []
    for pid in election.projects:
        explained = outcome.projects.get(pid)
        lines.append(
            TallyLine(
                result=result,
                proposal_id=int(pid),
                selected=pid in position,
                position=position.get(pid),
                cost_cents=costs[pid],
                votes=explained.votes if explained else 0,
                reason=(explained.reason if explained else "")[:40],
                step=explained.step if explained else None,
                supporters_had=_fraction_text(explained.supporters_had if explained else None),
                missing=_fraction_text(explained.missing if explained else None),
            )
        )
    TallyLine.objects.bulk_create(lines)
    _log(
        pb_round,
        actor,
        "pb.round_tally",
        pb_round,
        {
            "rule": result.rule,
            "utility": result.utility,
            "compare_greedy": result.compare_greedy,
            "budget_cents": budget_cents,
            "ballots": result.ballots_count,
            "selected": [int(pid) for pid in outcome.selected],
            "spent_cents": spent,
        },
        reason=reason,
    )
    return result


@dataclass
class PublishedSelection:
    round: Round
    result: TallyResult
    reserved_cents: int


@transaction.atomic
def round_results_publish(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    reason: str = "",
) -> PublishedSelection:
    """Publish the stored tally and reserve each selected project's cost on the round's
    budget: one reservation (hold account) per project, all in this one transaction, so
    either every winner is reserved or none is."""
    check_perm(actor, "pb.tally_round", round)
    pb_round = _lock_round(round)
    if pb_round.results_published:
        raise ValidationError(_("The results of this round have already been published."))
    result = TallyResult.objects.filter(round=pb_round).first()
    if result is None:
        raise ValidationError(_("Count the votes first; there is no tally to publish."))
    if Ballot.objects.filter(round=pb_round).count() != result.ballots_count:
        raise ValidationError(
            _(
                "Ballots were entered after the votes were counted; count the votes again "
                "before publishing."
            )
        )
    selected = list(
        result.lines.filter(selected=True).select_related("proposal").order_by("position")
    )
    total = sum(line.cost_cents for line in selected)
    balance = Account.objects.values_list("balance_cents", flat=True).get(pk=pb_round.budget_id)
    if total > balance:
        raise ValidationError(
            _(
                "The selected projects cost %(total)s but the budget holds only %(balance)s "
                "now. Allocate more money to the budget, or count the votes again."
            )
            % {"total": format_euros(total), "balance": format_euros(balance)}
        )
    budget = pb_round.budget
    for line in selected:
        hold = ledger.owned_account(
            fund=budget.fund,
            kind=AccountKind.HOLD,
            owner_kind=PROPOSAL_OWNER,
            owner_id=line.proposal_id,
            name=_("Budget round project %(title)s") % {"title": line.proposal.title[:150]},
            area=pb_round.area,
        )
        try:
            ledger.hold_reserve(
                budget=budget,
                hold=hold,
                amount_cents=line.cost_cents,
                actor=actor,
                memo=_("%(round)s: %(title)s")
                % {"round": pb_round.title[:100], "title": line.proposal.title[:150]},
                kind=TransactionKind.RESERVATION,
                reference_kind=ROUND_REF,
                reference_id=pb_round.pk,
            )
        except ledger.InsufficientFunds:
            # The ledger refused (another booking took the money meanwhile): undo it all.
            raise ValidationError(
                _(
                    "The budget no longer holds enough for %(title)s; nothing was reserved. "
                    "Allocate more money to the budget, or count the votes again."
                )
                % {"title": line.proposal.title}
            ) from None
        line.hold = hold
        line.save(update_fields=["hold"])
    pb_round.results_published_at = timezone.now()
    pb_round.results_published_by = actor
    pb_round.save(update_fields=["results_published_at", "results_published_by"])
    _log(
        pb_round,
        actor,
        "pb.results_publish",
        pb_round,
        {
            "rule": result.rule,
            "selected": [line.proposal_id for line in selected],
            "reserved_cents": total,
        },
        reason=reason,
    )
    return PublishedSelection(round=pb_round, result=result, reserved_cents=total)


@transaction.atomic
def winner_award_correct(
    *,
    line: TallyLine,
    actor: Any,
    amount_cents: int,
    reason: str,
) -> TallyLine:
    """Lower a published winner's award, or withdraw it (amount 0): the money not needed goes
    back to the round's budget by a correction booking, and the winner's line, the results
    page and its totals change with it, in one transaction."""
    pb_round = line.result.round
    check_perm(actor, "pb.tally_round", pb_round)
    pb_round = _lock_round(pb_round)
    line = TallyLine.objects.select_for_update(of=("self",)).select_related("hold", "proposal").get(pk=line.pk)
    if not pb_round.results_published or not line.selected or line.hold is None:
        raise ValidationError(_("Only a winner of published results can have its award corrected."))
    current = line.award_cents
    ledger.award_correct(
        hold=line.hold,
        budget=pb_round.budget,
        awarded_cents=current,
        amount_cents=amount_cents,
        reason=reason,
        title=line.proposal.title,
        actor=actor,
        reference_kind=ROUND_REF,
        reference_id=pb_round.pk,
    )
    line.awarded_cents = amount_cents
    line.corrected_at = timezone.now()
    line.correction_reason = reason.strip()
    line.save(update_fields=["awarded_cents", "corrected_at", "correction_reason"])
    _log(
        pb_round,
        actor,
        "pb.winner_award_correct",
        line.proposal,
        {"from_cents": current, "to_cents": amount_cents},
        reason=reason,
    )
    return line
