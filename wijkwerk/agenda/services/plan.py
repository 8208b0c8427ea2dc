"""Writing the WijkOntwikkelPlan (WOP): the plan, its themes, goals and actions per year,
and the yearly update that carries a year's actions onto the wijkagenda.

Every part has a version (see `_common`): two people revising one goal at once cannot
overwrite each other unnoticed. Every change is logged with its reason; the WOP page shows
that log as the plan's decision log.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area
from wijkwerk.core.services import field_changes
from wijkwerk.organisations.models import Organisation

from ..models import (
    PLAN_YEARS,
    AgendaItem,
    DevelopmentPlan,
    Goal,
    PlannedAction,
    Source,
    Theme,
    ThemeKind,
)
from ._common import bump, check_perm, check_version, log_change
from .items import agenda_item_create

ORIGIN_PLANNED_ACTION = "agenda.plannedaction"

PLAN_LABELS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "adopted_on": _("Adopted on"),
    "last_revised_on": _("Last yearly update"),
}
GOAL_LABELS = {
    "theme": _("Theme"),
    "title": _("Goal"),
    "description": _("Description"),
    "indicator": _("How we measure it"),
}
ACTION_LABELS = {
    "year": _("Year"),
    "title": _("Action"),
    "description": _("Description"),
    "owner_organisation": _("Probleemeigenaar"),
}


def _log(target: Any, area: Area, actor: Any, action: str, changes: dict, reason: str) -> None:
    log_change(target=target, actor=actor, action=action, area=area, changes=changes, reason=reason)


def _apply(obj: Any, values: dict[str, Any]) -> dict[str, list[Any]]:
    changes = field_changes(obj, values)
    if changes:
        for name, value in values.items():
            setattr(obj, name, value)
        bump(obj)
        obj.save()
    return changes


# --- themes ----------------------------------------------------------------------------------


@transaction.atomic
def theme_create(*, area: Area, actor: Any, name: str, kind: str) -> Theme:
    """A theme of the municipality's WOPs (social or physical), added from a wijk's WOP."""
    check_perm(actor, "agenda.manage_plan", area)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the theme a name, e.g. 'Veiligheid'.")]
    elif Theme.objects.filter(municipality=area.municipality_id, name__iexact=name).exists():
        errors["name"] = [_("This municipality already has a theme with this name.")]
    if kind not in ThemeKind.values:
        errors["kind"] = [_("Choose social or physical.")]
    if errors:
        raise ValidationError(errors)
    theme = Theme.objects.create(municipality=area.municipality, name=name, kind=kind)
    _log(theme, area, actor, "agenda.theme_create", {"name": name, "kind": kind}, "")
    return theme


# --- the plan --------------------------------------------------------------------------------


def _plan_errors(title: str, adopted_on: date | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the WOP a title.")]
    if adopted_on is not None and adopted_on > timezone.localdate():
        errors["adopted_on"] = [_("The adoption date cannot lie in the future.")]
    return errors


@transaction.atomic
def plan_create(
    *,
    area: Area,
    actor: Any,
    first_year: int,
    title: str,
    summary: str = "",
    adopted_on: date | None = None,
    reason: str = "",
) -> DevelopmentPlan:
    """Start a WOP of four years for a wijk; its periods do not overlap."""
    check_perm(actor, "agenda.manage_plan", area)
    title = title.strip()
    errors = _plan_errors(title, adopted_on)
    if not area.is_wijk:
        errors["area"] = [_("A WOP is made for a wijk or village.")]
    if not isinstance(first_year, int) or not 2000 <= first_year <= 2100:
        errors["first_year"] = [_("Give a year between 2000 and 2100.")]
    elif DevelopmentPlan.objects.filter(
        area=area,
        first_year__gt=first_year - PLAN_YEARS,
        first_year__lt=first_year + PLAN_YEARS,
    ).exists():
        errors["first_year"] = [
            _("Another WOP of %(wijk)s already covers some of these years.") % {"wijk": area.name}
        ]
    if errors:
        raise ValidationError(errors)
    plan = DevelopmentPlan.objects.create(
        area=area,
        first_year=first_year,
        title=title,
        summary=summary.strip(),
        adopted_on=adopted_on,
    )
    _log(
        plan,
        area,
        actor,
        "agenda.plan_create",
        {"title": title, "first_year": first_year},
        reason.strip(),
    )
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: DevelopmentPlan,
    actor: Any,
    version: int | None,
    title: str,
    summary: str = "",
    adopted_on: date | None = None,
    reason: str = "",
) -> DevelopmentPlan:
    """Revise the title, summary or adoption date of a WOP."""
    plan = (
        DevelopmentPlan.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=plan.pk)
    )
    check_perm(actor, "agenda.manage_plan", plan.area)
    check_version(plan, version, PLAN_LABELS, area=plan.area)
    title = title.strip()
    errors = _plan_errors(title, adopted_on)
    if errors:
        raise ValidationError(errors)
    changes = _apply(plan, {"title": title, "summary": summary.strip(), "adopted_on": adopted_on})
    if changes:
        _log(plan, plan.area, actor, "agenda.plan_update", changes, reason.strip())
    return plan


# --- goals -----------------------------------------------------------------------------------


def _goal_errors(plan: DevelopmentPlan, theme: Theme | None, title: str) -> dict:
    errors: dict[str, list[str]] = {}
    if theme is None:
        errors["theme"] = [_("Choose the theme this goal belongs to.")]
    elif theme.municipality_id != plan.area.municipality_id:
        errors["theme"] = [_("This theme belongs to another municipality.")]
    if not title:
        errors["title"] = [_("Describe the goal in a few words.")]
    return errors


@transaction.atomic
def goal_create(
    *,
    plan: DevelopmentPlan,
    actor: Any,
    theme: Theme | None,
    title: str,
    description: str = "",
    indicator: str = "",
    reason: str = "",
) -> Goal:
    """Add a goal to a WOP, under one of the municipality's themes."""
    check_perm(actor, "agenda.manage_plan", plan.area)
    title = title.strip()
    errors = _goal_errors(plan, theme, title)
    if errors:
        raise ValidationError(errors)
    goal = Goal.objects.create(
        plan=plan,
        theme=theme,
        title=title,
        description=description.strip(),
        indicator=indicator.strip(),
    )
    _log(goal, plan.area, actor, "agenda.goal_create", {"title": title}, reason.strip())
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    actor: Any,
    version: int | None,
    theme: Theme | None,
    title: str,
    description: str = "",
    indicator: str = "",
    reason: str = "",
) -> Goal:
    """Revise a goal of a WOP."""
    goal = (
        Goal.objects.select_for_update(of=("self",)).select_related("plan__area__municipality").get(pk=goal.pk)
    )
    area = goal.plan.area
    check_perm(actor, "agenda.manage_plan", area)
    check_version(goal, version, GOAL_LABELS, area=area)
    title = title.strip()
    errors = _goal_errors(goal.plan, theme, title)
    if errors:
        raise ValidationError(errors)
    values = {
        "theme": theme,
        "title": title,
        "description": description.strip(),
        "indicator": indicator.strip(),
    }
    changes = _apply(goal, values)
    if changes:
        _log(goal, area, actor, "agenda.goal_update", changes, reason.strip())
    return goal


