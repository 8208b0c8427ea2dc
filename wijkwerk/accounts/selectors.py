"""Reading a person's roles and what they allow."""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from wijkwerk.areas.models import Area, Municipality

from .models import RoleAssignment, Substitution, User
from .roles import (
    ANSWER_ITEM,
    ANSWER_ITEM_PLATFORM,
    CONTACT_ROLES,
    ROLE_CAPABILITIES,
    STAFF_ROLES,
    VIEW_PERSONAL_DATA,
)

_CACHE_ATTR = "_wijkwerk_current_roles"


def role_assignments_current(*, user: User) -> list[RoleAssignment]:
    """The person's current roles, loaded once per user object (i.e. once per request).

    A plaatsvervanger also holds, during the substitution, the current roles of the person
    they stand in for in that municipality: copies whose `stands_in_for` names that person
    (so every permission and the werkplek follow without knowing about substitutes)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(RoleAssignment.objects.current().filter(user=user))
        cached += _stand_in_roles(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def _stand_in_roles(user: User) -> list[RoleAssignment]:
    today = timezone.localdate()
    # One filter() call: the three conditions hold for the same substitution.
    borrowed = (
        RoleAssignment.objects.current()
        .filter(
            user__stand_ins__substitute=user,
            user__stand_ins__starts_on__lte=today,
            user__stand_ins__ends_on__gte=today,
            municipality_id=F("user__stand_ins__municipality_id"),
        )
        .select_related("user")
        .order_by("pk")
    )
    copies: dict[int, RoleAssignment] = {}
    for assignment in borrowed:
        assignment.stands_in_for = assignment.user
        copies[assignment.pk] = assignment
    return list(copies.values())


def forget_cached_roles(user: User) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def has_capability(
    user: User,
    capability: str,
    *,
    area: Area | None = None,
    municipality: Municipality | None = None,
    organisation_id: int | None = None,
) -> bool:
    """Does one of the person's roles grant `capability` in this area (or municipality)?

    With `organisation_id`, only roles held on behalf of that organisation count.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    municipality_id = (
        area.municipality_id if area is not None else getattr(municipality, "pk", None)
    )
    if municipality_id is None:
        return False
    wanted = {capability}
    if capability == ANSWER_ITEM:
        owner = area.municipality if area is not None else municipality
        if owner is not None and owner.agenda_answered_by == "wijkplatform":
            wanted.add(ANSWER_ITEM_PLATFORM)
    for assignment in role_assignments_current(user=user):
        if organisation_id is not None and assignment.organisation_id != organisation_id:
            continue
        if wanted & ROLE_CAPABILITIES.get(assignment.role, frozenset()) and assignment.covers(
            area, municipality_id
        ):
            return True
    return False


def has_capability_somewhere(
    user: User, capability: str, *, municipality: Municipality, organisation_id: int | None = None
) -> bool:
    """Does one of the person's roles in this municipality, in any area, grant `capability`?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(
        a.municipality_id == municipality.pk
        and (organisation_id is None or a.organisation_id == organisation_id)
        and capability in ROLE_CAPABILITIES.get(a.role, frozenset())
        for a in role_assignments_current(user=user)
    )


def is_staff_member(user: User) -> bool:
    return any(a.role in STAFF_ROLES for a in role_assignments_current(user=user))


# Methods that only read: allowed to staff who have not set up TOTP yet.
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def needs_mfa_first(user: User, method: str) -> bool:
    """The staff-TOTP rule, for the web (StaffMFAMiddleware) and the API (StaffMFARequired)
    alike: a staff member (a staff role, or Django staff) without TOTP may read but not
    change anything, unless the setting WIJKWERK_STAFF_MFA_REQUIRED is off (the demo)."""
    if method in READING_METHODS or not settings.WIJKWERK_STAFF_MFA_REQUIRED:
        return False
    if not user.is_authenticated or not (user.is_staff or is_staff_member(user)):
        return False
    return not is_mfa_enabled(user)


def contact_list(*, area: Area) -> list[RoleAssignment]:
    """The public contacts of a wijk: its own and the municipality-wide ones, by role."""
    qs: QuerySet[RoleAssignment] = RoleAssignment.objects.current().filter(
        is_public_contact=True, municipality_id=area.municipality_id
    ).filter(area__isnull=True) | RoleAssignment.objects.current().filter(
        is_public_contact=True, area_id=area.wijk.pk
    )
    rows = list(qs.select_related("user", "organisation", "organisation__parent"))
    order = {role: i for i, role in enumerate(CONTACT_ROLES)}
    rows = [r for r in rows if r.role in order]
    rows.sort(key=lambda r: (order[r.role], r.area_id is None, str(r.user)))
    return rows


def role_assignment_list_visible(*, user) -> QuerySet[RoleAssignment]:
    """Roles are personal data: visible only where the user may see personal data."""
    qs = RoleAssignment.objects.select_related("user", "municipality", "area").order_by("id")
    if user.is_superuser:
        return qs
    scope = Q(pk__in=[])
    for own in role_assignments_current(user=user):
        if VIEW_PERSONAL_DATA not in ROLE_CAPABILITIES.get(own.role, frozenset()):
            continue
        if own.area_id is None:
            scope |= Q(municipality_id=own.municipality_id)
        else:
            scope |= Q(area_id=own.area_id)
    return qs.filter(scope)


# --- people: the management side of "wie doet wat" -------------------------------------------


def people_roles_list(
    *,
    municipality: Municipality,
    area_id: int | None = None,
    role: str = "",
    whole_only: bool = False,
    include_ended: bool = False,
) -> list[RoleAssignment]:
    """Who holds which role where in the municipality (current and coming; with
    `include_ended` also the ended ones), by area, role and person."""
    qs = RoleAssignment.objects.filter(municipality=municipality).select_related(
        "user", "area", "organisation"
    )
    if not include_ended:
        qs = qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()))
    if whole_only:
        qs = qs.filter(area__isnull=True)
    elif area_id is not None:
        qs = qs.filter(area_id=area_id)
    if role:
        qs = qs.filter(role=role)
    rows = list(qs)
    rows.sort(
        key=lambda r: (r.area is not None, r.area.name if r.area else "", r.role, str(r.user))
    )
    return rows


def substitution_list(*, municipality: Municipality) -> list[Substitution]:
    """The municipality's plaatsvervangers that are current or still to come."""
    return list(
        Substitution.objects.filter(municipality=municipality, ends_on__gte=timezone.localdate())
        .select_related("absent", "substitute")
        .order_by("starts_on", "pk")
    )


def substitutions_of(*, user: User, municipality: Municipality) -> list[Substitution]:
    """For whom this person stands in today in the municipality."""
    return list(
        Substitution.objects.on(timezone.localdate())
        .filter(substitute=user, municipality=municipality)
        .select_related("absent")
    )


def people_of(*, municipality: Municipality) -> QuerySet[User]:
    """Everyone who holds or held a role in the municipality: the people a form offers."""
    return (
        User.objects.filter(roles__municipality=municipality, is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )
