"""Writing people and their roles: inviting a person, giving and ending a role for a
period, and a plaatsvervanger for a period. Every change is logged with who, when and why;
a role or a substitution is never deleted, it ends."""

from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.core.tasks import enqueue_on_commit
from wijkwerk.organisations.models import Organisation

from .models import RoleAssignment, Substitution, User
from .roles import Role
from .selectors import forget_cached_roles
from .tasks import send_invitation


def _overlaps(starts_on: date | None, ends_on: date | None) -> Q:
    """Rows whose period (open at either end when empty) shares a day with this one."""
    q = Q()
    if ends_on is not None:
        q &= Q(starts_on__isnull=True) | Q(starts_on__lte=ends_on)
    if starts_on is not None:
        q &= Q(ends_on__isnull=True) | Q(ends_on__gte=starts_on)
    return q


def _lock(user: User) -> None:
    """Serialise the changes to one person's roles (two beheerders giving the same role)."""
    User.objects.select_for_update().filter(pk=user.pk).first()


@transaction.atomic
def role_assign(
    *,
    user: User,
    role: str,
    municipality: Municipality,
    area: Area | None = None,
    organisation: Organisation | None = None,
    actor: Any = None,
    is_public_contact: bool = False,
    public_email: str = "",
    public_phone: str = "",
    starts_on: date | None = None,
    ends_on: date | None = None,
    reason: str = "",
    person_field: str = "user",
) -> RoleAssignment:
    """Give a person a role in an area (none: the whole municipality) for a period. The same
    role in the same place for a period that overlaps one already held is refused; the
    refusal names `person_field` (the form's field for the person)."""
    assignment = RoleAssignment(
        user=user,
        role=role,
        municipality=municipality,
        area=area,
        organisation=organisation,
        is_public_contact=is_public_contact,
        public_email=public_email,
        public_phone=public_phone,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    assignment.full_clean(validate_constraints=False)
    _lock(user)
    held = RoleAssignment.objects.filter(
        _overlaps(starts_on, ends_on), user=user, role=role, municipality=municipality, area=area
    )
    if held.exists():
        raise ValidationError(
            {
                person_field: _("%(person)s already holds the role %(role)s here in this period.")
                % {"person": user.email, "role": Role(role).label}
            }
        )
    assignment.full_clean()
    assignment.save()
    forget_cached_roles(user)
    audit_log(
        actor=actor,
        action="role.assign",
        target=assignment,
        municipality_code=municipality.code,
        reason=reason,
        changes={
            "user": user.email,
            "role": role,
            "area": area.code if area else None,
            "organisation": organisation.name if organisation else None,
            "starts_on": starts_on.isoformat() if starts_on else None,
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    return assignment


@transaction.atomic
def role_end(
    *, assignment: RoleAssignment, ends_on: date, actor: Any = None, reason: str = ""
) -> RoleAssignment:
    """End a role on `ends_on` (its last day). The row stays: who held what, when."""
    assignment = RoleAssignment.objects.select_for_update(of=("self",)).get(pk=assignment.pk)
    if ends_on is None:
        raise ValidationError({"ends_on": _("Give the last day of the role.")})
    if assignment.ends_on is not None and assignment.ends_on < ends_on:
        raise ValidationError(
            {
                "ends_on": _("This role already ends on %(date)s.")
                % {"date": assignment.ends_on.strftime("%d-%m-%Y")}
            }
        )
    old = assignment.ends_on
    assignment.ends_on = ends_on
    assignment.full_clean(validate_constraints=False)
    assignment.save(update_fields=["ends_on"])
    forget_cached_roles(assignment.user)
    audit_log(
        actor=actor,
        action="role.end",
        target=assignment,
        municipality_code=assignment.municipality.code,
        reason=reason,
        changes={
            "user": assignment.user.email,
            "role": assignment.role,
            "ends_on": [old.isoformat() if old else None, ends_on.isoformat()],
        },
    )
    return assignment


@transaction.atomic
def person_invite(
    *,
    email: str,
    municipality: Municipality,
    role: str,
    actor: Any,
    full_name: str = "",
    area: Area | None = None,
    organisation: Organisation | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    is_public_contact: bool = False,
    public_email: str = "",
    public_phone: str = "",
    reason: str = "",
) -> RoleAssignment:
    """Invite a person by e-mail to a role: their account is made (or the existing one is
    used), the role given, and a mail sent with the link to set a password (a new account)
    or to log in. An address that already holds the role there is told so."""
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User.objects.create_user(email, None, full_name=full_name.strip())
        # Verified: the only way in is the link sent to this address.
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    elif full_name.strip() and not user.full_name:
        user.full_name = full_name.strip()
        user.save(update_fields=["full_name"])
    assignment = role_assign(
        user=user,
        role=role,
        municipality=municipality,
        area=area,
        organisation=organisation,
        actor=actor,
        starts_on=starts_on,
        ends_on=ends_on,
        is_public_contact=is_public_contact,
        public_email=public_email,
        public_phone=public_phone,
        reason=reason,
        person_field="email",
    )
    audit_log(
        actor=actor,
        action="person.invite",
        target=user,
        municipality_code=municipality.code,
        reason=reason,
        changes={"email": email, "new_account": created, "role": role},
    )
    enqueue_on_commit(send_invitation, assignment.pk)
    return assignment


@transaction.atomic
def substitution_create(
    *,
    absent: User,
    substitute: User,
    municipality: Municipality,
    starts_on: date,
    ends_on: date,
    actor: Any,
    reason: str = "",
) -> Substitution:
    """B (`substitute`) stands in for A (`absent`) from `starts_on` to `ends_on`: during
    that period B holds A's roles in the municipality as well as their own."""
    errors: dict[str, str] = {}
    if absent.pk == substitute.pk:
        errors["substitute"] = _("A person cannot stand in for themselves.")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end date lies before the start date.")
    if errors:
        raise ValidationError(errors)
    _lock(absent)
    if not RoleAssignment.objects.filter(
        _overlaps(starts_on, ends_on), user=absent, municipality=municipality
    ).exists():
        raise ValidationError(
            {
                "absent": _("%(person)s holds no role in %(municipality)s in this period.")
                % {"person": absent, "municipality": municipality.name}
            }
        )
    if Substitution.objects.filter(
        absent=absent,
        substitute=substitute,
        municipality=municipality,
        starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    ).exists():
        raise ValidationError(
            {
                "starts_on": _(
                    "%(substitute)s already stands in for %(absent)s in part of this period."
                )
                % {"substitute": substitute, "absent": absent}
            }
        )
    substitution = Substitution(
        absent=absent,
        substitute=substitute,
        municipality=municipality,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    substitution.full_clean()
    substitution.save()
    forget_cached_roles(substitute)
    audit_log(
        actor=actor,
        action="substitution.create",
        target=substitution,
        municipality_code=municipality.code,
        reason=reason,
        changes={
            "absent": absent.email,
            "substitute": substitute.email,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )
    return substitution


@transaction.atomic
def substitution_end(
    *, substitution: Substitution, ends_on: date, actor: Any, reason: str = ""
) -> Substitution:
    """End a substitution early (the absent person is back): its last day becomes `ends_on`."""
    substitution = Substitution.objects.select_for_update().get(pk=substitution.pk)
    if ends_on > substitution.ends_on:
        raise ValidationError(
            {
                "ends_on": _("This substitution already ends on %(date)s.")
                % {"date": substitution.ends_on.strftime("%d-%m-%Y")}
            }
        )
    if ends_on < substitution.starts_on:
        raise ValidationError({"ends_on": _("The end date lies before the start date.")})
    old = substitution.ends_on
    substitution.ends_on = ends_on
    substitution.save(update_fields=["ends_on"])
    forget_cached_roles(substitution.substitute)
    audit_log(
        actor=actor,
        action="substitution.end",
        target=substitution,
        municipality_code=substitution.municipality.code,
        reason=reason,
        changes={"ends_on": [old.isoformat(), ends_on.isoformat()]},
    )
    return substitution