# --- actions ---------------------------------------------------------------------------------


def _action_errors(
    plan: DevelopmentPlan, year: int | None, title: str, owner: Organisation | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if year not in plan.years:
        errors["year"] = [
            _("The year must lie within the WOP period (%(first)s–%(last)s).")
            % {"first": plan.first_year, "last": plan.last_year}
        ]
    if not title:
        errors["title"] = [_("Say what will be done.")]
    if owner is not None and owner.municipality_id != plan.area.municipality_id:
        errors["owner_organisation"] = [_("This organisation works in another municipality.")]
    return errors


@transaction.atomic
def action_create(
    *,
    goal: Goal,
    actor: Any,
    year: int | None,
    title: str,
    description: str = "",
    owner_organisation: Organisation | None = None,
    reason: str = "",
) -> PlannedAction:
    """Plan an action for one year of the WOP, under one of its goals."""
    plan = goal.plan
    check_perm(actor, "agenda.manage_plan", plan.area)
    title = title.strip()
    errors = _action_errors(plan, year, title, owner_organisation)
    if errors:
        raise ValidationError(errors)
    action = PlannedAction.objects.create(
        goal=goal,
        year=year,
        title=title,
        description=description.strip(),
        owner_organisation=owner_organisation,
    )
    _log(
        action,
        plan.area,
        actor,
        "agenda.action_create",
        {"title": title, "year": year},
        reason.strip(),
    )
    return action


@transaction.atomic
def action_update(
    *,
    action: PlannedAction,
    actor: Any,
    version: int | None,
    year: int | None,
    title: str,
    description: str = "",
    owner_organisation: Organisation | None = None,
    reason: str = "",
) -> PlannedAction:
    """Revise a planned action (its year stays within the WOP)."""
    action = (
        PlannedAction.objects.select_for_update(of=("self",))
        .select_related("goal__plan__area__municipality")
        .get(pk=action.pk)
    )
    plan = action.goal.plan
    check_perm(actor, "agenda.manage_plan", plan.area)
    check_version(action, version, ACTION_LABELS, area=plan.area)
    title = title.strip()
    errors = _action_errors(plan, year, title, owner_organisation)
    if errors:
        raise ValidationError(errors)
    values = {
        "year": year,
        "title": title,
        "description": description.strip(),
        "owner_organisation": owner_organisation,
    }
    changes = _apply(action, values)
    if changes:
        _log(action, plan.area, actor, "agenda.action_update", changes, reason.strip())
    return action


# --- the yearly update -----------------------------------------------------------------------


@transaction.atomic
def plan_actions_to_agenda(*, plan: DevelopmentPlan, year: int, actor: Any) -> list[AgendaItem]:
    """Put the WOP actions of `year` on the wijkagenda; actions already there are skipped."""
    check_perm(actor, "agenda.manage_plan", plan.area)
    if year not in plan.years:
        raise ValidationError(
            {
                "year": [
                    _("This WOP runs from %(first)s to %(last)s.")
                    % {"first": plan.first_year, "last": plan.last_year}
                ]
            }
        )
    actions = PlannedAction.objects.filter(goal__plan=plan, year=year).select_related(
        "goal__theme", "owner_organisation"
    )
    present = set(
        AgendaItem.objects.filter(
            origin_kind=ORIGIN_PLANNED_ACTION, origin_id__in=[str(a.pk) for a in actions]
        ).values_list("origin_id", flat=True)
    )
    created = []
    for action in actions:
        if str(action.pk) in present:
            continue
        created.append(
            agenda_item_create(
                area=plan.area,
                actor=actor,
                title=action.title,
                reason=action.goal.title,
                approach=action.description,
                year=year,
                source=Source.WOP,
                theme=action.goal.theme,
                owner_organisation=action.owner_organisation,
                origin_kind=ORIGIN_PLANNED_ACTION,
                origin_id=str(action.pk),
                agreed=action.owner_organisation is not None,
                check_permission=False,
            )
        )
    return created


@transaction.atomic
def plan_yearly_update(
    *, plan: DevelopmentPlan, actor: Any, year: int, version: int | None = None, reason: str = ""
) -> list[AgendaItem]:
    """The yearly update of a WOP: note the date and carry the actions of `year` onto the
    wijkagenda. Running it again carries only actions that are not there yet."""
    plan = (
        DevelopmentPlan.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=plan.pk)
    )
    check_perm(actor, "agenda.manage_plan", plan.area)
    check_version(plan, version, PLAN_LABELS, area=plan.area)
    created = plan_actions_to_agenda(plan=plan, year=year, actor=actor)
    today = timezone.localdate()
    changes = _apply(plan, {"last_revised_on": today})
    _log(
        plan,
        plan.area,
        actor,
        "agenda.plan_yearly_update",
        {**changes, "year": year, "items": len(created)},
        reason.strip(),
    )
    return created
