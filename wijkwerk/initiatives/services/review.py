"""The deciding body's review: checklist, votes, award (voucher and reservation) or
rejection; the wijkraadpleging; the ACTIE lens on an initiative."""

import secrets
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, TransactionKind
from wijkwerk.budgets.money import format_euros

from ..models import (
    ACTIE_FIELDS,
    AWAITING_DECISION,
    ActieAssessment,
    ChecklistAnswer,
    Consultation,
    Initiative,
    Opinion,
    ReviewVote,
    RuleSet,
    Status,
    Support,
    Vote,
    Voucher,
)
from ._common import INITIATIVE_REF, VOUCHER_OWNER, _lock, _log, _move, check_perm


@transaction.atomic
def initiative_start_review(*, initiative: Initiative, actor: Any) -> Initiative:
    if not (
        actor.has_perm("initiatives.decide", initiative)
        or actor.has_perm("initiatives.handle", initiative)
    ):
        raise PermissionDenied(_("You do not have a role that allows this for this initiative."))
    initiative = _lock(initiative)
    _move(initiative, Status.IN_REVIEW)
    initiative.save()
    _log(initiative, actor, "initiatives.review", {})
    return initiative


@transaction.atomic
def checklist_answer(
    *, initiative: Initiative, actor: Any, point: str, met: bool, note: str = ""
) -> ChecklistAnswer:
    check_perm(actor, "initiatives.decide", initiative)
    if initiative.status not in AWAITING_DECISION:
        raise ValidationError(_("The checklist is filled in before the decision."))
    if point not in initiative.ruleset.checklist_points + _excluded_points(initiative.ruleset):
        raise ValidationError({"point": [_("This is not a point of the spelregels.")]})
    answer, _created = ChecklistAnswer.objects.update_or_create(
        initiative=initiative,
        point=point,
        defaults={"met": met, "note": note.strip()[:500], "answered_by": actor},
    )
    _log(initiative, actor, "initiatives.checklist", {"point": point, "met": met}, reason=note)
    return answer


def _excluded_points(ruleset: RuleSet) -> list[str]:
    return [
        _("Not something the spelregels exclude: %(item)s") % {"item": item}
        for item in ruleset.excluded_items
    ]


def checklist_points(ruleset: RuleSet) -> list[str]:
    """Every point the deciding body ticks: the checklist and one per excluded item."""
    return ruleset.checklist_points + _excluded_points(ruleset)


@transaction.atomic
def review_vote_record(
    *, initiative: Initiative, actor: Any, vote: str, note: str = ""
) -> ReviewVote:
    """A member of the deciding body records their judgement (one per member, changeable)."""
    check_perm(actor, "initiatives.decide", initiative)
    if initiative.status not in AWAITING_DECISION:
        raise ValidationError(_("Votes are recorded before the decision."))
    if vote not in Vote.values:
        raise ValidationError({"vote": [_("Choose award, reject or abstain.")]})
    record, _created = ReviewVote.objects.update_or_create(
        initiative=initiative, member=actor, defaults={"vote": vote, "note": note.strip()[:500]}
    )
    _log(initiative, actor, "initiatives.vote", {"vote": vote}, reason=note)
    return record


def _voucher_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read out over the phone
    return "".join(secrets.choice(alphabet) for _i in range(10))


