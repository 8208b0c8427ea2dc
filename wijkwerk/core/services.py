from typing import Any

from django.db import models

from .models import AuditEvent


def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    municipality_code: str = "",
) -> AuditEvent:
    """Record one decision or change. Call it inside the service's transaction."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_kind=target._meta.label_lower,
        target_id=str(target.pk),
        changes=changes or {},
        reason=reason,
        municipality_code=municipality_code,
    )


def field_changes(obj: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields whose value differs, as {name: [old, new]} in JSON-friendly form."""
    out: dict[str, list[Any]] = {}
    for name, new in new_values.items():
        old = getattr(obj, name)
        if old != new:
            out[name] = [_jsonable(old), _jsonable(new)]
    return out


def fields_set(obj: models.Model, new_values: dict[str, Any]) -> dict[str, list[Any]]:
    """Put the new values on `obj` (not saved) and return what changed, as `field_changes`
    gives it: the one step of every update service between validating and saving."""
    changes = field_changes(obj, new_values)
    for name, value in new_values.items():
        setattr(obj, name, value)
    return changes


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
