"""Permissions of the reports app.

Handlers (wijkconciërge, partner professionals) handle the reports routed to their own
organisation (or one of its departments) in their wijk; those who supervise a wijk
(wijkmanager, accountmanager, gebiedsregisseur, beheerder) handle all of its reports. Only
handlers of a report see the reporter's contact data.
"""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability, has_capability_somewhere
from wijkwerk.areas.models import Municipality

from .models import Report


@rules.predicate
def can_handle_report(user, report=None) -> bool:
    if not isinstance(report, Report):
        return False
    area = report.buurt or report.wijk
    where = {"area": area} if area is not None else {"municipality": report.municipality}
    if has_capability(user, roles.SUPERVISE_REPORTS, **where):
        return True
    organisation = report.organisation
    if organisation is None:
        return False
    for org_id in {organisation.pk, organisation.parent_id} - {None}:
        if has_capability(user, roles.HANDLE_REPORTS, organisation_id=org_id, **where):
            return True
    return False


@rules.predicate
def can_enter_reports(user, municipality=None) -> bool:
    return isinstance(municipality, Municipality) and has_capability_somewhere(
        user, roles.ENTER_REPORTS, municipality=municipality
    )


rules.add_perm("reports.handle_report", can_handle_report)
rules.add_perm("reports.view_reporter", can_handle_report)


@rules.predicate
def can_manage_categories(user, municipality=None) -> bool:
    """The functioneel beheerder sets up categories, terms and routing."""
    return isinstance(municipality, Municipality) and has_capability(
        user, roles.MANAGE_ROLES, municipality=municipality
    )


rules.add_perm("reports.enter_report", can_enter_reports)
rules.add_perm("reports.manage_categories", can_manage_categories)
