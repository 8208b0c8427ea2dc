"""The municipality's settings of the wijkagenda: the answer term, the reminder before it,
who receives escalations, and in which wijken the wijkplatform keeps the agenda."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.areas.models import Area, Municipality

from ..models import AgendaSettings, WijkAgendaSettings
from ._common import bump, check_perm, check_version, log_change

SETTINGS_LABELS = {
    "answer_working_days": _("Answer term (working days)"),
    "remind_working_days": _("Reminder before the term (working days)"),
    "escalate_to": _("Manager of the wijkmanagers"),
}

MAX_TERM = 260  # about a year of working days


def agenda_settings_get(*, municipality: Municipality) -> AgendaSettings:
    """The municipality's settings; the defaults (unsaved) when none were set."""
    found = AgendaSettings.objects.filter(municipality=municipality).first()
    return found or AgendaSettings(municipality=municipality, version=0)


@transaction.atomic
def agenda_settings_update(
    *,
    municipality: Municipality,
    actor: Any,
    version: int | None,
    answer_working_days: Any,
    remind_working_days: Any,
    escalate_to: Any = None,
    reason: str = "",
) -> AgendaSettings:
    """Set the answer term of ideas (and the reminder before it) for the whole municipality.
    The 3 working days for small initiatives are the initiatives' rule, not this one."""
    check_perm(actor, "agenda.manage_settings", municipality)
    settings = AgendaSettings.objects.select_for_update().filter(municipality=municipality).first()
    if settings is None:
        settings = AgendaSettings(municipality=municipality, version=0)
    check_version(settings, version, SETTINGS_LABELS, area=_any_area(municipality))
    errors: dict[str, list[str]] = {}
    term = answer_working_days
    if not isinstance(term, int) or isinstance(term, bool) or term < 1:
        errors["answer_working_days"] = [
            _("Give the answer term as a whole number of working days, 1 or more.")
        ]
    elif term > MAX_TERM:
        errors["answer_working_days"] = [
            _("An answer term of more than %(max)s working days is too long.") % {"max": MAX_TERM}
        ]
    remind = remind_working_days
    if not isinstance(remind, int) or isinstance(remind, bool) or remind < 0:
        errors["remind_working_days"] = [
            _("Give the reminder as a whole number of working days, 0 or more.")
        ]
    elif "answer_working_days" not in errors and remind >= term:
        errors["remind_working_days"] = [
            _("The reminder must come before the end of the term: fewer than %(n)s days.")
            % {"n": term}
        ]
    if escalate_to is not None and not (
        RoleAssignment.objects.current()
        .filter(user=escalate_to, municipality=municipality)
        .exists()
    ):
        errors["escalate_to"] = [_("This person holds no role in this municipality.")]
    if errors:
        raise ValidationError(errors)
    changes = {}
    for name, value in (
        ("answer_working_days", term),
        ("remind_working_days", remind),
        ("escalate_to", escalate_to),
    ):
        old = getattr(settings, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value else None]
            setattr(settings, name, value)
    if changes or settings.pk is None:
        bump(settings)
        settings.save()
        log_change(
            target=settings,
            actor=actor,
            action="agenda.settings",
            area=_any_area(municipality),
            changes=changes,
            reason=reason.strip(),
        )
    return settings


@transaction.atomic
def platform_keeps_agenda_set(
    *, area: Area, actor: Any, keeps: bool, reason: str = ""
) -> WijkAgendaSettings:
    """Grant (or withdraw) the wijkplatform of `area` the keeping of its wijkagenda."""
    check_perm(actor, "agenda.manage_settings", area.municipality)
    if not area.is_wijk:
        raise ValidationError({"area": [_("The wijkagenda is kept per wijk or village.")]})
    row, _created = WijkAgendaSettings.objects.select_for_update().get_or_create(area=area)
    if row.platform_keeps_agenda != keeps:
        row.platform_keeps_agenda = keeps
        row.save()
        log_change(
            target=row,
            actor=actor,
            action="agenda.platform_keeps",
            area=area,
            changes={"platform_keeps_agenda": [not keeps, keeps]},
            reason=reason.strip(),
        )
    return row


class _Nowhere:
    """Stands in for an area when a municipality-wide change is logged."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self.municipality_id = municipality.pk
        self.pk = None
        self.parent_id = None


def _any_area(municipality: Municipality) -> Any:
    return _Nowhere(municipality)
