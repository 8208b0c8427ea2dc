"""What the initiative services share: permission check, audit log, status moves, row locks."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from wijkwerk.core.services import audit_log

from ..models import TRANSITIONS, Initiative, Status

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
        Initiative.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=initiative.pk)
    )
