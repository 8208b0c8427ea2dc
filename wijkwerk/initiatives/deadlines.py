"""Watching decision deadlines: an initiative not decided on time is escalated once, to the
manager of the wijkmanagers (the same person an unanswered idea goes to), and shows as
"besluit te laat" on its public page, and on that person's werkplek, until it is decided."""

from django.db import transaction
from django.utils import timezone

from wijkwerk.agenda.selectors import escalation_targets
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
    targets = escalation_targets(municipality=initiative.area.municipality)
    initiative.escalated_at = timezone.now()
    initiative.escalated_to = targets[0] if targets else None
    initiative.save(update_fields=["escalated_at", "escalated_to", "updated_at"])
    audit_log(
        actor=None,
        action="initiatives.escalate",
        target=initiative,
        changes={
            "decision_due": str(initiative.decision_due),
            "to": initiative.escalated_to.email if initiative.escalated_to else None,
        },
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
