"""Keeping the partners of a municipality and their departments. Every function checks
`organisations.manage_organisations` (registered in `accounts.rules`, since this app lies
below the role table), validates everything before it writes (a ValidationError changes
nothing) and logs the change. Departments are one level deep and belong to an
organisation of the same municipality; names are unique within a municipality."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Municipality
from wijkwerk.core.services import audit_log, field_changes

from .models import Organisation, OrganisationKind

EDITABLE = ("name", "short_name", "kind", "parent", "website", "email", "phone")


def _check(actor: Any, municipality: Municipality) -> None:
    if not actor.has_perm("organisations.manage_organisations", municipality):
        raise PermissionDenied(
            _("You do not have a role that allows you to keep the organisations here.")
        )


def _validate(
    municipality: Municipality, v: dict[str, Any], organisation: Organisation | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    name = v.get("name") or ""
    if not name:
        add("name", _("Give the organisation or department a name."))
    elif len(name) > 160:
        add("name", _("Keep the name under 160 characters."))
    else:
        same = Organisation.objects.filter(municipality=municipality, name__iexact=name)
        if organisation is not None:
            same = same.exclude(pk=organisation.pk)
        clash = same.select_related("parent").first()
        if clash is not None:
            add(
                "name",
                _("%(municipality)s already has “%(name)s”: choose another name.")
                % {"municipality": municipality.name, "name": clash},
            )
    if len(v.get("short_name") or "") > 40:
        add("short_name", _("Keep the short name under 40 characters."))
    if v.get("kind") not in OrganisationKind.values:
        add("kind", _("Choose what kind of organisation it is."))
    parent: Organisation | None = v.get("parent")
    if parent is not None:
        if parent.municipality_id != municipality.pk:
            add("parent", _("A department belongs to an organisation of the same municipality."))
        elif parent.parent_id is not None:
            add("parent", _("Departments are one level deep: choose an organisation."))
        elif organisation is not None and parent.pk == organisation.pk:
            add("parent", _("An organisation cannot be a department of itself."))
        elif organisation is not None and organisation.departments.exists():
            add(
                "parent",
                _("This organisation has departments, so it cannot become a department itself."),
            )
    if v.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(v["website"])
        except ValidationError:
            add("website", _("Enter a web address that starts with https://, or leave it empty."))
    if v.get("email"):
        try:
            validate_email(v["email"])
        except ValidationError:
            add("email", _("Enter a valid e-mail address, or leave it empty."))
    if len(v.get("phone") or "") > 30:
        add("phone", _("Keep the phone number under 30 characters."))
    return errors


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in values.items()}


@transaction.atomic
def organisation_create(
    *,
    municipality: Municipality,
    actor: Any,
    name: str,
    kind: str = "",
    parent: Organisation | None = None,
    short_name: str = "",
    website: str = "",
    email: str = "",
    phone: str = "",
) -> Organisation:
    """A partner of the municipality, or (with `parent`) a department of one. A department
    without a kind takes its organisation's."""
    _check(actor, municipality)
    if parent is not None and not kind:
        kind = parent.kind
    values = _clean(
        {
            "name": name,
            "kind": kind,
            "parent": parent,
            "short_name": short_name,
            "website": website,
            "email": email,
            "phone": phone,
        }
    )
    errors = _validate(municipality, values, None)
    if errors:
        raise ValidationError(errors)
    organisation = Organisation.objects.create(municipality=municipality, **values)
    audit_log(
        actor=actor,
        action="organisations.department_create" if parent else "organisations.create",
        target=organisation,
        changes={"name": organisation.name, "kind": organisation.kind, "parent": str(parent or "")},
        municipality_code=municipality.code,
    )
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, actor: Any, **values: Any) -> Organisation:
    _check(actor, organisation.municipality)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    merged = {name: getattr(organisation, name) for name in EDITABLE} | _clean(values)
    if not merged["kind"] and merged["parent"] is not None:
        merged["kind"] = merged["parent"].kind
    errors = _validate(organisation.municipality, merged, organisation)
    if errors:
        raise ValidationError(errors)
    changes = field_changes(organisation, {k: merged[k] for k in values})
    for name in values:
        setattr(organisation, name, merged[name])
    organisation.save()
    audit_log(
        actor=actor,
        action="organisations.update",
        target=organisation,
        changes=changes,
        municipality_code=organisation.municipality.code,
    )
    return organisation
