"""Writing to the WOP and the wijkagenda, one module per part; callers import this package.

`items`: ideas and items (propose, create, answer, edit, progress, review); `plan`: the WOP
and its yearly update; `terms`: the municipality's answer term and the wijkplatform's
keeping of a wijk's agenda. Shared helpers (permission, log, versions) are in `_common`.
"""

from ._common import STALE, acting_as, check_perm, is_stale, role_label
from .items import (
    EDITABLE_FIELDS,
    ITEM_LABELS,
    agenda_item_answer,
    agenda_item_create,
    agenda_item_edit,
    agenda_item_propose,
    agenda_item_report_progress,
    agenda_review_create,
    answer_due_for,
    answer_term,
)
from .plan import (
    ORIGIN_PLANNED_ACTION,
    action_create,
    action_update,
    goal_create,
    goal_update,
    plan_actions_to_agenda,
    plan_create,
    plan_update,
    plan_yearly_update,
    theme_create,
)
from .terms import agenda_settings_get, agenda_settings_update, platform_keeps_agenda_set

__all__ = [
    "EDITABLE_FIELDS",
    "ITEM_LABELS",
    "ORIGIN_PLANNED_ACTION",
    "STALE",
    "acting_as",
    "action_create",
    "action_update",
    "agenda_item_answer",
    "agenda_item_create",
    "agenda_item_edit",
    "agenda_item_propose",
    "agenda_item_report_progress",
    "agenda_review_create",
    "agenda_settings_get",
    "agenda_settings_update",
    "answer_due_for",
    "answer_term",
    "check_perm",
    "goal_create",
    "goal_update",
    "is_stale",
    "plan_actions_to_agenda",
    "plan_create",
    "plan_update",
    "plan_yearly_update",
    "platform_keeps_agenda_set",
    "role_label",
    "theme_create",
]
