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
