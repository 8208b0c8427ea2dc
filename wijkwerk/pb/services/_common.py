"""What the budget-round services share: references, permission check, audit log, the round lock."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.core.services import audit_log

from ..models import Round

ROUND_REF = "pb.round"
PROPOSAL_OWNER = "pb.proposal"


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this budget round."))


def _log(pb_round: Round, actor: Any, action: str, target: Any, changes: dict, reason: str = ""):
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        reason=reason,
        municipality_code=pb_round.municipality.code,
    )


def _lock_round(pb_round: Round) -> Round:
    """Re-read the round under a row lock so that staff actions on it cannot cross. The lock
    is FOR NO KEY UPDATE: it must not block the key-share lock that inserting a ballot or a
    participation takes on the round (that would deadlock a paper entry with an online cast)."""
    return (
        Round.objects.select_for_update(no_key=True, of=("self",))
        .select_related("municipality", "area", "budget__fund")
        .get(pk=pb_round.pk)
    )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")
