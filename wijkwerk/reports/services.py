"""Taking in and handling meldingen. Every function validates all input before it writes
(a ValidationError leaves nothing behind) and logs status changes with who and why."""

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape

from wijkwerk.areas.locate import locator_for, municipality_contains
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.core.tasks import enqueue_on_commit
from wijkwerk.organisations.models import Organisation

from .deadlines import deadline_for
from .defaults import DEFAULT_TREE
from .models import (
    TRANSITIONS,
    Category,
    Channel,
    Report,
    ReportPhoto,
    ReportUpdate,
    RoutingRule,
    Status,
)
from .photos import clean_photo
from .tasks import mail_reporter, report_deadline_check

MAX_PHOTOS = 3
MAX_DESCRIPTION = 3000


def _locate(municipality: Municipality, lat: float, lon: float) -> tuple[Area | None, Area | None]:
    """The wijk and buurt of a point; refuses points outside the municipality."""
    inside = municipality_contains(municipality, lon, lat)
    located = locator_for(municipality)
    found = located.locate(lon, lat)
    if inside is False or (inside is None and located.has_shapes and found.wijk_id is None):
        raise ValidationError(
            {
                "location": [
                    _("This location lies outside %(municipality)s. Check the point on the map.")
                    % {"municipality": municipality.name}
                ]
            }
        )
    areas = Area.objects.in_bulk([pk for pk in (found.wijk_id, found.buurt_id) if pk])
    return areas.get(found.wijk_id), areas.get(found.buurt_id)


def route(category: Category, wijk: Area | None, buurt: Area | None) -> Organisation | None:
    """Who handles it: a routing rule of the buurt, else of the wijk, else the category's."""
    rules = {
        rule.area_id: rule.organisation
        for rule in RoutingRule.objects.filter(
            category__in=[category.pk, category.parent_id],
            area__in=[a.pk for a in (buurt, wijk) if a],
        ).select_related("organisation")
    }
    for area in (buurt, wijk):
        if area is not None and area.pk in rules:
            return rules[area.pk]
    return category.organisation or (category.parent.organisation if category.parent_id else None)


def _initial_message(category: Category, deadline) -> str:
    return _("Thank you for your report. It is handled within %(days)s %(unit)s, by %(date)s.") % {
        "days": category.handling_days,
        "unit": category.get_day_type_display(),
        "date": timezone.localtime(deadline).strftime("%d-%m-%Y %H:%M"),
    }


@transaction.atomic
def report_create(
    *,
    municipality: Municipality,
    category: Category,
    description: str,
    lat: float | None,
    lon: float | None,
    channel: str,
    actor: Any = None,
    address: str = "",
    reporter_email: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    photos: Sequence[UploadedFile] = (),
    area_hint: Area | None = None,
) -> Report:
    """Take in a report from the website, the KCC (phone, letter, desk) or the API.

    Where the municipality has no boundaries on file, `area_hint` (a wijk or buurt the
    reporter chose) places the report instead of its coordinates.
    """
    errors: dict[str, list[str]] = {}
    if channel not in Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    if channel in (Channel.PHONE, Channel.LETTER, Channel.DESK) and not (
        actor is not None and actor.has_perm("reports.enter_report", municipality)
    ):
        raise PermissionDenied(_("Only intake staff enter reports on behalf of a caller."))
    if category.municipality_id != municipality.pk or not category.is_active:
        errors["category"] = [_("Choose a category of this municipality.")]
    elif category.parent_id is None and category.children.exists():
        errors["category"] = [_("Choose a subcategory: what exactly is wrong?")]
    description = description.strip()
    if not description:
        errors["description"] = [_("Describe what is wrong and where exactly.")]
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = [
            _("Keep the description under %(max)s characters.") % {"max": MAX_DESCRIPTION}
        ]
    reporter_email = reporter_email.strip()
    if reporter_email:
        try:
            validate_email(reporter_email)
        except ValidationError:
            errors["email"] = [_("Enter a valid e-mail address, or leave it empty.")]
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = [_("Send at most %(max)s photos.") % {"max": MAX_PHOTOS}]
    cleaned = []
    for photo in photos[:MAX_PHOTOS]:
        try:
            cleaned.append(clean_photo(photo))
        except ValidationError as error:
            errors.setdefault("photos", []).extend(error.messages)
    wijk = buurt = None
    if (lat is None or lon is None) and area_hint is not None and area_hint.geometry:
        # No point on the map: the middle of the chosen wijk or buurt stands in for it.
        point = shape(area_hint.geometry).representative_point()
        lat, lon = point.y, point.x
    if lat is None or lon is None:
        errors["location"] = [
            _("Click the place on the map: the chosen area has no boundary on file.")
        ]
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["location"] = [_("The coordinates are not a valid latitude and longitude.")]
    else:
        try:
            wijk, buurt = _locate(municipality, lat, lon)
        except ValidationError as error:
            errors.update(error.message_dict)
        if wijk is None and area_hint is not None and "location" not in errors:
            if area_hint.municipality_id != municipality.pk:
                errors["area"] = [_("This wijk lies in another municipality.")]
            else:
                wijk, buurt = area_hint.wijk, (None if area_hint.is_wijk else area_hint)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    deadline = deadline_for(now, category.handling_days, category.day_type)
    report = Report.objects.create(
        municipality=municipality,
        category=category,
        description=description,
        lat=lat,
        lon=lon,
        address=address.strip()[:200],
        wijk=wijk,
        buurt=buurt,
        organisation=route(category, wijk, buurt),
        channel=channel,
        reporter_email=reporter_email,
        reporter_name=reporter_name.strip()[:120],
        reporter_phone=reporter_phone.strip()[:30],
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        deadline=deadline,
    )
    for image in cleaned:
        ReportPhoto.objects.create(report=report, image=image)
    first = ReportUpdate.objects.create(
        report=report,
        status_to=Status.REPORTED,
        message=_initial_message(category, deadline),
        organisation=report.organisation,
        actor=report.entered_by,
    )
    if reporter_email:
        enqueue_on_commit(mail_reporter, first.pk)
    enqueue_on_commit(report_deadline_check, report.pk, run_after=deadline)
    report.first_update = first
    return report


