"""Where a person may do what, for one werkplek: the wijken of one municipality in which one
of the person's current roles grants a capability.

Roles are read only through `accounts.selectors` (`role_assignments_current`,
`has_capability`), so a substitute (plaatsvervanger) sees the tasks of the person they stand
in for as soon as those functions return that person's roles too. The answers are kept per
capability for the request, so the werkplek asks the role table once, whatever it lists.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.accounts.roles import STAFF_ROLES, Role
from wijkwerk.accounts.selectors import has_capability, role_assignments_current
from wijkwerk.areas.models import Area, Municipality

# Roles that get a werkplek: every role that acts for an organisation or sits in a
# deciding body (a regiegroep or wijkplatform member decides on initiatives and answers ideas).
WERKPLEK_ROLES = frozenset(STAFF_ROLES) | {Role.PLATFORM_MEMBER, Role.REGIEGROEP_MEMBER}


def werkplek_roles(*, user: Any) -> list[RoleAssignment]:
    return [a for a in role_assignments_current(user=user) if a.role in WERKPLEK_ROLES]


def werkplek_municipalities(*, user: Any) -> list[Municipality]:
    """The municipalities whose werkplek this person has: where they hold a role with tasks
    (every municipality for the superuser, who may do everything everywhere)."""
    if not getattr(user, "is_authenticated", False):
        return []
    if user.is_superuser:
        return list(Municipality.objects.order_by("name"))
    ids = {a.municipality_id for a in werkplek_roles(user=user)}
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


@dataclass
class Scope:
    """One person at the werkplek of one municipality, at one moment."""

    user: Any
    municipality: Municipality
    now: datetime.datetime = field(default_factory=timezone.now)
    _wijken: list[Area] | None = None
    _cache: dict[str, frozenset[int]] = field(default_factory=dict)
    _whole: dict[str, bool] = field(default_factory=dict)

    @property
    def today(self) -> datetime.date:
        return timezone.localdate(self.now)

    @property
    def wijken(self) -> list[Area]:
        if self._wijken is None:
            wijken = list(self.municipality.areas.wijken().order_by("name"))
            for wijk in wijken:
                # has_capability reads the wijk's municipality (who answers ideas there).
                wijk.municipality = self.municipality
            self._wijken = wijken
        return self._wijken

    def wijk(self, pk: int | None) -> Area | None:
        return next((w for w in self.wijken if w.pk == pk), None)

    def whole(self, capability: str, *, organisation_id: int | None = None) -> bool:
        """Does a municipality-wide role grant the capability (needed for what has no wijk)?"""
        key = f"{capability}:{organisation_id}"
        if key not in self._whole:
            self._whole[key] = has_capability(
                self.user,
                capability,
                municipality=self.municipality,
                organisation_id=organisation_id,
            )
        return self._whole[key]

    def wijk_ids(self, capability: str, *, organisation_id: int | None = None) -> frozenset[int]:
        """The wijken (and villages) where the person has the capability."""
        key = f"{capability}:{organisation_id}"
        if key not in self._cache:
            self._cache[key] = frozenset(
                w.pk
                for w in self.wijken
                if has_capability(self.user, capability, area=w, organisation_id=organisation_id)
            )
        return self._cache[key]

    def covers(
        self, capability: str, area_id: int | None, *, organisation_id: int | None = None
    ) -> bool:
        """May the person do this in that wijk (None: in the whole municipality)?"""
        if area_id is None:
            return self.whole(capability, organisation_id=organisation_id)
        return area_id in self.wijk_ids(capability, organisation_id=organisation_id)
