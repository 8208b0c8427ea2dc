"""Writing initiatives, decisions, vouchers, pledges and convenant projects.

Every function checks the actor's permission, validates everything before it writes
(a ValidationError leaves the database untouched) and logs decisions in the audit log.
Money moves only through `wijkwerk.budgets.services`.
"""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.selectors import has_capability, role_assignments_current
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, Fund, TransactionKind
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.services import audit_log, field_changes
from wijkwerk.core.workdays import add_working_days
from wijkwerk.organisations.models import Organisation

from .models import (
    ACTIE_FIELDS,
    AWAITING_DECISION,
    PUBLIC_STATUSES,
    SPENDING,
    TRANSITIONS,
    ActieAssessment,
    ChecklistAnswer,
    Consultation,
    ConvenantProject,
    DecidingBody,
    Expense,
    Initiative,
    LadderStep,
    Opinion,
    Participant,
    Pledge,
    PledgeKind,
    PledgeStatus,
    ProjectCall,
    ProjectStatus,
    Provider,
    ReviewVote,
    RuleSet,
    Status,
    Support,
    Vote,
    Voucher,
)
from .tasks import initiative_deadline_check, notify_contact_official
from .uploads import validate_receipt

VOUCHER_OWNER = "initiatives.voucher"
PROJECT_OWNER = "initiatives.project"
INITIATIVE_REF = "initiatives.initiative"


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this initiative."))


def _log(target: Any, actor: Any, action: str, changes: dict, reason: str = "") -> None:
    municipality = target.area.municipality if hasattr(target, "area") and target.area_id else None
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        reason=reason,
        municipality_code=municipality.code if municipality else "",
    )


def _move(initiative: Initiative, new_status: str) -> None:
    if new_status not in TRANSITIONS[initiative.status]:
        raise ValidationError(
            _("An initiative that is %(status)s cannot become %(new)s.")
            % {"status": initiative.get_status_display(), "new": Status(new_status).label}
        )
    initiative.status = new_status


def _lock(initiative: Initiative) -> Initiative:
    """Re-read the initiative under a row lock so two decisions cannot cross."""
    return (
        Initiative.objects.select_for_update()
        .select_related("area__municipality")
        .get(pk=initiative.pk)
    )


# --- spelregels ----------------------------------------------------------------------------


def ruleset_current(municipality: Municipality) -> RuleSet | None:
    return RuleSet.objects.filter(municipality=municipality).order_by("-version").first()


