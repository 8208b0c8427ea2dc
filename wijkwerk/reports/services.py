"""Taking in and handling meldingen. Every function validates all input before it writes
(a ValidationError leaves nothing behind) and logs status changes with who and why."""

import contextlib
import datetime
import functools
import math
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape

from wijkwerk.areas.locate import place_point
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.photos import clean_photo
from wijkwerk.core.services import audit_log
from wijkwerk.core.tasks import enqueue_on_commit
from wijkwerk.organisations.models import Organisation

from . import lookups
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
from .tasks import mail_reporter, report_deadline_sweep

MAX_PHOTOS = 3
MAX_DESCRIPTION = 3000


def _locate(
    municipality: Municipality, lat: float, lon: float, hint: Area | None = None
) -> tuple[Area | None, Area | None]:
    """The wijk and buurt of a point; refuses points outside the municipality.

    A point that lies in the municipality but in none of its boundaries (a gap between
    generalised boundaries) goes to the wijk the reporter chose, else to the nearest wijk.
    """
    found = place_point(municipality, lon, lat)
    if found is None:
        raise ValidationError(
            {
                "location": [
                    _(
                        "This location lies outside %(municipality)s. Check the point on the "
                        "map, or report it to the municipality where it is."
                    )
                    % {"municipality": municipality.name}
                ]
            }
        )
    if (found.nearest or found.wijk_id is None) and hint is not None:
        if hint.municipality_id != municipality.pk:
            raise ValidationError({"area": [_("This wijk lies in another municipality.")]})
        return hint.wijk, (None if hint.is_wijk else hint)
    areas = Area.objects.in_bulk([pk for pk in (found.wijk_id, found.buurt_id) if pk])
    return areas.get(found.wijk_id), areas.get(found.buurt_id)


def _routing_rules(municipality_id: int) -> dict[tuple[int, int], Organisation]:
    """The routing rules of a municipality, {(category id, area id): organisation}: kept in
    this process for lookups.LOOKUP_SECONDS (forgotten at once when a rule is saved or
    deleted here), like the other lookups of intake."""
    return lookups.remembered(
        ("routing", municipality_id),
        lambda: {
            (rule.category_id, rule.area_id): rule.organisation
            for rule in RoutingRule.objects.filter(
                category__municipality_id=municipality_id
            ).select_related("organisation")
        },
    )


@receiver([post_save, post_delete], sender=RoutingRule)
def _routing_changed(**kwargs: Any) -> None:
    lookups.forget("routing")


def route(category: Category, wijk: Area | None, buurt: Area | None) -> Organisation | None:
    """Who handles it: a routing rule of the buurt, else of the wijk, else the category's.

    A rule is set on a main category or a subcategory; the subcategory's rule wins."""
    areas = [area.pk for area in (buurt, wijk) if area is not None]
    if areas:
        rules = _routing_rules(category.municipality_id)
        if rules:
            for area_id in areas:
                for category_id in (category.pk, category.parent_id):
                    if (category_id, area_id) in rules:
                        return rules[category_id, area_id]
    return category.organisation or (category.parent.organisation if category.parent_id else None)


def _initial_message(category: Category, deadline) -> str:
    return _("Thank you for your report. It is handled within %(days)s %(unit)s, by %(date)s.") % {
        "days": category.handling_days,
        "unit": category.get_day_type_display(),
        "date": timezone.localtime(deadline).strftime("%d-%m-%Y %H:%M"),
    }


# The deadline check is not queued per report (a task row for every report was a third of
# the cost of taking one in): the deadlines are grouped in slots of DEADLINE_SLOT_SECONDS,
# and one `report_deadline_sweep` is queued at the end of each slot in which a report has
# its deadline. It escalates every open report that is overdue by then, so a report is
# escalated at most DEADLINE_SLOT_SECONDS after its deadline. Each process remembers which
# slots it has queued (once committed, see lookups.py), so busy intake writes a handful of
# task rows per slot instead of one per report; a slot less than one slot away is always
# queued again, so that its sweep cannot run before the report is committed.
DEADLINE_SLOT_SECONDS = 300
REMEMBER_SLOT_SECONDS = 3600  # (reports that share a slot mostly come in within minutes)


def deadline_slot(deadline: datetime.datetime) -> datetime.datetime:
    """The end of the slot that holds the deadline: when its sweep runs."""
    end = math.ceil(deadline.timestamp() / DEADLINE_SLOT_SECONDS) * DEADLINE_SLOT_SECONDS
    return datetime.datetime.fromtimestamp(end, tz=datetime.UTC)


def deadline_sweep_needed(deadline: datetime.datetime) -> bool:
    """Whether this process does not know of a queued sweep for the deadline's slot."""
    return not lookups.known(("deadline-sweep", deadline_slot(deadline)))


