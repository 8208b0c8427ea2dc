"""The initiatievenbeurs: partners pledge money, materials or hours to an initiative."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.budgets import services as ledger
from wijkwerk.organisations.models import Organisation

from ..models import PUBLIC_STATUSES, Initiative, Pledge, PledgeKind, PledgeStatus, Status, Voucher
from ._common import INITIATIVE_REF, _log


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
