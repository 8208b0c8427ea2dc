"""Permissions of the agenda app, built on the role table in accounts.roles.

The same names are used in views (`permission_required`), the API, templates
(`{% has_perm %}`) and tests. Object-level permissions take an Area or an AgendaItem.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area, Municipality

from .models import AgendaItem, WijkAgendaSettings


def _area(obj) -> Area | None:
    if isinstance(obj, AgendaItem):
        return obj.area
    if isinstance(obj, Area):
        return obj.wijk
    return None


def _capability(capability: str):
    @rules.predicate(name=f"has_{capability}")
    def predicate(user, obj=None) -> bool:
        area = _area(obj)
        return area is not None and has_capability(user, capability, area=area)

    return predicate


can_manage_agenda = _capability(roles.MANAGE_AGENDA)
can_answer = _capability(roles.ANSWER_ITEM)
can_review = _capability(roles.REVIEW_AGENDA)
can_manage_plan = _capability(roles.MANAGE_PLAN)
can_view_personal_data = _capability(roles.VIEW_PERSONAL_DATA)


_KEEPS_ATTR = "_agenda_platform_keeps"


def platform_keeps_agenda(area: Area) -> bool:
    """Whether the municipality lets the wijkplatform keep this wijk's agenda (read once per
    area object)."""
    if not hasattr(area, _KEEPS_ATTR):
        keeps = WijkAgendaSettings.objects.filter(area=area, platform_keeps_agenda=True).exists()
        setattr(area, _KEEPS_ATTR, keeps)
    return getattr(area, _KEEPS_ATTR)


@rules.predicate
def is_platform_keeper(user, obj=None) -> bool:
    """The wijkplatform's chair or a member, in a wijk whose agenda the platform keeps."""
    area = _area(obj)
    return (
        area is not None
        and has_capability(user, roles.KEEP_AGENDA_PLATFORM, area=area)
        and platform_keeps_agenda(area)
    )


@rules.predicate
def can_manage_settings(user, municipality=None) -> bool:
    """A municipality-wide role that manages the agenda (e.g. the functioneel beheerder)."""
    return isinstance(municipality, Municipality) and has_capability(
        user, roles.MANAGE_AGENDA, municipality=municipality
    )


@rules.predicate
def is_item_owner(user, item) -> bool:
    """A partner acting for the item's probleemeigenaar, or its named contact person."""
    if not isinstance(item, AgendaItem) or not user.is_authenticated:
        return False
    if item.owner_person_id == user.pk:
        return True
    return item.owner_organisation_id is not None and has_capability(
        user, roles.REPORT_PROGRESS, area=item.area, organisation_id=item.owner_organisation_id
    )


@rules.predicate
def is_proposer(user, item) -> bool:
    return isinstance(item, AgendaItem) and user.is_authenticated and item.proposed_by_id == user.pk


rules.add_perm("agenda.propose_item", rules.is_authenticated)
rules.add_perm("agenda.answer_item", can_answer | is_platform_keeper)
rules.add_perm("agenda.change_item", can_manage_agenda | is_platform_keeper)
rules.add_perm("agenda.add_item", can_manage_agenda | is_platform_keeper)
rules.add_perm("agenda.report_progress", can_manage_agenda | is_item_owner)
rules.add_perm("agenda.review_agenda", can_review)
rules.add_perm("agenda.manage_plan", can_manage_plan)
rules.add_perm("agenda.manage_settings", can_manage_settings)
rules.add_perm("agenda.view_proposer", can_view_personal_data | is_proposer)
