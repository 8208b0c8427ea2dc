"""Writing wijkschouwen: agreed levels, planning (route and participants), the walk (scores
and findings) and handing findings on as a melding or a wijkagenda item.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError or PermissionDenied leaves the database as it was) and logs the change in
the audit log. A melding is made through `core.handoffs` (reports is of this same layer and
is never imported); an agenda item through the agenda's services, pointing back here by
origin kind + id.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import Source
from wijkwerk.agenda.services import agenda_item_create
from wijkwerk.areas.locate import municipality_contains
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core import handoffs
from wijkwerk.core.photos import clean_photo
from wijkwerk.core.services import audit_log, fields_set
from wijkwerk.organisations.models import Organisation

from .levels import DEFAULT_LEVEL, MELDING_CATEGORY_HINT, Level, ObjectType, is_below
from .models import (
    TRANSITIONS,
    Became,
    Finding,
    Inspection,
    Participant,
    ParticipantRole,
    QualityAgreement,
    Score,
    Status,
    Stop,
)

ORIGIN_FINDING = "inspections.finding"
MAX_STOPS = 60
MAX_NOTE = 500


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this schouw."))


def _log(municipality: Municipality, actor: Any, action: str, target: Any, changes: dict) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        municipality_code=municipality.code,
    )


def _lock(inspection: Inspection) -> Inspection:
    """Re-read the schouw under a row lock, so that a status change and a score cannot cross."""
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("municipality", "area")
        .get(pk=inspection.pk)
    )


def _point_errors(
    municipality: Municipality, lat: float | None, lon: float | None, field: str = "location"
) -> dict[str, list[str]]:
    """A point must be a valid coordinate within the municipality (when its boundary is known)."""
    if lat is None or lon is None:
        return {}
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return {field: [_("The coordinates are not a valid latitude and longitude.")]}
    if municipality_contains(municipality, lon, lat) is False:
        return {
            field: [
                _("This location lies outside %(municipality)s.")
                % {"municipality": municipality.name}
            ]
        }
    return {}


# --- agreed levels -------------------------------------------------------------------------


def agreed_levels(*, area: Area) -> dict[str, str]:
    """The agreed level per kind of object in the wijk; kinds without one count as B."""
    found = dict(
        QualityAgreement.objects.filter(area=area.wijk).values_list("object_type", "level")
    )
    return {kind: found.get(kind, DEFAULT_LEVEL) for kind in ObjectType.values}


@transaction.atomic
def quality_level_set(
    *,
    area: Area,
    actor: Any,
    object_type: str,
    level: str,
    agreed_with: str,
    agreed_on: datetime.date,
) -> QualityAgreement:
    """Record (or change) the level agreed for a kind of object in a wijk, with whom and when.
    Scores already given keep the level that was agreed then."""
    check_perm(actor, "inspections.manage_inspection", area)
    errors: dict[str, list[str]] = {}
    if not area.is_wijk:
        errors["area"] = [_("Levels are agreed per wijk or village.")]
    if object_type not in ObjectType.values:
        errors["object_type"] = [_("Choose a kind of object from the list.")]
    if level not in Level.values:
        errors["level"] = [_("Choose a level from A+ to D.")]
    agreed_with = agreed_with.strip()
    if not agreed_with:
        errors["agreed_with"] = [_("Say with whom this level was agreed.")]
    if agreed_on is None or agreed_on > timezone.localdate():
        errors["agreed_on"] = [_("Enter the day it was agreed; it cannot lie in the future.")]
    if errors:
        raise ValidationError(errors)
    values = {"level": level, "agreed_with": agreed_with, "agreed_on": agreed_on}
    found = (
        QualityAgreement.objects.select_for_update()
        .filter(area=area, object_type=object_type)
        .first()
    )
    if found is None:
        found = QualityAgreement.objects.create(
            area=area, object_type=object_type, recorded_by=actor, **values
        )
        changes = {"object_type": object_type, "level": [None, level]}
    else:
        changes = fields_set(found, values)
        found.recorded_by = actor
        found.save()
    _log(area.municipality, actor, "inspections.level_set", found, changes)
    return found


# --- planning ------------------------------------------------------------------------------


@transaction.atomic
def inspection_plan(
    *,
    area: Area,
    actor: Any,
    title: str,
    starts_at: datetime.datetime,
    meeting_point: str = "",
    photo_required: bool = False,
    location_required: bool = True,
) -> Inspection:
    """Staff plan a schouw in a wijk; the route and participants are added next."""
    check_perm(actor, "inspections.manage_inspection", area)
    title, meeting_point = title.strip(), meeting_point.strip()
    errors: dict[str, list[str]] = {}
    if not area.is_wijk:
        errors["area"] = [_("A schouw is held in a wijk or village.")]
    if not title:
        errors["title"] = [_("Give the schouw a title.")]
    if starts_at is None:
        errors["starts_at"] = [_("Enter the date and time of the schouw.")]
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        municipality=area.municipality,
        area=area,
        title=title,
        starts_at=starts_at,
        meeting_point=meeting_point,
        photo_required=photo_required,
        location_required=location_required,
        created_by=actor,
    )
    _log(area.municipality, actor, "inspections.plan", inspection, {"title": title})
    return inspection


def _not_done(inspection: Inspection) -> None:
    if inspection.status == Status.DONE:
        raise ValidationError(_("This schouw is done and can no longer change."))


@transaction.atomic
def stop_add(
    *,
    inspection: Inspection,
    actor: Any,
    name: str,
    lat: float | None,
    lon: float | None,
    object_type: str = "",
) -> Stop:
    """Add a stop at the end of the route."""
    check_perm(actor, "inspections.manage_inspection", inspection)
    inspection = _lock(inspection)
    _not_done(inspection)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Name the place of the stop.")]
    if lat is None or lon is None:
        errors["location"] = [_("Give the stop a location.")]
    errors.update(_point_errors(inspection.municipality, lat, lon))
    if object_type and object_type not in ObjectType.values:
        errors["object_type"] = [_("Choose a kind of object from the list.")]
    count = inspection.stops.count()
    if count >= MAX_STOPS:
        errors["name"] = [_("A route has at most %(max)s stops.") % {"max": MAX_STOPS}]
    if errors:
        raise ValidationError(errors)
    stop = Stop.objects.create(
        inspection=inspection,
        position=count + 1,
        name=name,
        lat=lat,
        lon=lon,
        object_type=object_type,
    )
    _log(inspection.municipality, actor, "inspections.stop_add", inspection, {"stop": name})
    return stop


@transaction.atomic
def participant_add(
    *, inspection: Inspection, actor: Any, role: str, user: Any = None, name: str = ""
) -> Participant:
    """Someone walks along: an account (who may then score on their own phone) or a name."""
    check_perm(actor, "inspections.manage_inspection", inspection)
    inspection = _lock(inspection)
    _not_done(inspection)
    name = name.strip()
    errors: dict[str, list[str]] = {}
    if role not in ParticipantRole.values:
        errors["role"] = [_("Choose whether they take part as resident or professional.")]
    if user is None and not name:
        errors["name"] = [_("Give a name, or the e-mail address of an account.")]
    elif user is not None and inspection.participants.filter(user=user).exists():
        errors["name"] = [_("This person already takes part.")]
    if errors:
        raise ValidationError(errors)
    participant = Participant.objects.create(
        inspection=inspection, user=user, name=name[:120], role=role
    )
    # Only the role is logged: the name is personal data.
    _log(inspection.municipality, actor, "inspections.participant_add", inspection, {"role": role})
    return participant


@transaction.atomic
def inspection_transition(*, inspection: Inspection, actor: Any, to: str) -> Inspection:
    """Start the walk (planned → in progress) or close it (in progress → done)."""
    check_perm(actor, "inspections.walk_inspection", inspection)
    inspection = _lock(inspection)
    if to not in TRANSITIONS.get(inspection.status, frozenset()):
        raise ValidationError(
            _("A schouw that is %(status)s cannot become %(to)s.")
            % {"status": inspection.get_status_display(), "to": Status(to).label}
            if to in Status.values
            else _("Unknown status.")
        )
    if to == Status.IN_PROGRESS and not inspection.stops.exists():
        raise ValidationError(_("Add at least one stop to the route first."))
    old = inspection.status
    inspection.status = to
    if to == Status.DONE:
        inspection.finished_at = timezone.now()
    inspection.save(update_fields=["status", "finished_at"])
    _log(inspection.municipality, actor, "inspections.status", inspection, {"status": [old, to]})
    return inspection


# --- the walk ------------------------------------------------------------------------------


@transaction.atomic
def score_record(
    *,
    inspection: Inspection,
    stop: Stop,
    actor: Any,
    object_type: str,
    level: str,
    note: str = "",
    lat: float | None = None,
    lon: float | None = None,
    photo: UploadedFile | None = None,
) -> Score:
    """Score one kind of object at a stop. Below the agreed level the score is a finding:
    then `note` says what is wrong, and the point and photo go with it (required where the
    schouw says so). Scoring the same object again replaces the score, unless its finding
    was handed on already."""
    check_perm(actor, "inspections.walk_inspection", inspection)
    inspection = _lock(inspection)
    if inspection.status == Status.DONE:
        raise ValidationError(_("This schouw is done: its scores can no longer change."))
    if inspection.status == Status.PLANNED:
        raise ValidationError(_("Start the schouw before scoring."))
    if stop.inspection_id != inspection.pk:
        raise ValidationError({"stop": [_("This stop belongs to another schouw.")]})
    note = note.strip()
    errors: dict[str, list[str]] = {}
    if object_type not in ObjectType.values:
        errors["object_type"] = [_("Choose a kind of object from the list.")]
    if level not in Level.values:
        errors["level"] = [_("Choose a level from A+ to D.")]
    if len(note) > MAX_NOTE:
        errors["note"] = [_("Keep the note under %(max)s characters.") % {"max": MAX_NOTE}]
    if errors:
        raise ValidationError(errors)
    agreed = agreed_levels(area=inspection.area)[object_type]
    existing = (
        Score.objects.select_for_update(of=("self",))
        .filter(stop=stop, object_type=object_type)
        .select_related("finding")
        .first()
    )
    finding = getattr(existing, "finding", None) if existing else None
    if finding is not None and finding.converted:
        raise ValidationError(
            _("The finding for this object has been handed on already; its score stays.")
        )
    cleaned = None
    if is_below(level, agreed):
        if not note:
            errors["note"] = [_("Describe what is wrong: this score is below the agreed level.")]
        if lat is None or lon is None:
            lat = lon = None
            if inspection.location_required:
                errors["location"] = [_("This schouw needs the location of every finding.")]
        errors.update(_point_errors(inspection.municipality, lat, lon))
        if photo is not None:
            try:
                cleaned = clean_photo(photo)
            except ValidationError as error:
                errors["photo"] = error.messages
        elif inspection.photo_required and not (finding is not None and finding.photo):
            errors["photo"] = [_("This schouw needs a photo of every finding.")]
        if errors:
            raise ValidationError(errors)
    score, _created = Score.objects.update_or_create(
        stop=stop,
        object_type=object_type,
        defaults={"level": level, "agreed_level": agreed, "note": note, "scored_by": actor},
    )
    if not score.below_agreed:
        if finding is not None:
            finding.delete()
    else:
        if finding is None:
            finding = Finding(score=score, inspection=inspection, created_by=actor)
        finding.description = note
        if lat is not None:
            finding.lat, finding.lon = lat, lon
        if cleaned is not None:
            finding.photo.save(cleaned.name, cleaned, save=False)
        finding.save()
    _log(
        inspection.municipality,
        actor,
        "inspections.score",
        score,
        {"stop": stop.position, "object_type": object_type, "level": level, "agreed": agreed},
    )
    return score


# --- handing findings on -------------------------------------------------------------------


def _finding_text(finding: Finding) -> str:
    stop = finding.score.stop
    return _("%(object)s at %(place)s: %(what)s (wijkschouw %(title)s, %(day)s)") % {
        "object": finding.score.get_object_type_display(),
        "place": stop.name,
        "what": finding.description,
        "title": finding.inspection.title,
        "day": date_format(timezone.localtime(finding.inspection.starts_at), "DATE_FORMAT"),
    }


@transaction.atomic
def finding_convert(
    *,
    finding: Finding,
    actor: Any,
    to: str,
    owner_organisation: Organisation | None = None,
) -> Finding:
    """Hand a finding on, once: as a melding (through core.handoffs) or as a wijkagenda item
    (agreed at once when a probleemeigenaar is chosen, otherwise awaiting its answer)."""
    inspection = finding.inspection
    check_perm(actor, "inspections.convert_finding", inspection)
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("inspection__municipality", "inspection__area", "score__stop")
        .get(pk=finding.pk)
    )
    if finding.converted:
        raise ValidationError(
            _("This finding has already become a %(what)s.")
            % {"what": finding.get_became_kind_display()}
        )
    inspection = finding.inspection
    text = _finding_text(finding)
    if to == Became.MELDING:
        stop = finding.score.stop
        photo = finding.photo.open("rb") if finding.photo else None
        try:
            made = handoffs.melding_create(
                municipality=inspection.municipality,
                category_hint=MELDING_CATEGORY_HINT.get(finding.score.object_type, ""),
                text=text,
                lat=finding.lat if finding.lat is not None else stop.lat,
                lon=finding.lon if finding.lon is not None else stop.lon,
                actor=actor,
                photo=photo,
            )
        finally:
            if photo is not None:
                photo.close()
        kind, made_id = made.kind, made.id
    elif to == Became.AGENDA_ITEM:
        item = agenda_item_create(
            area=inspection.area,
            actor=actor,
            title=text[:200],
            year=timezone.localdate().year,
            source=Source.SCHOUW,
            reason=_("Found below the agreed level (%(level)s) during the wijkschouw.")
            % {"level": finding.score.agreed_level},
            owner_organisation=owner_organisation,
            origin_kind=ORIGIN_FINDING,
            origin_id=str(finding.pk),
            agreed=owner_organisation is not None,
            check_permission=False,
        )
        kind, made_id = Became.AGENDA_ITEM.value, str(item.pk)
    else:
        raise ValidationError({"to": [_("Choose a melding or a wijkagenda item.")]})
    # The row lock above keeps a second conversion waiting; the condition makes sure.
    updated = Finding.objects.filter(pk=finding.pk, became_kind="").update(
        became_kind=kind, became_id=made_id, converted_by=actor, converted_at=timezone.now()
    )
    if updated != 1:
        raise ValidationError(_("This finding has already been handed on."))
    finding.refresh_from_db()
    _log(
        inspection.municipality,
        actor,
        "inspections.finding_convert",
        finding,
        {"became": [kind, made_id]},
    )
    return finding