@transaction.atomic
def report_status_change(
    *,
    report: Report,
    actor: Any,
    status: str,
    message: str,
    organisation: Organisation | None = None,
) -> ReportUpdate:
    """Move a report on, always with a message to the reporter (e-mailed in the background)."""
    if not actor.has_perm("reports.handle_report", report):
        raise PermissionDenied(_("You do not handle this report."))
    report = Report.objects.select_for_update().get(pk=report.pk)
    errors: dict[str, list[str]] = {}
    if status not in TRANSITIONS.get(report.status, ()):
        errors["status"] = [
            _("A report that is %(status)s cannot become %(new)s.")
            % {"status": report.get_status_display(), "new": Status(status).label}
            if status in Status.values
            else _("Choose a status.")
        ]
    if not message.strip():
        errors["message"] = [_("Write a message for the reporter: what happens now?")]
    if status == Status.FORWARDED:
        if organisation is None:
            errors["organisation"] = [_("Choose the organisation that takes over.")]
        elif organisation.municipality_id != report.municipality_id:
            errors["organisation"] = [_("This organisation works in another municipality.")]
    if errors:
        raise ValidationError(errors)
    old = report.status
    report.status = status
    if status == Status.FORWARDED:
        report.organisation = organisation
    if status == Status.HANDLED:
        report.handled_at = timezone.now()
    elif status == Status.REOPENED:
        report.handled_at = None
    report.save()
    update = ReportUpdate.objects.create(
        report=report,
        status_from=old,
        status_to=status,
        message=message.strip(),
        organisation=report.organisation,
        actor=actor,
    )
    audit_log(
        actor=actor,
        action="reports.status",
        target=report,
        changes={"status": [old, status]},
        reason=message.strip(),
        municipality_code=report.municipality.code,
    )
    if report.reporter_email:
        enqueue_on_commit(mail_reporter, update.pk)
    return update


@transaction.atomic
def categories_install_defaults(
    *, municipality: Municipality, actor: Any, organisation: Organisation | None = None
) -> int:
    """Add the starting category tree (`defaults.py`) where codes are still free; returns
    how many categories were added. The municipality adapts terms and routing afterwards."""
    if not actor.has_perm("reports.manage_categories", municipality):
        raise PermissionDenied(_("You do not have a role that allows this."))
    added = 0
    for code, name, children in DEFAULT_TREE:
        parent, created = Category.objects.get_or_create(
            municipality=municipality, code=code, defaults={"name": name}
        )
        added += created
        for sub_code, sub_name, days, day_type, description in children:
            _category, created = Category.objects.get_or_create(
                municipality=municipality,
                code=f"{code}-{sub_code}" if sub_code == code else sub_code,
                defaults={
                    "parent": parent,
                    "name": sub_name,
                    "handling_days": days,
                    "day_type": day_type,
                    "description": description,
                    "organisation": organisation,
                },
            )
            added += created
    audit_log(
        actor=actor,
        action="reports.categories_defaults",
        target=municipality,
        changes={"added": added},
        municipality_code=municipality.code,
    )
    return added


@transaction.atomic
def report_link_duplicate(*, report: Report, actor: Any, original: Report) -> Report:
    """Mark a report as the same problem as an earlier one; it is closed with a message
    pointing to the original, whose handling continues."""
    if not actor.has_perm("reports.handle_report", report):
        raise PermissionDenied(_("You do not handle this report."))
    if original.pk == report.pk or original.municipality_id != report.municipality_id:
        raise ValidationError({"original": [_("Choose another report of this municipality.")]})
    if original.duplicate_of_id is not None:
        original = original.duplicate_of
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.duplicate_of = original
    report.save(update_fields=["duplicate_of", "updated_at"])
    if report.status in TRANSITIONS and Status.CANCELLED in TRANSITIONS[report.status]:
        report_status_change(
            report=report,
            actor=actor,
            status=Status.CANCELLED,
            message=_("This problem was reported before (report %(id)s); it is handled there.")
            % {"id": original.pk},
        )
    return report
