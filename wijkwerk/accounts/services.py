from datetime import date
from typing import Any

from django.db import transaction

from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from .models import RoleAssignment, User
from .selectors import forget_cached_roles


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
) -> RoleAssignment:
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
    assignment.full_clean()
    assignment.save()
    forget_cached_roles(user)
    audit_log(
        actor=actor,
        action="role.assign",
        target=assignment,
        municipality_code=municipality.code,
        changes={"user": user.email, "role": role, "area": area.code if area else None},
    )
    return assignment


@transaction.atomic
def role_end(*, assignment: RoleAssignment, ends_on: date, actor: Any = None) -> RoleAssignment:
    assignment.ends_on = ends_on
    assignment.full_clean()
    assignment.save(update_fields=["ends_on"])
    forget_cached_roles(assignment.user)
    audit_log(
        actor=actor,
        action="role.end",
        target=assignment,
        municipality_code=assignment.municipality.code,
        changes={"ends_on": ends_on.isoformat()},
    )
    return assignment
