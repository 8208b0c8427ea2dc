"""Setting up the categories of meldingen: each with its handling term and the organisation
(or department) that handles it. The term becomes the deadline of every new report
(`deadlines.deadline_for`), the organisation its first handler (`services.route`, unless a
routing rule of the wijk or buurt says otherwise).

Every function checks `reports.manage_categories`, validates everything before it writes
(a ValidationError changes nothing) and logs the decision. A category is never deleted
(reports point to it): it is deactivated, and then no new report can choose it. Its code
is the Open311 service_code and does not change once made.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkwerk.areas.models import Municipality
from wijkwerk.core.services import audit_log, field_changes
from wijkwerk.organisations.models import Organisation

from . import lookups
from .models import Category, DayType

MAX_TERM_DAYS = 365
EDITABLE = ("name", "description", "parent", "handling_days", "day_type", "organisation")


def _check(actor: Any, municipality: Municipality) -> None:
    if not actor.has_perm("reports.manage_categories", municipality):
        raise PermissionDenied(_("You do not have a role that allows you to set up categories."))


def _forget_lookups() -> None:
    """Intake remembers a municipality's categories for a while; after a change it reads
    them again at once (in this process; others within lookups.LOOKUP_SECONDS)."""
    transaction.on_commit(lambda: lookups.forget("services"))


def _validate(
    municipality: Municipality, v: dict[str, Any], category: Category | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    name = v.get("name") or ""
    if not name:
        add("name", _("Give the category a name."))
    parent: Category | None = v.get("parent")
    if parent is not None:
        if parent.municipality_id != municipality.pk:
            add("parent", _("Choose a main category of this municipality."))
        elif parent.parent_id is not None:
            add("parent", _("Categories are two levels deep: choose a main category."))
        elif category is not None and (parent.pk == category.pk or category.children.exists()):
            add("parent", _("A main category with subcategories cannot become a subcategory."))
    if name and "parent" not in errors:
        siblings = Category.objects.filter(
            municipality=municipality, parent=parent, name__iexact=name
        )
        if category is not None:
            siblings = siblings.exclude(pk=category.pk)
        if siblings.exists():
            add("name", _("There is already a category “%(name)s” here.") % {"name": name})
    days = v.get("handling_days")
    if days is None or isinstance(days, bool) or not isinstance(days, int):
        add(
            "handling_days",
            _("Enter the handling term: within how many days a report is handled."),
        )
    elif not 1 <= days <= MAX_TERM_DAYS:
        add(
            "handling_days",
            _("The handling term is from 1 to %(max)d days.") % {"max": MAX_TERM_DAYS},
        )
    if v.get("day_type") not in DayType.values:
        add("day_type", _("Choose whether the term counts working days or calendar days."))
    organisation: Organisation | None = v.get("organisation")
    if organisation is not None and organisation.municipality_id != municipality.pk:
        add("organisation", _("Choose an organisation or department of this municipality."))
    elif organisation is None and parent is not None and parent.organisation_id is None:
        # A main category may leave the handler to its subcategories; a subcategory is what
        # reports choose, so it needs one of its own or its main category's.
        add(
            "organisation",
            _("Choose who handles these reports: the main category “%(name)s” has no handler.")
            % {"name": parent.name},
        )
    return errors


def _unique_code(municipality: Municipality, wanted: str, name: str) -> tuple[str, list[str]]:
    code = slugify(wanted or name)[:80]
    if not code:
        return "", [_("Give a code of letters, digits and dashes, for example gat-in-de-weg.")]
    taken = Category.objects.filter(municipality=municipality, code=code).exists()
    if taken and wanted:
        return code, [_("The code %(code)s is already in use.") % {"code": code}]
    base, n = code, 2
    while taken:
        code = f"{base[:76]}-{n}"
        n += 1
        taken = Category.objects.filter(municipality=municipality, code=code).exists()
    return code, []


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


@transaction.atomic
def category_create(
    *,
    municipality: Municipality,
    actor: Any,
    name: str,
    handling_days: int | None,
    day_type: str = DayType.WORKING,
    parent: Category | None = None,
    organisation: Organisation | None = None,
    description: str = "",
    code: str = "",
) -> Category:
    """A new category (a main category without `parent`) with its term and handler."""
    _check(actor, municipality)
    values = _clean(
        {
            "name": name,
            "description": description,
            "parent": parent,
            "handling_days": handling_days,
            "day_type": day_type,
            "organisation": organisation,
        }
    )
    errors = _validate(municipality, values, None)
    slug, code_errors = _unique_code(municipality, (code or "").strip(), values["name"])
    if code_errors:
        errors["code"] = code_errors
    if errors:
        raise ValidationError(errors)
    category = Category.objects.create(municipality=municipality, code=slug, **values)
    audit_log(
        actor=actor,
        action="reports.category_create",
        target=category,
        changes={
            "code": category.code,
            "name": category.name,
            "handling_days": category.handling_days,
            "day_type": category.day_type,
            "organisation": str(organisation) if organisation else None,
        },
        municipality_code=municipality.code,
    )
    _forget_lookups()
    return category


@transaction.atomic
def category_update(*, category: Category, actor: Any, **values: Any) -> Category:
    """Change a category's name, place, term or handler. Reports already made keep their
    deadline; new ones get the new term."""
    _check(actor, category.municipality)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    category = Category.objects.select_for_update().get(pk=category.pk)
    merged = {name: getattr(category, name) for name in EDITABLE} | _clean(values)
    errors = _validate(category.municipality, merged, category)
    if errors:
        raise ValidationError(errors)
    changes = field_changes(category, {k: merged[k] for k in values})
    for name in values:
        setattr(category, name, merged[name])
    category.save()
    audit_log(
        actor=actor,
        action="reports.category_update",
        target=category,
        changes=changes,
        municipality_code=category.municipality.code,
    )
    _forget_lookups()
    return category


@transaction.atomic
def category_set_active(*, category: Category, actor: Any, active: bool) -> Category:
    """Deactivate a category (no new reports can choose it; its reports stay as they are),
    or make it active again. A main category takes its subcategories along."""
    _check(actor, category.municipality)
    category = Category.objects.select_for_update().get(pk=category.pk)
    if active and category.parent_id and not category.parent.is_active:
        raise ValidationError(
            _("Make the main category “%(name)s” active first.") % {"name": category.parent.name}
        )
    touched = Category.objects.filter(pk=category.pk)
    if category.parent_id is None:
        touched = Category.objects.filter(pk=category.pk) | category.children.all()
    count = touched.exclude(is_active=active).update(is_active=active)
    audit_log(
        actor=actor,
        action="reports.category_activate" if active else "reports.category_deactivate",
        target=category,
        changes={"is_active": [not active, active], "categories": count},
        municipality_code=category.municipality.code,
    )
    _forget_lookups()
    category.refresh_from_db()
    return category
