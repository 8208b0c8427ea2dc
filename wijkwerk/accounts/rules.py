"""Permissions on the layers below accounts (which cannot import the role table): the
organisations app asks for them by name (`organisations.manage_organisations`)."""

import rules

from wijkwerk.areas.models import Municipality

from . import roles
from .selectors import has_capability


@rules.predicate
def can_manage_organisations(user, municipality=None) -> bool:
    """The functioneel beheerder keeps the municipality's partners and their departments."""
    return isinstance(municipality, Municipality) and has_capability(
        user, roles.MANAGE_ROLES, municipality=municipality
    )


rules.add_perm("organisations.manage_organisations", can_manage_organisations)


@rules.predicate
def can_manage_people(user, municipality=None) -> bool:
    """The functioneel beheerder invites people, gives and ends their roles and arranges
    plaatsvervangers."""
    return isinstance(municipality, Municipality) and has_capability(
        user, roles.MANAGE_ROLES, municipality=municipality
    )


@rules.predicate
def can_view_people(user, municipality=None) -> bool:
    """Who holds which role where is personal data: for the functioneel beheerder and staff
    who see personal data in the whole municipality."""
    return isinstance(municipality, Municipality) and has_capability(
        user, roles.VIEW_PERSONAL_DATA, municipality=municipality
    )


rules.add_perm("accounts.manage_people", can_manage_people)
rules.add_perm("accounts.view_people", can_view_people | can_manage_people)
