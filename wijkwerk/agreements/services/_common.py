"""What the agreement services share: limits, permission check, audit log, status moves, the row lock."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from wijkwerk.core.services import audit_log

from ..models import TRANSITIONS, Agreement, AgreementStatus

HOLD_OWNER = "agreements.agreement"
REPORT_DUE_DAYS = 30  # a report is due a month after its period ends
MAX_YEARS = 10


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this agreement."))


def _log(
    agreement: Agreement, actor: Any, action: str, changes: dict | None = None, reason: str = ""
) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=agreement,
        changes=changes or {},
        reason=reason,
        municipality_code=agreement.municipality.code,
    )


def _move(agreement: Agreement, to: str) -> None:
    if to not in TRANSITIONS[agreement.status]:
        raise ValidationError(
            _("An agreement that is %(status)s cannot become %(to)s.")
            % {"status": agreement.get_status_display(), "to": AgreementStatus(to).label}
        )
    agreement.status = to


def _lock(agreement: Agreement) -> Agreement:
    # Lock the agreement row only: the area is an outer join, which PostgreSQL cannot lock.
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("municipality", "area")
        .get(pk=agreement.pk)
    )
