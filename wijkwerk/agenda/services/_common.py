"""What every agenda service shares: the permission check, the audit log with the actor's
role, and the version check that keeps concurrent edits from losing a change.

Versions
--------
An agenda item and every part of the WOP carry a `version` that each change raises. A form
sends the version it was read at; a save at an older version is refused with a message
saying who changed what since (read from the audit log, where each change records the
version it made), and nothing is written. The person's input stays in the form, now at the
current version, so saving again is a deliberate choice after seeing the other change.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from wijkwerk.accounts.roles import STAFF_ROLES, Role
from wijkwerk.accounts.selectors import role_assignments_current
from wijkwerk.areas.models import Area
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.services import audit_log

STALE = "stale"
SYSTEM = "system"
VERSION_KEY = "_version"
ACTOR_KEY = "_by"


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this in this wijk."))


def acting_as(actor: Any, area: Area | None) -> dict[str, str]:
    """The role (and organisation) in which `actor` acts in `area`: a role of the wijk itself
    before one for the whole municipality, a staff role before a resident's. No actor at all
    is Wijkwerk itself (the daily reminders)."""
    if actor is None:
        return {"role": SYSTEM, "organisation": ""}
    if not getattr(actor, "is_authenticated", False):
        return {"role": Role.RESIDENT, "organisation": ""}
    candidates = [
        a
        for a in role_assignments_current(user=actor)
        if area is not None and a.covers(area, area.municipality_id)
    ]
    candidates.sort(key=lambda a: (a.role not in STAFF_ROLES, a.area_id is None, a.pk))
    if candidates:
        chosen = candidates[0]
        organisation = chosen.organisation.display_name if chosen.organisation_id else ""
        return {"role": chosen.role, "organisation": organisation}
    if actor.is_superuser:
        return {"role": Role.BEHEERDER, "organisation": ""}
    return {"role": Role.RESIDENT, "organisation": ""}


def acting_organisation(actor: Any, area: Area) -> Any:
    """The organisation for which `actor` holds a staff role covering `area`, or None."""
    if not getattr(actor, "is_authenticated", False):
        return None
    roles = [
        a
        for a in role_assignments_current(user=actor)
        if a.role in STAFF_ROLES and a.organisation_id and a.covers(area, area.municipality_id)
    ]
    roles.sort(key=lambda a: (a.area_id is None, a.pk))
    return roles[0].organisation if roles else None


def log_change(
    *,
    target: models.Model,
    actor: Any,
    action: str,
    area: Area,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Log a change with the actor's role; a versioned target records its new version."""
    changes = dict(changes or {})
    changes[ACTOR_KEY] = acting_as(actor, area)
    if hasattr(target, "version"):
        changes[VERSION_KEY] = target.version
    return audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        reason=reason,
        municipality_code=area.municipality.code,
    )


def role_label(by: dict[str, str] | None) -> str:
    """'wijkmanager, Gemeente Den Helder' for a logged `_by`; 'resident' when none."""
    by = by or {}
    role = by.get("role") or Role.RESIDENT
    if role == SYSTEM:
        return _("Wijkwerk (automatic)")
    label = str(Role(role).label) if role in Role.values else role
    return f"{label}, {by['organisation']}" if by.get("organisation") else label


def check_version(
    obj: models.Model, version: int | None, labels: dict[str, str], *, area: Area
) -> None:
    """Refuse a change made on `version` of `obj` when it has moved on since."""
    if version is None or version == obj.version:
        return
    events = [
        e
        for e in AuditEvent.objects.for_target(obj).select_related("actor").order_by("id")
        if isinstance(e.changes.get(VERSION_KEY), int) and e.changes[VERSION_KEY] > version
    ]
    parts = []
    for event in events:
        fields = [
            _("%(field)s is now “%(value)s”") % {"field": labels[name], "value": _shown(pair[1])}
            for name, pair in event.changes.items()
            if name in labels and isinstance(pair, list) and len(pair) == 2
        ]
        who = role_label(event.changes.get(ACTOR_KEY))
        if event.actor_id:
            who = f"{event.actor} ({who})"
        if fields:
            parts.append(
                _("%(who)s changed: %(fields)s.") % {"who": who, "fields": "; ".join(fields)}
            )
        else:
            parts.append(_("%(who)s made a change.") % {"who": who})
    raise ValidationError(
        _(
            "Someone else changed this since you opened the page. %(changes)s Nothing was "
            "saved: your input is still in the form below; check it and save again."
        )
        % {"changes": " ".join(parts) or _("(The change is not in the log.)")},
        code=STALE,
    )


def _shown(value: Any) -> str:
    if value in (None, ""):
        return "—"
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def bump(obj: models.Model) -> None:
    obj.version += 1


def is_stale(error: ValidationError) -> bool:
    """Whether a service refused a save as made on an old version."""
    return any(getattr(e, "code", None) == STALE for e in getattr(error, "error_list", []))
