"""Who may change the look: a municipality's theme is set by its functioneel beheerder (the
role that manages the municipality's roles, municipality-wide); the installation's
statements by a superuser, who runs the installation."""

import rules

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Municipality


@rules.predicate
def can_edit_theme(user, municipality: Municipality | None = None) -> bool:
    return isinstance(municipality, Municipality) and has_capability(
        user, roles.MANAGE_ROLES, municipality=municipality
    )


@rules.predicate
def can_edit_statements(user, obj=None) -> bool:
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


rules.add_perm("branding.change_theme", can_edit_theme)
rules.add_perm("branding.change_statement", can_edit_statements)