@transaction.atomic
def ruleset_publish(
    *,
    municipality: Municipality,
    actor: Any,
    max_amount_cents: int,
    deciding_body: str,
    max_per_year_cents: int = 0,
    min_initiators: int = 2,
    own_contribution_percent: int = 0,
    quick_max_cents: int = 50_000,
    quick_working_days: int = 3,
    decision_working_days: int = 30,
    excluded: str = "",
    checklist: str = "",
    note: str = "",
) -> RuleSet:
    """Publish a new version of the spelregels; earlier initiatives keep theirs."""
    check_perm(actor, "initiatives.manage_rules", municipality)
    errors: dict[str, list[str]] = {}
    if max_amount_cents <= 0:
        errors["max_amount"] = [_("The maximum per initiative must be more than zero.")]
    if max_per_year_cents < 0:
        errors["max_per_year"] = [_("An amount cannot be negative.")]
    if quick_max_cents < 0:
        errors["quick_max"] = [_("An amount cannot be negative.")]
    if max_per_year_cents and max_per_year_cents < max_amount_cents:
        errors["max_per_year"] = [
            _("The yearly maximum cannot be lower than the maximum per initiative.")
        ]
    if not 1 <= min_initiators <= 50:
        errors["min_initiators"] = [_("Ask for between 1 and 50 initiators.")]
    if not 0 <= own_contribution_percent <= 100:
        errors["own_contribution_percent"] = [_("A percentage lies between 0 and 100.")]
    if not 1 <= quick_working_days <= 60:
        errors["quick_working_days"] = [_("Enter a number of working days from 1 to 60.")]
    if not 1 <= decision_working_days <= 260:
        errors["decision_working_days"] = [_("Enter a number of working days from 1 to 260.")]
    if deciding_body not in DecidingBody.values:
        errors["deciding_body"] = [_("Choose the body that decides.")]
    if errors:
        raise ValidationError(errors)
    current = RuleSet.objects.select_for_update().filter(municipality=municipality)
    version = (current.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    ruleset = RuleSet.objects.create(
        municipality=municipality,
        version=version,
        max_amount_cents=max_amount_cents,
        max_per_year_cents=max_per_year_cents,
        min_initiators=min_initiators,
        own_contribution_percent=own_contribution_percent,
        quick_max_cents=quick_max_cents,
        quick_working_days=quick_working_days,
        decision_working_days=decision_working_days,
        deciding_body=deciding_body,
        excluded=excluded.strip(),
        checklist=checklist.strip(),
        note=note.strip()[:300],
        created_by=actor,
    )
    audit_log(
        actor=actor,
        action="initiatives.ruleset_publish",
        target=ruleset,
        changes={"version": version, "max_amount_cents": max_amount_cents},
        reason=note,
        municipality_code=municipality.code,
    )
    return ruleset


# --- drafting and submitting ---------------------------------------------------------------

_DRAFT_FIELDS = (
    "title",
    "summary",
    "purpose",
    "plan",
    "location",
    "starts_on",
    "ends_on",
    "requested_cents",
    "own_contribution_cents",
    "own_contribution_note",
    "cost_breakdown",
    "buurt",
)


def _normalise_postcode(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def _validate_person(postcode: str, house_number: str, name: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    code = _normalise_postcode(postcode)
    if not (len(code) == 6 and code[:4].isdigit() and code[0] != "0" and code[4:].isalpha()):
        errors["postcode"] = [_("Enter a Dutch postcode such as 1781 AB.")]
    if not house_number.strip() or not house_number.strip()[0].isdigit():
        errors["house_number"] = [_("Enter the house number, such as 12 or 12a.")]
    if not name.strip():
        errors["name"] = [_("Enter a name.")]
    return errors


def _validate_draft(area: Area, values: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not area.is_wijk:
        errors["area"] = [_("An initiative is submitted for a wijk or village.")]
    buurt = values.get("buurt")
    if buurt is not None and buurt.parent_id != area.pk:
        errors["buurt"] = [_("This buurt does not lie in %(wijk)s.") % {"wijk": area.name}]
    if not str(values.get("title", "")).strip():
        errors["title"] = [_("Give your initiative a short title.")]
    for name in ("requested_cents", "own_contribution_cents"):
        value = values.get(name, 0)
        if not isinstance(value, int) or value < 0:
            errors[name.removesuffix("_cents")] = [_("An amount cannot be negative.")]
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        errors["ends_on"] = [_("The end date lies before the start date.")]
    return errors


@transaction.atomic
def initiative_create(
    *,
    area: Area,
    actor: Any,
    title: str,
    summary: str,
    purpose: str,
    requested_cents: int,
    postcode: str,
    house_number: str,
    plan: str = "",
    location: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    own_contribution_cents: int = 0,
    own_contribution_note: str = "",
    cost_breakdown: str = "",
    buurt: Area | None = None,
) -> Initiative:
    """A resident starts an initiative as a draft; they are its first initiator."""
    check_perm(actor, "initiatives.submit", area)
    values = {
        "title": title.strip(),
        "summary": summary.strip(),
        "purpose": purpose.strip(),
        "plan": plan.strip(),
        "location": location.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "requested_cents": requested_cents,
        "own_contribution_cents": own_contribution_cents,
        "own_contribution_note": own_contribution_note.strip(),
        "cost_breakdown": cost_breakdown.strip(),
        "buurt": buurt,
    }
    errors = _validate_draft(area, values)
    errors |= _validate_person(postcode, house_number, actor.full_name or actor.email)
    if errors:
        raise ValidationError(errors)
    initiative = Initiative.objects.create(area=area, created_by=actor, **values)
    Participant.objects.create(
        initiative=initiative,
        user=actor,
        name=actor.full_name or actor.email,
        email=actor.email,
        postcode=_normalise_postcode(postcode),
        house_number=house_number.strip(),
        step=LadderStep.INITIATIEFNEMER,
        is_initiator=True,
    )
    _log(initiative, actor, "initiatives.create", {"title": values["title"]})
    return initiative


@transaction.atomic
def initiative_update(*, initiative: Initiative, actor: Any, **values: Any) -> Initiative:
    """The lead initiator edits a draft; after submission the plan is fixed."""
    check_perm(actor, "initiatives.edit", initiative)
    initiative = _lock(initiative)
    if initiative.status != Status.DRAFT:
        raise ValidationError(_("A submitted initiative can no longer be changed."))
    unknown = set(values) - set(_DRAFT_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    values = {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}
    merged = {name: getattr(initiative, name) for name in _DRAFT_FIELDS} | values
    errors = _validate_draft(initiative.area, merged)
    if errors:
        raise ValidationError(errors)
    changes = field_changes(initiative, values)
    for name, value in values.items():
        setattr(initiative, name, value)
    initiative.save()
    if changes:
        _log(initiative, actor, "initiatives.edit", changes)
    return initiative


@transaction.atomic
def participant_add(
    *,
    initiative: Initiative,
    actor: Any,
    name: str,
    postcode: str,
    house_number: str,
    email: str = "",
    step: str = LadderStep.INITIATIEFNEMER,
    is_initiator: bool = True,
) -> Participant:
    """Add a co-initiator or helper (the lead, or the contact official)."""
    if not (
        actor.has_perm("initiatives.edit", initiative)
        or actor.has_perm("initiatives.handle", initiative)
    ):
        raise PermissionDenied(_("Only the initiators and the contact official can do this."))
    if initiative.status in (Status.CLOSED, Status.REJECTED, Status.WITHDRAWN):
        raise ValidationError(_("This initiative is finished."))
    errors = _validate_person(postcode, house_number, name)
    if step not in LadderStep.values:
        errors["step"] = [_("Choose a step of the participatieladder.")]
    if errors:
        raise ValidationError(errors)
    participant = Participant.objects.create(
        initiative=initiative,
        name=name.strip(),
        email=email.strip(),
        postcode=_normalise_postcode(postcode),
        house_number=house_number.strip(),
        step=step,
        is_initiator=is_initiator,
    )
    _log(initiative, actor, "initiatives.participant_add", {"step": step})
    return participant


@transaction.atomic
def participant_set_step(*, participant: Participant, actor: Any, step: str) -> Participant:
    """Record how far a person has climbed the participatieladder."""
    initiative = participant.initiative
    if not (
        actor.has_perm("initiatives.edit", initiative)
        or actor.has_perm("initiatives.handle", initiative)
    ):
        raise PermissionDenied(_("Only the initiators and the contact official can do this."))
    if step not in LadderStep.values:
        raise ValidationError({"step": [_("Choose a step of the participatieladder.")]})
    old = participant.step
    participant.step = step
    participant.save(update_fields=["step"])
    _log(initiative, actor, "initiatives.ladder_step", {"step": [old, step]})
    return participant


@dataclass
class RuleCheck:
    rule: str
    passed: bool
    message: str


def _awarded_this_year(initiative: Initiative, addresses: set[str], year: int) -> int:
    """Money awarded this year to other initiatives that share an initiator's address."""
    if not addresses:
        return 0
    others = (
        Participant.objects.filter(
            is_initiator=True,
            initiative__area__municipality_id=initiative.area.municipality_id,
            initiative__decided_at__year=year,
            initiative__voucher__isnull=False,
        )
        .exclude(initiative=initiative)
        .values_list("initiative_id", "postcode", "house_number")
    )
    ids = {
        pk
        for pk, postcode, number in others
        if f"{postcode.replace(' ', '').upper()}-{number.strip().upper()}" in addresses
    }
    return (
        Voucher.objects.filter(initiative_id__in=ids).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )


def submission_check(*, initiative: Initiative, ruleset: RuleSet) -> list[RuleCheck]:
    """The spelregels a machine can check, each with a plain answer for the resident."""
    checks: list[RuleCheck] = []
    euros = format_euros
    amount_ok = 0 < initiative.requested_cents <= ruleset.max_amount_cents
    checks.append(
        RuleCheck(
            "max_amount",
            amount_ok,
            _("You ask for %(asked)s; the maximum per initiative is %(max)s.")
            % {"asked": euros(initiative.requested_cents), "max": euros(ruleset.max_amount_cents)}
            if initiative.requested_cents > 0
            else _("Enter the amount you ask for."),
        )
    )
    initiators = [p for p in initiative.participants.all() if p.is_initiator]
    addresses = {p.address_key for p in initiators}
    checks.append(
        RuleCheck(
            "min_initiators",
            len(addresses) >= ruleset.min_initiators,
            _(
                "Initiators from %(count)s different address(es); at least %(min)s are needed. "
                "Add co-initiators from other addresses."
            )
            % {"count": len(addresses), "min": ruleset.min_initiators},
        )
    )
    if ruleset.own_contribution_percent:
        needed = -(-initiative.requested_cents * ruleset.own_contribution_percent // 100)
        checks.append(
            RuleCheck(
                "own_contribution",
                initiative.own_contribution_cents >= needed,
                _("Your own contribution is %(own)s; at least %(needed)s (%(pct)s%%) is asked.")
                % {
                    "own": euros(initiative.own_contribution_cents),
                    "needed": euros(needed),
                    "pct": ruleset.own_contribution_percent,
                },
            )
        )
    if ruleset.max_per_year_cents:
        year = timezone.localdate().year
        earlier = _awarded_this_year(initiative, addresses, year)
        checks.append(
            RuleCheck(
                "max_per_year",
                earlier + initiative.requested_cents <= ruleset.max_per_year_cents,
                _(
                    "Initiatives from these addresses received %(earlier)s this year; "
                    "with this request that becomes %(total)s, the yearly maximum is %(max)s."
                )
                % {
                    "earlier": euros(earlier),
                    "total": euros(earlier + initiative.requested_cents),
                    "max": euros(ruleset.max_per_year_cents),
                },
            )
        )
    complete = bool(initiative.title and initiative.summary and initiative.purpose)
    checks.append(
        RuleCheck(
            "complete",
            complete,
            _("Describe what you want to do and why it is good for the wijk."),
        )
    )
    return checks


def _default_official(area: Area) -> Any:
    """The wijk's first public contact who handles initiatives, if there is one."""
    for assignment in (
        RoleAssignment.objects.current()
        .filter(municipality_id=area.municipality_id, area=area)
        .select_related("user")
        .order_by("-is_public_contact", "pk")
    ):
        if roles.HANDLE_INITIATIVE in roles.ROLE_CAPABILITIES.get(assignment.role, ()):
            return assignment.user
    return None


@transaction.atomic
def initiative_submit(*, initiative: Initiative, actor: Any) -> Initiative:
    """Submit a draft: the machine-checkable spelregels must all pass."""
    check_perm(actor, "initiatives.edit", initiative)
    initiative = _lock(initiative)
    if initiative.status != Status.DRAFT:
        raise ValidationError(_("This initiative has already been submitted."))
    ruleset = ruleset_current(initiative.area.municipality)
    if ruleset is None:
        raise ValidationError(
            _("%(municipality)s has not published its spelregels yet; ask the wijkmanager.")
            % {"municipality": initiative.area.municipality.name}
        )
    failed = [c for c in submission_check(initiative=initiative, ruleset=ruleset) if not c.passed]
    if failed:
        raise ValidationError({c.rule: [c.message] for c in failed})
    duplicate = (
        Initiative.objects.filter(
            area=initiative.area,
            title__iexact=initiative.title,
            status__in=AWAITING_DECISION | SPENDING,
        )
        .exclude(pk=initiative.pk)
        .exists()
    )
    if duplicate:
        raise ValidationError(
            {"title": [_("An initiative with this title is already being handled in this wijk.")]}
        )
    today = timezone.localdate()
    initiative.ruleset = ruleset
    initiative.is_small = initiative.requested_cents <= ruleset.quick_max_cents
    days = ruleset.quick_working_days if initiative.is_small else ruleset.decision_working_days
    initiative.decision_due = add_working_days(today, days)
    initiative.submitted_at = timezone.now()
    if initiative.contact_official_id is None:
        initiative.contact_official = _default_official(initiative.area)
    _move(initiative, Status.SUBMITTED)
    initiative.save()
    _log(
        initiative,
        actor,
        "initiatives.submit",
        {"ruleset_version": ruleset.version, "decision_due": str(initiative.decision_due)},
    )
    pk, due = initiative.pk, initiative.decision_due
    transaction.on_commit(lambda: notify_contact_official.enqueue(pk))
    transaction.on_commit(
        lambda: initiative_deadline_check.using(run_after=_end_of(due)).enqueue(pk)
    )
    return initiative


def _end_of(day: date) -> datetime:
    """Midnight after the due day, in the municipality's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def initiative_withdraw(*, initiative: Initiative, actor: Any, reason: str = "") -> Initiative:
    check_perm(actor, "initiatives.edit", initiative)
    initiative = _lock(initiative)
    _move(initiative, Status.WITHDRAWN)
    initiative.save()
    _log(initiative, actor, "initiatives.withdraw", {}, reason=reason)
    return initiative


@transaction.atomic
def initiative_assign_official(*, initiative: Initiative, actor: Any, official: Any) -> Initiative:
    """Name the one fixed contact official of the initiative."""
    if not has_capability(actor, roles.HANDLE_INITIATIVE, area=initiative.area):
        raise PermissionDenied(_("You do not have a role that allows this for this initiative."))
    if not has_capability(official, roles.HANDLE_INITIATIVE, area=initiative.area):
        raise ValidationError(
            {"contact_official": [_("This person does not handle initiatives in this wijk.")]}
        )
    initiative = _lock(initiative)
    changes = field_changes(initiative, {"contact_official": official})
    initiative.contact_official = official
    initiative.save(update_fields=["contact_official", "updated_at"])
    _log(initiative, actor, "initiatives.assign_official", changes)
    return initiative


# --- review and decision -------------------------------------------------------------------


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


# --- wijkraadpleging -----------------------------------------------------------------------


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


# --- spending and accounting ---------------------------------------------------------------


def _voucher_for_spending(initiative: Initiative) -> Voucher:
    voucher = Voucher.objects.select_related("hold__fund").filter(initiative=initiative).first()
    if voucher is None or initiative.status not in SPENDING or not voucher.is_open:
        raise ValidationError(
            _("Spending is recorded on an awarded initiative with an open voucher.")
        )
    if voucher.valid_until and voucher.valid_until < timezone.localdate():
        raise ValidationError(
            _("This voucher was valid until %(date)s.") % {"date": voucher.valid_until}
        )
    return voucher


def _book_expense(
    *,
    initiative: Initiative,
    voucher: Voucher,
    actor: Any,
    description: str,
    amount_cents: int,
    spent_on: date,
    receipt: UploadedFile | None,
    provider: Provider | None,
) -> Expense:
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Say what was bought or paid.")]
    if spent_on > timezone.localdate():
        errors["spent_on"] = [_("The date lies in the future.")]
    if amount_cents <= 0:
        errors["amount"] = [_("The amount must be more than zero.")]
    elif amount_cents > voucher.hold.balance_cents:
        errors["amount"] = [
            _("This is more than is left on the voucher (%(left)s).")
            % {"left": format_euros(voucher.hold.balance_cents)}
        ]
    if receipt is not None:
        try:
            validate_receipt(receipt)
        except ValidationError as error:
            errors["receipt"] = error.messages
    if errors:
        raise ValidationError(errors)
    payment = ledger.payment_record(
        hold=voucher.hold,
        amount_cents=amount_cents,
        actor=actor,
        memo=description.strip()[:300],
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
    )
    expense = Expense(
        voucher=voucher,
        description=description.strip()[:200],
        amount_cents=amount_cents,
        spent_on=spent_on,
        provider=provider,
        recorded_by=actor,
        payment=payment,
    )
    if receipt is not None:
        expense.receipt.save(receipt.name or "receipt", receipt, save=False)
    expense.save()
    if initiative.status == Status.AWARDED:
        _move(initiative, Status.IN_EXECUTION)
        initiative.save(update_fields=["status", "updated_at"])
    _log(initiative, actor, "initiatives.expense", {"amount_cents": amount_cents})
    return expense


@transaction.atomic
def expense_record(
    *,
    initiative: Initiative,
    actor: Any,
    description: str,
    amount_cents: int,
    spent_on: date,
    receipt: UploadedFile | None,
) -> Expense:
    """The initiators record what they spent, with the receipt."""
    check_perm(actor, "initiatives.spend", initiative)
    initiative = _lock(initiative)
    voucher = _voucher_for_spending(initiative)
    if receipt is None:
        raise ValidationError({"receipt": [_("Add the receipt (a PDF or a photo).")]})
    return _book_expense(
        initiative=initiative,
        voucher=voucher,
        actor=actor,
        description=description,
        amount_cents=amount_cents,
        spent_on=spent_on,
        receipt=receipt,
        provider=None,
    )


def _works_for(actor: Any, organisation_id: int) -> bool:
    """Does the person hold a current role that redeems vouchers for this organisation?"""
    return any(
        a.organisation_id == organisation_id
        and roles.REDEEM_VOUCHER in roles.ROLE_CAPABILITIES.get(a.role, ())
        for a in role_assignments_current(user=actor)
    )


@transaction.atomic
def voucher_redeem(
    *,
    code: str,
    provider: Provider,
    actor: Any,
    description: str,
    amount_cents: int,
) -> Expense:
    """A registered local provider takes payment from a voucher by its code."""
    if not provider.is_active or not _works_for(actor, provider.organisation_id):
        raise PermissionDenied(_("Only staff of a registered provider can redeem vouchers."))
    voucher = Voucher.objects.filter(code=code.strip().upper().replace(" ", "")).first()
    if voucher is None or voucher.initiative.area.municipality_id != provider.municipality_id:
        raise ValidationError({"code": [_("No voucher with this code; check the code.")]})
    initiative = _lock(voucher.initiative)
    voucher = _voucher_for_spending(initiative)
    return _book_expense(
        initiative=initiative,
        voucher=voucher,
        actor=actor,
        description=description,
        amount_cents=amount_cents,
        spent_on=timezone.localdate(),
        receipt=None,
        provider=provider,
    )


@transaction.atomic
def expense_cancel(*, expense: Expense, actor: Any, reason: str) -> Expense:
    """Undo a recorded expense (a returned purchase, a mistake): the money comes back."""
    initiative = expense.voucher.initiative
    check_perm(actor, "initiatives.handle", initiative)
    initiative = _lock(initiative)
    if expense.cancelled_at is not None:
        raise ValidationError(_("This expense has already been cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Explain why the expense is cancelled.")]})
    if not expense.voucher.is_open:
        raise ValidationError(_("The voucher is closed; correct the booking in the ledger."))
    expense.refund = ledger.refund_record(
        hold=expense.voucher.hold,
        amount_cents=expense.amount_cents,
        actor=actor,
        memo=_("Cancelled: %(what)s") % {"what": expense.description},
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
    )
    expense.cancelled_at = timezone.now()
    expense.cancel_reason = reason.strip()[:300]
    expense.save(update_fields=["refund", "cancelled_at", "cancel_reason"])
    _log(
        initiative,
        actor,
        "initiatives.expense_cancel",
        {"amount_cents": expense.amount_cents},
        reason,
    )
    return expense


@transaction.atomic
def initiative_account(
    *, initiative: Initiative, actor: Any, report: str, participants_count: int
) -> Initiative:
    """The initiators account for what they did."""
    check_perm(actor, "initiatives.spend", initiative)
    initiative = _lock(initiative)
    errors: dict[str, list[str]] = {}
    if not report.strip():
        errors["report"] = [_("Describe what was done and what it brought the wijk.")]
    if participants_count < 0:
        errors["participants_count"] = [_("Enter a number of 0 or more.")]
    if errors:
        raise ValidationError(errors)
    _move(initiative, Status.ACCOUNTED)
    initiative.accounting_report = report.strip()
    initiative.participants_count = participants_count
    initiative.accounted_at = timezone.now()
    initiative.save()
    _log(initiative, actor, "initiatives.account", {"participants_count": participants_count})
    return initiative


@transaction.atomic
def initiative_close(
    *, initiative: Initiative, actor: Any, approve: bool, note: str = ""
) -> Initiative:
    """The contact official approves the accounting (closing the voucher and returning what
    is left to the budget) or sends it back with a note."""
    check_perm(actor, "initiatives.handle", initiative)
    initiative = _lock(initiative)
    if initiative.status != Status.ACCOUNTED:
        raise ValidationError(_("Only an accounted initiative can be closed."))
    if not approve:
        if not note.strip():
            raise ValidationError({"note": [_("Say what is missing in the accounting.")]})
        _move(initiative, Status.IN_EXECUTION)
        initiative.save()
        _log(initiative, actor, "initiatives.accounting_returned", {}, reason=note)
        return initiative
    voucher = Voucher.objects.select_related("hold__fund", "budget").get(initiative=initiative)
    returned = ledger.hold_release(
        hold=voucher.hold,
        budget=voucher.budget,
        actor=actor,
        memo=_("Unspent on %(title)s") % {"title": initiative.title[:200]},
        reference_kind=INITIATIVE_REF,
        reference_id=initiative.pk,
    )
    voucher.closed_at = timezone.now()
    voucher.save(update_fields=["closed_at"])
    _move(initiative, Status.CLOSED)
    initiative.closed_at = timezone.now()
    initiative.save()
    _log(
        initiative,
        actor,
        "initiatives.close",
        {
            "returned_cents": -returned.entries.get(account=voucher.hold).amount_cents
            if returned
            else 0
        },
        reason=note,
    )
    return initiative


# --- initiatievenbeurs ---------------------------------------------------------------------


@transaction.atomic
def pledge_offer(
    *,
    initiative: Initiative,
    actor: Any,
    organisation: Organisation,
    kind: str,
    description: str,
    amount_cents: int = 0,
    hours: int = 0,
) -> Pledge:
    """A partner offers money, materials, hours or a place to a published initiative."""
    if not has_capability(
        actor, roles.PLEDGE, area=initiative.area, organisation_id=organisation.pk
    ):
        raise PermissionDenied(_("You can offer support on behalf of your own organisation only."))
    errors: dict[str, list[str]] = {}
    if initiative.status not in PUBLIC_STATUSES - {Status.CLOSED, Status.ACCOUNTED}:
        errors["initiative"] = [_("Support can be offered to running initiatives only.")]
    if kind not in PledgeKind.values:
        errors["kind"] = [_("Choose money, materials, hours or a place.")]
    if not description.strip():
        errors["description"] = [_("Describe what you offer.")]
    if kind == PledgeKind.MONEY and amount_cents <= 0:
        errors["amount"] = [_("Enter the amount you offer.")]
    if kind != PledgeKind.MONEY and amount_cents:
        errors["amount"] = [_("Only a money offer has an amount.")]
    if hours < 0:
        errors["hours"] = [_("Enter a number of 0 or more.")]
    if errors:
        raise ValidationError(errors)
    pledge = Pledge.objects.create(
        initiative=initiative,
        organisation=organisation,
        kind=kind,
        description=description.strip()[:300],
        amount_cents=amount_cents,
        hours=hours,
        pledged_by=actor,
    )
    _log(initiative, actor, "initiatives.pledge", {"kind": kind, "amount_cents": amount_cents})
    return pledge


@transaction.atomic
def pledge_confirm(*, pledge: Pledge, actor: Any) -> Pledge:
    """The initiators confirm they received what was pledged; money is booked onto the voucher."""
    initiative = pledge.initiative
    if (
        not actor.has_perm("initiatives.edit", initiative)
        and not initiative.participants.filter(user=actor, is_initiator=True).exists()
    ):
        raise PermissionDenied(_("Only the initiators confirm what they received."))
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.status != PledgeStatus.OFFERED:
        raise ValidationError(_("This offer has already been handled."))
    if pledge.kind == PledgeKind.MONEY:
        voucher = Voucher.objects.select_related("hold__fund").filter(initiative=initiative).first()
        if voucher is None or not voucher.is_open:
            raise ValidationError(
                _("Money is received on the voucher; confirm it after the initiative is awarded.")
            )
        pledge.booking = ledger.hold_contribute(
            hold=voucher.hold,
            organisation=pledge.organisation,
            amount_cents=pledge.amount_cents,
            actor=actor,
            memo=_("Pledge of %(org)s") % {"org": pledge.organisation},
            reference_kind=INITIATIVE_REF,
            reference_id=initiative.pk,
        )
    pledge.status = PledgeStatus.RECEIVED
    pledge.confirmed_by = actor
    pledge.confirmed_at = timezone.now()
    pledge.save()
    _log(initiative, actor, "initiatives.pledge_received", {"pledge": pledge.pk})
    return pledge


@transaction.atomic
def pledge_withdraw(*, pledge: Pledge, actor: Any) -> Pledge:
    if not has_capability(
        actor, roles.PLEDGE, area=pledge.initiative.area, organisation_id=pledge.organisation_id
    ):
        raise PermissionDenied(_("You can withdraw offers of your own organisation only."))
    pledge = Pledge.objects.select_for_update().get(pk=pledge.pk)
    if pledge.status != PledgeStatus.OFFERED:
        raise ValidationError(_("A received offer cannot be withdrawn."))
    pledge.status = PledgeStatus.WITHDRAWN
    pledge.save(update_fields=["status"])
    _log(pledge.initiative, actor, "initiatives.pledge_withdraw", {"pledge": pledge.pk})
    return pledge


# --- ACTIE ---------------------------------------------------------------------------------


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


# --- convenant projects --------------------------------------------------------------------


@transaction.atomic
def project_call_create(
    *,
    fund: Fund,
    actor: Any,
    title: str,
    closes_on: date,
    weight_participation: int = 50,
    weight_impact: int = 30,
    weight_reach: int = 20,
) -> ProjectCall:
    check_perm(actor, "initiatives.rank_projects", fund.municipality)
    weights = (weight_participation, weight_impact, weight_reach)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the call a title.")]
    if any(w < 0 for w in weights) or sum(weights) == 0:
        errors["weight_participation"] = [_("Weights are 0 or more and not all 0.")]
    if errors:
        raise ValidationError(errors)
    call = ProjectCall.objects.create(
        fund=fund,
        title=title.strip(),
        closes_on=closes_on,
        weight_participation=weight_participation,
        weight_impact=weight_impact,
        weight_reach=weight_reach,
    )
    audit_log(
        actor=actor,
        action="initiatives.project_call",
        target=call,
        changes={"weights": list(weights)},
        municipality_code=fund.municipality.code,
    )
    return call


@transaction.atomic
def project_submit(
    *,
    call: ProjectCall,
    actor: Any,
    organisation: Organisation,
    title: str,
    description: str,
    requested_cents: int,
    resident_role: str = "",
    area: Area | None = None,
) -> ConvenantProject:
    """A partner submits a project to the joint fund."""
    municipality = call.fund.municipality
    if not has_capability(
        actor, roles.PLEDGE, area=area, municipality=municipality, organisation_id=organisation.pk
    ):
        raise PermissionDenied(
            _("You can submit projects on behalf of your own organisation only.")
        )
    errors: dict[str, list[str]] = {}
    if call.closes_on < timezone.localdate():
        errors["call"] = [_("This call closed on %(date)s.") % {"date": call.closes_on}]
    if not title.strip() or not description.strip():
        errors["title"] = [_("Give the project a title and a description.")]
    if requested_cents <= 0:
        errors["requested"] = [_("Enter the amount you ask for.")]
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = [_("This wijk lies in another municipality.")]
    if ConvenantProject.objects.filter(call=call, title__iexact=title.strip()).exists():
        errors["title"] = [_("A project with this title has already been submitted.")]
    if errors:
        raise ValidationError(errors)
    project = ConvenantProject.objects.create(
        call=call,
        organisation=organisation,
        area=area,
        title=title.strip(),
        description=description.strip(),
        resident_role=resident_role.strip(),
        requested_cents=requested_cents,
        submitted_by=actor,
    )
    audit_log(
        actor=actor,
        action="initiatives.project_submit",
        target=project,
        changes={"requested_cents": requested_cents},
        municipality_code=municipality.code,
    )
    return project


@transaction.atomic
def project_score(
    *,
    project: ConvenantProject,
    actor: Any,
    participation: int,
    impact: int,
    reach: int,
) -> ConvenantProject:
    check_perm(actor, "initiatives.rank_projects", project.call.fund.municipality)
    if any(not 0 <= s <= 5 for s in (participation, impact, reach)):
        raise ValidationError({"score": [_("Score from 0 to 5.")]})
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("This project has been decided."))
    project.score_participation = participation
    project.score_impact = impact
    project.score_reach = reach
    project.save(update_fields=["score_participation", "score_impact", "score_reach"])
    audit_log(
        actor=actor,
        action="initiatives.project_score",
        target=project,
        changes={"participation": participation, "impact": impact, "reach": reach},
        municipality_code=project.call.fund.municipality.code,
    )
    return project


@transaction.atomic
def project_decide(
    *, project: ConvenantProject, actor: Any, award: bool, reason: str
) -> ConvenantProject:
    """The stuurgroep awards a project (reserving its money from the fund) or turns it down."""
    fund = project.call.fund
    check_perm(actor, "initiatives.rank_projects", fund.municipality)
    project = ConvenantProject.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("This project has been decided."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Write down the motivation of the decision.")]})
    if award:
        project.hold = ledger.owned_account(
            fund=fund,
            kind=AccountKind.HOLD,
            owner_kind=PROJECT_OWNER,
            owner_id=project.pk,
            name=_("Project %(title)s") % {"title": project.title[:150]},
            area=project.area,
        )
        ledger.hold_reserve(
            budget=ledger.pool_account(fund),
            hold=project.hold,
            amount_cents=project.requested_cents,
            actor=actor,
            memo=_("Convenant project: %(title)s") % {"title": project.title[:200]},
            kind=TransactionKind.AWARD,
            reference_kind=PROJECT_OWNER,
            reference_id=project.pk,
            idempotency_key=f"project-award-{project.pk}",
        )
    project.status = ProjectStatus.AWARDED if award else ProjectStatus.REJECTED
    project.decided_at = timezone.now()
    project.decision_reason = reason.strip()
    project.save()
    audit_log(
        actor=actor,
        action="initiatives.project_award" if award else "initiatives.project_reject",
        target=project,
        changes={"requested_cents": project.requested_cents},
        reason=reason,
        municipality_code=fund.municipality.code,
    )
    return project
