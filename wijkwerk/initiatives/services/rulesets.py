"""Spelregels: versioned rule sets per municipality, and the checks a submission must pass."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Municipality
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.services import audit_log

from ..models import DecidingBody, Initiative, Participant, RuleSet, Voucher
from ._common import check_perm


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