@transaction.atomic
def initiative_award(
    *,
    initiative: Initiative,
    actor: Any,
    budget: Account,
    reason: str,
    amount_cents: int | None = None,
    valid_until: date | None = None,
) -> Voucher:
    """Award the initiative: issue a voucher and reserve its amount on the ledger."""
    check_perm(actor, "initiatives.decide", initiative)
    initiative = _lock(initiative)
    if initiative.status not in AWAITING_DECISION:
        raise ValidationError(_("This initiative is not waiting for a decision."))
    amount = initiative.requested_cents if amount_cents is None else amount_cents
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Write down why the initiative is awarded; it is published.")]
    if amount <= 0 or amount > initiative.requested_cents:
        errors["amount"] = [
            _("Award an amount between € 0,01 and the requested %(asked)s.")
            % {"asked": format_euros(initiative.requested_cents)}
        ]
    elif amount > initiative.ruleset.max_amount_cents:
        errors["amount"] = [_("This is more than the spelregels allow per initiative.")]
    if (
        budget.kind != AccountKind.BUDGET
        or budget.area_id != initiative.area_id
        or budget.fund.municipality_id != initiative.area.municipality_id
    ):
        errors["budget"] = [_("Choose a budget of this wijk.")]
    answers = {a.point: a.met for a in initiative.checklist_answers.all()}
    missing = [p for p in checklist_points(initiative.ruleset) if p not in answers]
    unmet = [p for p in checklist_points(initiative.ruleset) if answers.get(p) is False]
    if missing:
        errors["checklist"] = [
            _("Tick every point of the spelregels first: %(points)s")
            % {"points": "; ".join(missing)}
        ]
    elif unmet:
        errors["checklist"] = [
            _("Points of the spelregels are not met: %(points)s") % {"points": "; ".join(unmet)}
        ]
    if errors:
        raise ValidationError(errors)
    voucher = Voucher(
        initiative=initiative,
        code=_voucher_code(),
        amount_cents=amount,
        budget=budget,
        valid_until=valid_until,
    )
    # The voucher's reservation account is keyed on the initiative, which exists already.
    voucher.hold = ledger.owned_account(
        fund=budget.fund,
        kind=AccountKind.HOLD,
        owner_kind=VOUCHER_OWNER,
        owner_id=initiative.pk,
        name=_("Voucher for %(title)s") % {"title": initiative.title[:150]},
        area=initiative.area,
    )
    ledger.hold_reserve(
        budget=budget,
        hold=voucher.hold,
        amount_cents=amount,
        actor=actor,
        memo=_("Award: %(title)s") % {"title": initiative.title[:200]},
        kind=TransactionKind.AWARD,
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
        idempotency_key=f"initiative-award-{initiative.pk}",
    )
    voucher.save()
    _move(initiative, Status.AWARDED)
    initiative.decided_at = timezone.now()
    initiative.decided_by = actor
    initiative.decision_reason = reason.strip()
    initiative.save()
    _log(
        initiative,
        actor,
        "initiatives.award",
        {
            "amount_cents": amount,
            "budget": budget.name,
            "ruleset_version": initiative.ruleset.version,
            "body": initiative.ruleset.deciding_body,
        },
        reason=reason,
    )
    return voucher


@transaction.atomic
def initiative_reject(*, initiative: Initiative, actor: Any, reason: str) -> Initiative:
    check_perm(actor, "initiatives.decide", initiative)
    initiative = _lock(initiative)
    if not reason.strip():
        raise ValidationError({"reason": [_("Explain why the initiative is not awarded.")]})
    if initiative.status not in AWAITING_DECISION:
        raise ValidationError(_("This initiative is not waiting for a decision."))
    _move(initiative, Status.REJECTED)
    initiative.decided_at = timezone.now()
    initiative.decided_by = actor
    initiative.decision_reason = reason.strip()
    initiative.save()
    _log(
        initiative,
        actor,
        "initiatives.reject",
        {"ruleset_version": initiative.ruleset.version, "body": initiative.ruleset.deciding_body},
        reason=reason,
    )
    return initiative


@transaction.atomic
def consultation_create(
    *,
    area: Area,
    actor: Any,
    title: str,
    opens_on: date,
    closes_on: date,
    initiatives: list[Initiative],
) -> Consultation:
    """Ask the wijk's residents for their opinion on submitted initiatives."""
    if not (
        actor.has_perm("initiatives.decide", area) or actor.has_perm("initiatives.handle", area)
    ):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the wijkraadpleging a title.")]
    if closes_on < opens_on:
        errors["closes_on"] = [_("The closing date lies before the opening date.")]
    if not initiatives:
        errors["initiatives"] = [_("Choose at least one submitted initiative.")]
    elif any(i.area_id != area.pk or i.status not in AWAITING_DECISION for i in initiatives):
        errors["initiatives"] = [
            _("Only initiatives of this wijk that wait for a decision can be included.")
        ]
    if errors:
        raise ValidationError(errors)
    consultation = Consultation.objects.create(
        area=area, title=title.strip(), opens_on=opens_on, closes_on=closes_on, created_by=actor
    )
    consultation.initiatives.set(initiatives)
    _log(consultation, actor, "initiatives.consultation", {"initiatives": len(initiatives)})
    return consultation


