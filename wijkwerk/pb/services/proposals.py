"""Proposals: from residents, or from an initiative or a wijkagenda item, and their
public feasibility review."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.budgets.models import Account
from wijkwerk.budgets.money import format_euros

from ..models import Phase, Proposal, ProposalStatus, Round
from ._common import _day, _lock_round, _log, check_perm

ORIGIN_KINDS = {
    "initiatives.initiative": gettext_lazy("initiative"),
    "agenda.agendaitem": gettext_lazy("wijkagenda item"),
}


def _validate_proposal(title: str, summary: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give your proposal a short title.")]
    if not summary.strip():
        errors["summary"] = [_("Describe the project: what should happen, and where?")]
    return errors


def _ballot_fixed(pb_round: Round) -> bool:
    return pb_round.phase() not in (Phase.UPCOMING, Phase.PROPOSALS, Phase.REVIEW)


@transaction.atomic
def proposal_submit(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    title: str,
    summary: str,
    location: str = "",
) -> Proposal:
    """A resident proposes a project while the round takes proposals."""
    check_perm(actor, "pb.submit_proposal", round)
    pb_round = Round.objects.get(pk=round.pk)
    if pb_round.phase() != Phase.PROPOSALS:
        raise ValidationError(
            _("Proposals can be submitted from %(start)s until %(end)s.")
            % {"start": _day(pb_round.proposals_from), "end": _day(pb_round.proposals_until)}
        )
    errors = _validate_proposal(title, summary)
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(
        round=pb_round,
        title=title.strip()[:160],
        summary=summary.strip(),
        location=location.strip()[:200],
        submitted_by=actor,
    )
    _log(pb_round, actor, "pb.proposal_submit", proposal, {"title": proposal.title})
    return proposal


@transaction.atomic
def proposal_create_from(
    *,
    round: Round,  # noqa: A002
    actor: Any,
    origin_kind: str,
    origin_id: int | str,
    title: str,
    summary: str,
    location: str = "",
) -> Proposal:
    """Staff put an existing initiative or wijkagenda item on the round as a proposal. The
    origin is a generic reference, so this app imports no app of its own layer."""
    check_perm(actor, "pb.manage_round", round)
    pb_round = _lock_round(round)
    if _ballot_fixed(pb_round):
        raise ValidationError(
            _("Voting has opened: the ballot is fixed, no projects can be added.")
        )
    errors = _validate_proposal(title, summary)
    origin_id = str(origin_id).strip()
    if origin_kind not in ORIGIN_KINDS:
        errors["origin"] = [_("A proposal comes from an initiative or a wijkagenda item.")]
    elif not origin_id.isdigit():
        errors["origin"] = [_("Give the number of the initiative or wijkagenda item.")]
    elif origin_kind == "agenda.agendaitem":
        item = AgendaItem.objects.filter(pk=int(origin_id)).select_related("area").first()
        if item is None or item.area.municipality_id != pb_round.municipality_id:
            errors["origin"] = [
                _("There is no wijkagenda item %(id)s in %(municipality)s.")
                % {"id": origin_id, "municipality": pb_round.municipality.name}
            ]
    if (
        "origin" not in errors
        and (
            Proposal.objects.filter(round=pb_round, origin_kind=origin_kind, origin_id=origin_id)
        ).exists()
    ):
        errors["origin"] = [
            _("This %(kind)s is already a proposal in this round.")
            % {"kind": ORIGIN_KINDS[origin_kind]}
        ]
    if errors:
        raise ValidationError(errors)
    proposal = Proposal.objects.create(
        round=pb_round,
        title=title.strip()[:160],
        summary=summary.strip(),
        location=location.strip()[:200],
        submitted_by=actor,
        origin_kind=origin_kind,
        origin_id=origin_id,
    )
    _log(
        pb_round,
        actor,
        "pb.proposal_create_from",
        proposal,
        {"title": proposal.title, "origin": f"{origin_kind}:{origin_id}"},
    )
    return proposal


@transaction.atomic
def proposal_review(
    *,
    proposal: Proposal,
    actor: Any,
    feasible: bool,
    reason: str = "",
    cost_cents: int | None = None,
) -> Proposal:
    """A partner judges a proposal feasible (with its estimated cost) or not feasible (with
    a public reason). Only feasible proposals go on the ballot."""
    check_perm(actor, "pb.review_proposal", proposal)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("round").get(pk=proposal.pk)
    )
    pb_round = proposal.round
    if _ballot_fixed(pb_round):
        raise ValidationError(
            _("Voting has opened: the ballot is fixed and proposals can no longer be reviewed.")
        )
    if proposal.status == ProposalStatus.WITHDRAWN:
        raise ValidationError(_("This proposal was withdrawn."))
    reason = reason.strip()
    errors: dict[str, list[str]] = {}
    if feasible:
        if not isinstance(cost_cents, int) or isinstance(cost_cents, bool) or cost_cents <= 0:
            errors["cost"] = [_("Enter the estimated cost of a feasible proposal.")]
        else:
            available = (
                pb_round.amount_cents
                if pb_round.amount_cents is not None
                else Account.objects.values_list("balance_cents", flat=True).get(
                    pk=pb_round.budget_id
                )
            )
            if cost_cents > available:
                errors["cost"] = [
                    _(
                        "This costs more than the %(amount)s the round divides, so it can never "
                        "be selected. Check the estimate, or judge the proposal not feasible."
                    )
                    % {"amount": format_euros(available)}
                ]
    elif not reason:
        errors["reason"] = [_("Explain why the proposal is not feasible; the reason is published.")]
    if errors:
        raise ValidationError(errors)
    proposal.status = ProposalStatus.FEASIBLE if feasible else ProposalStatus.NOT_FEASIBLE
    proposal.estimated_cost_cents = cost_cents if feasible else proposal.estimated_cost_cents
    proposal.review_reason = reason
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save()
    _log(
        pb_round,
        actor,
        "pb.proposal_review",
        proposal,
        {"status": proposal.status, "cost_cents": proposal.estimated_cost_cents},
        reason=reason,
    )
    return proposal
