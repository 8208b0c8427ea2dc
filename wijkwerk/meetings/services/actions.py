"""Action points of a meeting, and how one becomes or updates a wijkagenda item."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.agenda.services import (
    agenda_item_create,
    agenda_item_edit,
    agenda_item_report_progress,
)
from wijkwerk.organisations.models import Organisation

from ..models import ActionPoint, Meeting, MeetingStatus
from ._common import _lock, _log, check_perm

ORIGIN_ACTION_POINT = "meetings.actionpoint"


@transaction.atomic
def action_point_add(
    *,
    meeting: Meeting,
    actor: Any,
    title: str,
    owner_organisation: Organisation | None,
    description: str = "",
    due_date: datetime.date | None = None,
    agenda_item: AgendaItem | None = None,
    to_agenda: bool = True,
) -> ActionPoint:
    """Record an action point of a held meeting and, in the same step, put it on the
    wijkagenda (or update the wijkagenda item it is about) with its probleemeigenaar. With
    `to_agenda=False` it is only recorded; `action_point_to_agenda` hands it on later."""
    meeting = _lock(meeting)
    check_perm(actor, "meetings.manage_meeting", meeting)
    title = title.strip()
    errors: dict[str, list[str]] = {}
    if meeting.status != MeetingStatus.HELD:
        errors["title"] = [
            _("Action points come from a meeting that was held: write its minutes first.")
        ]
    elif not title:
        errors["title"] = [_("Say what will be done.")]
    if owner_organisation is None:
        errors["owner_organisation"] = [
            _("An action point needs a probleemeigenaar: choose the organisation that owns it.")
        ]
    elif owner_organisation.municipality_id != meeting.body.area.municipality_id:
        errors["owner_organisation"] = [_("This organisation works in another municipality.")]
    if agenda_item is not None and agenda_item.area_id != meeting.body.area_id:
        errors["agenda_item"] = [_("This wijkagenda item belongs to another wijk.")]
    if errors:
        raise ValidationError(errors)
    action = ActionPoint.objects.create(
        meeting=meeting,
        title=title,
        description=description.strip(),
        owner_organisation=owner_organisation,
        due_date=due_date,
        created_by=actor,
    )
    _log(meeting.body.area, actor, "meetings.action_add", action, {"title": title})
    if not to_agenda:
        return action
    return action_point_to_agenda(action=action, actor=actor, agenda_item=agenda_item)


def _origin_text(meeting: Meeting) -> str:
    values = {
        "body": meeting.body.name,
        "date": date_format(timezone.localtime(meeting.starts_at).date(), "j F Y"),
    }
    session = getattr(meeting, "session", None)
    if session is not None:
        values["kind"] = meeting.body.get_kind_display()
        values["topic"] = session.topic
        return _("Outcome of the %(kind)s '%(topic)s', %(date)s.") % values
    return _("Action point of %(body)s, %(date)s.") % values


@transaction.atomic
def action_point_to_agenda(
    *, action: ActionPoint, actor: Any, agenda_item: AgendaItem | None = None
) -> ActionPoint:
    """Put an action point on the wijkagenda, agreed with its probleemeigenaar; with
    `agenda_item`, update that item instead (probleemeigenaar, date, a progress note).
    Once only."""
    action = (
        ActionPoint.objects.select_for_update(of=("self",))
        .select_related("meeting__body__area__municipality", "owner_organisation")
        .get(pk=action.pk)
    )
    meeting = action.meeting
    check_perm(actor, "meetings.manage_meeting", meeting)
    if action.agenda_item_id is not None:
        raise ValidationError(_("This action point is already on the wijkagenda."))
    area = meeting.body.area
    origin = _origin_text(meeting)
    if agenda_item is None:
        item = agenda_item_create(
            area=area,
            actor=actor,
            title=action.title,
            year=timezone.localtime(meeting.starts_at).year,
            source=Source.MEETING,
            reason=origin,
            approach=action.description,
            due_date=action.due_date,
            owner_organisation=action.owner_organisation,
            origin_kind=ORIGIN_ACTION_POINT,
            origin_id=str(action.pk),
            agreed=True,
            check_permission=False,
        )
    else:
        if agenda_item.area_id != area.pk:
            raise ValidationError(
                {"agenda_item": [_("This wijkagenda item belongs to another wijk.")]}
            )
        values: dict[str, Any] = {"owner_organisation": action.owner_organisation}
        if action.due_date:
            values["due_date"] = action.due_date
        item = agenda_item_edit(item=agenda_item, actor=actor, reason=origin, **values)
        agenda_item_report_progress(
            item=item, actor=actor, text=f"{origin} {action.title}. {action.description}".strip()
        )
    action.agenda_item = item
    action.save(update_fields=["agenda_item"])
    _log(area, actor, "meetings.action_to_agenda", action, {"agenda_item": item.pk})
    return action
