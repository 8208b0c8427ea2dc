"""Finding recurring reports and proposing them for the wijkagenda.

A pattern is a category that was reported at least `threshold` times in one buurt (or, for
reports without a buurt, one wijk) within `days` days. Each new pattern is proposed to the
wijkmanager with the reports attached; putting it on the agenda creates an agenda item whose
origin points back to the pattern. A pattern is not proposed again while an earlier one for
the same place and category is still open or younger than the period.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import Source
from wijkwerk.agenda.services import agenda_item_create
from wijkwerk.areas.models import Municipality
from wijkwerk.core.services import audit_log

from .models import PatternStatus, RecurringPattern, Report

ORIGIN_KIND = "reports.recurringpattern"


@transaction.atomic
def patterns_detect(
    *, municipality: Municipality, threshold: int = 5, days: int = 30
) -> list[RecurringPattern]:
    """Propose every new pattern in the municipality; returns the patterns made now."""
    if threshold < 2 or days < 1:
        raise ValueError("a pattern needs at least 2 reports in at least 1 day")
    today = timezone.localdate()
    start = today - datetime.timedelta(days=days)
    recent = Report.objects.filter(
        municipality=municipality, created_at__date__gt=start, wijk__isnull=False
    )
    groups = (
        recent.values("category_id", "wijk_id", "buurt_id")
        .annotate(n=Count("pk"))
        .filter(n__gte=threshold)
    )
    made = []
    for group in groups:
        already = RecurringPattern.objects.filter(
            category_id=group["category_id"],
            wijk_id=group["wijk_id"],
            buurt_id=group["buurt_id"],
        ).filter(status=PatternStatus.PROPOSED) | RecurringPattern.objects.filter(
            category_id=group["category_id"],
            wijk_id=group["wijk_id"],
            buurt_id=group["buurt_id"],
            period_end__gt=start,
        )
        if already.exists():
            continue
        pattern = RecurringPattern.objects.create(
            category_id=group["category_id"],
            wijk_id=group["wijk_id"],
            buurt_id=group["buurt_id"],
            period_start=start + datetime.timedelta(days=1),
            period_end=today,
        )
        pattern.reports.set(
            recent.filter(
                category_id=group["category_id"],
                wijk_id=group["wijk_id"],
                buurt_id=group["buurt_id"],
            )
        )
        made.append(pattern)
    return made


@transaction.atomic
def pattern_to_agenda(*, pattern: RecurringPattern, actor: Any, note: str = "") -> Any:
    """The wijkmanager puts a pattern on the wijkagenda as an idea awaiting an answer."""
    if not actor.has_perm("agenda.add_item", pattern.wijk):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))
    pattern = RecurringPattern.objects.select_for_update().get(pk=pattern.pk)
    if pattern.status != PatternStatus.PROPOSED:
        raise ValidationError(_("This pattern has already been handled."))
    count = pattern.reports.count()
    place = pattern.buurt or pattern.wijk
    item = agenda_item_create(
        area=pattern.wijk,
        actor=actor,
        title=_("Recurring reports: %(category)s in %(place)s")
        % {"category": pattern.category.name, "place": place.name},
        year=timezone.localdate().year,
        source=Source.MELDING,
        reason=(
            _("%(count)s reports between %(start)s and %(end)s. Look for the cause.")
            % {"count": count, "start": pattern.period_start, "end": pattern.period_end}
            + (f"\n\n{note.strip()}" if note.strip() else "")
        ),
        buurt=pattern.buurt,
        origin_kind=ORIGIN_KIND,
        origin_id=str(pattern.pk),
        agreed=False,
        check_permission=False,
    )
    pattern.status = PatternStatus.ON_AGENDA
    pattern.agenda_item_id = item.pk
    pattern.decided_by = actor
    pattern.save()
    audit_log(
        actor=actor,
        action="reports.pattern_to_agenda",
        target=pattern,
        changes={"agenda_item": item.pk, "reports": count},
        reason=note,
        municipality_code=pattern.wijk.municipality.code,
    )
    return item


@transaction.atomic
def pattern_dismiss(*, pattern: RecurringPattern, actor: Any, reason: str) -> RecurringPattern:
    if not actor.has_perm("agenda.add_item", pattern.wijk):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why this pattern needs no agenda item.")]})
    pattern.status = PatternStatus.DISMISSED
    pattern.decided_by = actor
    pattern.save(update_fields=["status", "decided_by"])
    audit_log(
        actor=actor,
        action="reports.pattern_dismiss",
        target=pattern,
        reason=reason,
        municipality_code=pattern.wijk.municipality.code,
    )
    return pattern
