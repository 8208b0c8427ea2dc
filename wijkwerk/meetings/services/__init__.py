"""Writing bodies, meetings and what comes out of them.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError or PermissionDenied leaves the database as it was) and logs the change in the
audit log. An action point reaches the wijkagenda through the agenda's services only, with
this app as its origin (kind + id), so agenda never imports meetings.

One module per sub-domain: `bodies` (bodies, members and the year planning), `meeting`
(a meeting and its agenda points), `actions` (action points to the wijkagenda) and
`calendars` (personal calendar links). The names are re-exported here.
"""

from ._common import (  # noqa: F401
    TOKEN_SALT,
    _lock,
    _log,
    _time_errors,
    check_perm,
)
from .actions import (  # noqa: F401
    ORIGIN_ACTION_POINT,
    _origin_text,
    action_point_add,
    action_point_to_agenda,
)
from .bodies import (  # noqa: F401
    BODY_FIELDS,
    PlanResult,
    _aware,
    _cadence_errors,
    _holds_role,
    bodies_from_template,
    body_create,
    body_update,
    member_add,
    year_plan,
)
from .calendars import (  # noqa: F401
    _token_hash,
    calendar_token_create,
    calendar_token_revoke,
)
from .meeting import (  # noqa: F401
    _bump,
    _point_errors,
    meeting_cancel,
    meeting_create,
    meeting_invite,
    meeting_move,
    meeting_record,
    point_add,
    point_decide,
    point_propose,
)

__all__ = [
    "ORIGIN_ACTION_POINT",
    "PlanResult",
    "TOKEN_SALT",
    "action_point_add",
    "action_point_to_agenda",
    "bodies_from_template",
    "body_create",
    "body_update",
    "calendar_token_create",
    "calendar_token_revoke",
    "check_perm",
    "meeting_cancel",
    "meeting_create",
    "meeting_invite",
    "meeting_move",
    "meeting_record",
    "member_add",
    "point_add",
    "point_decide",
    "point_propose",
    "year_plan",
]