@transaction.atomic
def opinion_give(
    *,
    consultation: Consultation,
    initiative: Initiative,
    actor: Any,
    support: str,
    comment: str = "",
) -> Opinion:
    """A resident gives (or changes) their opinion while the wijkraadpleging is open."""
    check_perm(actor, "initiatives.give_opinion", initiative)
    if not consultation.is_open(timezone.localdate()):
        raise ValidationError(_("This wijkraadpleging is not open."))
    if not consultation.initiatives.filter(pk=initiative.pk).exists():
        raise ValidationError(_("This initiative is not part of this wijkraadpleging."))
    if support not in Support.values:
        raise ValidationError({"support": [_("Choose in favour, neutral or against.")]})
    opinion, _created = Opinion.objects.update_or_create(
        consultation=consultation,
        initiative=initiative,
        resident=actor,
        defaults={"support": support, "comment": comment.strip()[:500]},
    )
    return opinion


@transaction.atomic
def actie_assess(
    *, initiative: Initiative, actor: Any, notes: str = "", **scores: int | None
) -> ActieAssessment:
    check_perm(actor, "initiatives.handle", initiative)
    unknown = set(scores) - set(ACTIE_FIELDS)
    if unknown:
        raise ValueError(f"unknown ACTIE fields: {sorted(unknown)}")
    errors = {
        name: [_("Score from 1 (weak) to 5 (strong).")]
        for name, value in scores.items()
        if value is not None and not 1 <= value <= 5
    }
    if errors:
        raise ValidationError(errors)
    assessment, _created = ActieAssessment.objects.update_or_create(
        initiative=initiative, defaults={**scores, "notes": notes.strip(), "assessed_by": actor}
    )
    _log(initiative, actor, "initiatives.actie", dict(scores))
    return assessment


@transaction.atomic
def initiative_award_correct(
    *, initiative: Initiative, actor: Any, amount_cents: int, reason: str
) -> Voucher:
    """Lower an initiative's award, or withdraw it (amount 0): the money not needed goes back
    to the budget it came from by a correction booking, and the voucher, the initiative's
    status, its public page and the wijk's totals change with it, in one transaction."""
    if not (
        actor.has_perm("initiatives.decide", initiative)
        or actor.has_perm("budgets.manage_fund", initiative.area.municipality)
    ):
        raise PermissionDenied(_("You do not have a role that allows this for this initiative."))
    initiative = _lock(initiative)
    voucher = (
        Voucher.objects.select_for_update(of=("self",))
        .select_related("hold", "budget")
        .filter(initiative=initiative)
        .first()
    )
    if voucher is None or initiative.status not in (Status.AWARDED, Status.IN_EXECUTION):
        raise ValidationError(
            _("Only the award of an initiative that is awarded or being carried out is corrected.")
        )
    current = voucher.amount_cents
    ledger.award_correct(
        hold=voucher.hold,
        budget=voucher.budget,
        awarded_cents=current,
        amount_cents=amount_cents,
        reason=reason,
        title=initiative.title,
        actor=actor,
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
    )
    voucher.amount_cents = amount_cents
    if amount_cents == 0:
        voucher.closed_at = timezone.now()
        _move(initiative, Status.REVOKED)
    voucher.save(update_fields=["amount_cents", "closed_at"])
    initiative.award_corrected_at = timezone.now()
    initiative.award_correction_reason = reason.strip()
    initiative.save()
    _log(
        initiative,
        actor,
        "initiatives.award_correct",
        {"from_cents": current, "to_cents": amount_cents},
        reason=reason,
    )
    return voucher
