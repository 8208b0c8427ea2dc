"""Watching decision deadlines: an initiative not decided on time is escalated once, and
shows as overdue on the wijk's dashboard until it is decided."""

from django.db import transaction
from django.utils import timezone

from wijkwerk.core.services import audit_log

from .models import AWAITING_DECISION, Initiative


@transaction.atomic
def initiative_escalate(*, initiative_id: int) -> bool:
    """Escalate the initiative if it is past its deadline and still undecided.

    Returns whether it was escalated now (False when decided in time or already escalated).
    """
    initiative = (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .filter(pk=initiative_id)
        .first()
    )
    today = timezone.localdate()
    if (
        initiative is None
        or initiative.status not in AWAITING_DECISION
        or initiative.escalated_at is not None
        or initiative.decision_due is None
        or initiative.decision_due >= today
    ):
        return False
    initiative.escalated_at = timezone.now()
    initiative.save(update_fields=["escalated_at", "updated_at"])
    audit_log(
        actor=None,
        action="initiatives.escalate",
        target=initiative,
        changes={"decision_due": str(initiative.decision_due)},
        municipality_code=initiative.area.municipality.code,
    )
    return True


def overdue_ids() -> list[int]:
    """Undecided initiatives past their deadline that were not escalated yet."""
    return list(
        Initiative.objects.overdue(timezone.localdate())
        .filter(escalated_at__isnull=True)
        .values_list("pk", flat=True)
    )
