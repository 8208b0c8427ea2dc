"""An initiative from draft to closed: drafting, participants, submitting, withdrawing,
the contact official, accounting and closing."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas import borders
from wijkwerk.areas.models import Area
from wijkwerk.budgets import services as ledger
from wijkwerk.core.services import field_changes
from wijkwerk.core.workdays import add_working_days

from ..models import (
    AWAITING_DECISION,
    SPENDING,
    Initiative,
    LadderStep,
    Participant,
    Status,
    Voucher,
)
from ..tasks import initiative_deadline_check, notify_contact_official
from ._common import INITIATIVE_REF, _lock, _log, _move, check_perm
from .rulesets import ruleset_current, submission_check

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
    other_areas: list[Area] | None = None,
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
    errors |= borders.validate_other_areas(area, other_areas)
    if errors:
        raise ValidationError(errors)
    initiative = Initiative.objects.create(area=area, created_by=actor, **values)
    areas_changed = borders.set_other_areas(initiative, other_areas or [])
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
    _log(initiative, actor, "initiatives.create", {"title": values["title"], **areas_changed})
    return initiative


@transaction.atomic
def initiative_update(
    *, initiative: Initiative, actor: Any, other_areas: list[Area] | None = None, **values: Any
) -> Initiative:
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
    if other_areas is not None:
        errors |= borders.validate_other_areas(initiative.area, other_areas)
    if errors:
        raise ValidationError(errors)
    changes = field_changes(initiative, values)
    if other_areas is not None:
        changes |= borders.set_other_areas(initiative, other_areas)
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


@transaction.atomic
def initiative_set_other_areas(
    *, initiative: Initiative, actor: Any, other_areas: list[Area], reason: str = ""
) -> Initiative:
    """Staff who handle initiatives in its wijk change which other wijken or buurten the
    initiative also concerns, also after it was submitted; the change is logged."""
    if not has_capability(actor, roles.HANDLE_INITIATIVE, area=initiative.area):
        raise PermissionDenied(_("You do not have a role that allows this for this initiative."))
    initiative = _lock(initiative)
    errors = borders.validate_other_areas(initiative.area, other_areas)
    if errors:
        raise ValidationError(errors)
    changes = borders.set_other_areas(initiative, other_areas)
    if changes:
        initiative.save(update_fields=["updated_at"])
        _log(initiative, actor, "initiatives.other_areas", changes, reason=reason.strip())
    return initiative


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