def schedule_deadline_sweep(deadline: datetime.datetime, now: datetime.datetime) -> None:
    """Make sure a sweep runs at the end of the deadline's slot (with the current change)."""
    slot = deadline_slot(deadline)
    key = ("deadline-sweep", slot)
    if lookups.known(key):
        return
    enqueue_on_commit(report_deadline_sweep, run_after=slot)
    ahead = min((slot - now).total_seconds() - DEADLINE_SLOT_SECONDS, REMEMBER_SLOT_SECONDS)
    if ahead > 0:
        transaction.on_commit(lambda: lookups.remember(key, True, ahead))


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

    Writes the report with its first update (one statement on PostgreSQL), its photos, the
    mail to the reporter and, when this process has not queued it yet, the deadline sweep
    of the deadline's slot: all committed together, or nothing.
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
    if area_hint is not None and area_hint.municipality_id != municipality.pk:
        errors["area"] = [_("This wijk lies in another municipality.")]
    elif lat is None or lon is None:
        if area_hint is None:
            errors["location"] = [
                _("Click the place on the map, or choose the wijk or buurt where it is.")
            ]
        else:
            # No point on the map: the chosen wijk or buurt places the report, and a point
            # inside its boundary (or its wijk's) stands in for the coordinates.
            wijk, buurt = area_hint.wijk, (None if area_hint.is_wijk else area_hint)
            boundary = area_hint.geometry or wijk.geometry or municipality.geometry
            if boundary:
                point = shape(boundary).representative_point()
                lat, lon = point.y, point.x
            else:
                errors["location"] = [
                    _("Click the place on the map: the chosen area has no boundary on file.")
                ]
    elif not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors["location"] = [_("The coordinates are not a valid latitude and longitude.")]
    else:
        try:
            wijk, buurt = _locate(municipality, lat, lon, area_hint)
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    deadline = deadline_for(now, category.handling_days, category.day_type)
    report = Report(
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
    first = ReportUpdate(
        report=report,
        status_to=Status.REPORTED,
        message=_initial_message(category, deadline),
        organisation=report.organisation,
        actor=report.entered_by,
    )
    # Only the report and its history row to write, in one statement, outside any
    # transaction: that statement is atomic by itself and needs no transaction of its own
    # (two round trips fewer). Anything more, or a caller's transaction, gets atomic().
    one_statement = _one_statement()
    alone = (
        one_statement
        and not connection.in_atomic_block
        and not (cleaned or reporter_email or deadline_sweep_needed(deadline))
    )
    with contextlib.nullcontext() if alone else transaction.atomic():
        _insert_with_first_update(report, first, one_statement=one_statement)
        for image in cleaned:
            ReportPhoto.objects.create(report=report, image=image)
        if reporter_email:
            enqueue_on_commit(mail_reporter, first.pk)
        schedule_deadline_sweep(deadline, now)
    report.first_update = first
    return report


def _one_statement() -> bool:
    """Whether a report and its first update can be inserted with one SQL statement: on
    PostgreSQL, when nothing listens to their save signals (nothing does today)."""
    return connection.vendor == "postgresql" and not any(
        signal.has_listeners(model)
        for signal in (pre_save, post_save)
        for model in (Report, ReportUpdate)
    )


def _insert_with_first_update(report: Report, first: ReportUpdate, *, one_statement: bool) -> None:
    """Insert a new report and its first update (`first.report` is `report`).

    With `one_statement` (see _one_statement) this is one INSERT of both, with the columns
    and values taken from the models as Model.save() takes them; else two ordinary saves."""
    if not one_statement:
        report.save(force_insert=True)
        first.report = report
        first.save(force_insert=True)
        return
    report_columns, report_values = _insert_values(report)
    update_columns, update_values = _insert_values(first, leave_out="report_id")
    sql = _insert_sql(tuple(report_columns), tuple(update_columns))
    with connection.cursor() as cursor:
        cursor.execute(sql, [*report_values, *update_values])
        report.pk, first.pk = cursor.fetchone()
    first.report = report
    for saved in (report, first):
        saved._state.adding = False
        saved._state.db = connection.alias


_INSERT_SQL = """
WITH new_report AS (
    INSERT INTO {report_table} ({report_columns}) VALUES ({report_values}) RETURNING {report_pk}
)
INSERT INTO {update_table} ({update_columns})
VALUES ((SELECT {report_pk} FROM new_report), {update_values})
RETURNING {report_fk}, {update_pk}
"""


@functools.cache
def _insert_sql(report_columns: tuple[str, ...], update_columns: tuple[str, ...]) -> str:
    """The statement of _insert_with_first_update (only the models' own names in it)."""
    quote = connection.ops.quote_name
    return _INSERT_SQL.format(
        report_table=quote(Report._meta.db_table),
        report_columns=", ".join(map(quote, report_columns)),
        report_values=", ".join(["%s"] * len(report_columns)),
        report_pk=quote(Report._meta.pk.column),
        update_table=quote(ReportUpdate._meta.db_table),
        update_columns=", ".join(map(quote, ["report_id", *update_columns])),
        update_values=", ".join(["%s"] * len(update_columns)),
        report_fk=quote("report_id"),
        update_pk=quote(ReportUpdate._meta.pk.column),
    )


def _insert_values(instance: Any, leave_out: str = "") -> tuple[list[str], list[Any]]:
    """The columns and database values of a new instance, as Model.save() inserts them
    (auto_now fields are set on the instance as well)."""
    columns, values = [], []
    for field in instance._meta.concrete_fields:
        if field.primary_key or field.attname == leave_out:
            continue
        columns.append(field.column)
        values.append(field.get_db_prep_save(field.pre_save(instance, True), connection))
    return columns, values


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
