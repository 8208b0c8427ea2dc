"""Writing self-assessments: starting one, its team, scores with notes, completing and
sharing it, and turning weak points into improvement actions.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError or PermissionDenied leaves the database as it was) and logs the change in
the audit log. An improvement in a wijk becomes a wijkagenda item through the agenda's
services, pointing back to the assessment's point (origin "assessments.score" + id).

Filling in together
-------------------
Team members fill in at the same time. A save lists only the points its author changed,
each with the `version` of the score as they saw it (0: not scored yet). The assessment row
is locked for the save, so saves are taken one after the other; if any listed point has
been changed by someone else since (its version moved on, and the stored value or note
differs from what is sent), the whole save is refused with the points named, and nothing
is written. Unchanged points are never sent, so two people working on different points of
one section do not get in each other's way.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkwerk.agenda.models import Source
from wijkwerk.agenda.services import agenda_item_create
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from .models import (
    TRANSITIONS,
    Assessment,
    Improvement,
    ImprovementKind,
    Instrument,
    Point,
    Score,
    ScoreChange,
    Status,
    TeamMember,
)
from .predicates import works_for_municipality

ORIGIN_SCORE = "assessments.score"
MAX_NOTE = 2000
MAX_TITLE = 200


def check_manage(actor: Any, obj: Any) -> None:
    if not actor.has_perm("assessments.manage_assessment", obj):
        raise PermissionDenied(
            _("You do not have a role that allows this for this self-assessment.")
        )


def check_fill(actor: Any, assessment: Assessment) -> None:
    if not actor.has_perm("assessments.fill_assessment", assessment):
        raise PermissionDenied(_("You are not on the team of this self-assessment."))


def _log(assessment: Assessment, actor: Any, action: str, target: Any, changes: dict) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=target,
        changes=changes,
        municipality_code=assessment.municipality.code,
    )


def _lock(assessment: Assessment) -> Assessment:
    """Re-read the assessment under a row lock: saves, completing and sharing go in turn."""
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("municipality", "area", "instrument")
        .get(pk=assessment.pk)
    )


def _not_completed(assessment: Assessment) -> None:
    if assessment.is_completed:
        raise ValidationError(_("This self-assessment is completed and can no longer change."))


# --- starting and the team -----------------------------------------------------------------


@transaction.atomic
def assessment_start(
    *,
    municipality: Municipality,
    actor: Any,
    instrument: Instrument,
    area: Area | None = None,
    title: str = "",
) -> Assessment:
    """Staff start an assessment of the whole municipality or one wijk with one version of an
    instrument; they are on its team themselves when they work for the municipality."""
    check_manage(actor, area if area is not None else municipality)
    errors: dict[str, list[str]] = {}
    if area is not None and (area.municipality_id != municipality.pk or not area.is_wijk):
        errors["area"] = [_("Choose a wijk or village of this municipality.")]
    if instrument is None:
        errors["instrument"] = [_("Choose an instrument.")]
    title = title.strip()
    if len(title) > MAX_TITLE:
        errors["title"] = [_("Keep the title under %(max)d characters.") % {"max": MAX_TITLE}]
    if errors:
        raise ValidationError(errors)
    where = area.name if area is not None else municipality.name
    assessment = Assessment.objects.create(
        municipality=municipality,
        area=area,
        instrument=instrument,
        title=title or f"{instrument.title} – {where} {timezone.localdate().year}",
        created_by=actor,
    )
    if works_for_municipality(actor, municipality.pk):
        TeamMember.objects.create(assessment=assessment, user=actor, added_by=actor)
    _log(
        assessment,
        actor,
        "assessments.start",
        assessment,
        {"instrument": f"{instrument.key} v{instrument.version}", "title": assessment.title},
    )
    return assessment


@transaction.atomic
def team_member_add(*, assessment: Assessment, actor: Any, user: Any) -> TeamMember:
    """Put someone on the team: an account with a current role for one of the
    municipality's organisations."""
    check_manage(actor, assessment)
    assessment = _lock(assessment)
    _not_completed(assessment)
    if user is None or not works_for_municipality(user, assessment.municipality_id):
        raise ValidationError(
            {
                "user": [
                    _(
                        "Only people who hold a role for an organisation of %(municipality)s "
                        "can be on the team."
                    )
                    % {"municipality": assessment.municipality.name}
                ]
            }
        )
    if TeamMember.objects.filter(assessment=assessment, user=user).exists():
        raise ValidationError({"user": [_("This person is on the team already.")]})
    member = TeamMember.objects.create(assessment=assessment, user=user, added_by=actor)
    _log(assessment, actor, "assessments.team_add", assessment, {"user": user.pk})
    return member


@transaction.atomic
def team_member_remove(*, assessment: Assessment, actor: Any, user: Any) -> None:
    check_manage(actor, assessment)
    assessment = _lock(assessment)
    _not_completed(assessment)
    deleted, _rows = TeamMember.objects.filter(assessment=assessment, user=user).delete()
    if not deleted:
        raise ValidationError({"user": [_("This person is not on the team.")]})
    _log(assessment, actor, "assessments.team_remove", assessment, {"user": user.pk})


# --- scores --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreEntry:
    """One changed point: its new value (None: no score) and note, and the version of the
    score its author started from (0 when it had no score yet)."""

    point: int
    value: int | None
    note: str
    version: int


def point_field(point_id: int) -> str:
    """The name under which a point's errors travel (the form's and the API's)."""
    return f"point_{point_id}"


def _validate_entries(
    assessment: Assessment, entries: list[ScoreEntry]
) -> tuple[dict[int, Point], dict[str, list[str]]]:
    instrument = assessment.instrument
    ids = {e.point for e in entries}
    points = {
        p.pk: p
        for p in Point.objects.filter(pk__in=ids, section__instrument=instrument).select_related(
            "section"
        )
    }
    errors: dict[str, list[str]] = {}
    seen: set[int] = set()
    for entry in entries:
        field = point_field(entry.point)
        point = points.get(entry.point)
        if point is None:
            errors[field] = [
                _("This point does not belong to the instrument of this self-assessment.")
            ]
            continue
        if entry.point in seen:
            errors[field] = [_("Point %(number)d is listed twice.") % {"number": point.number}]
        seen.add(entry.point)
        if entry.value is not None and (
            isinstance(entry.value, bool)
            or not isinstance(entry.value, int)
            or not 1 <= entry.value <= instrument.scale_max
        ):
            errors[field] = [
                _("Choose a score from 1 to %(max)d for point %(number)d.")
                % {"max": instrument.scale_max, "number": point.number}
            ]
        if len(entry.note) > MAX_NOTE:
            errors[field] = [
                _("Keep the note of point %(number)d under %(max)d characters.")
                % {"number": point.number, "max": MAX_NOTE}
            ]
    return points, errors


@transaction.atomic
def scores_save(
    *, assessment: Assessment, actor: Any, entries: Iterable[ScoreEntry]
) -> list[Score]:
    """Save the points a team member changed, all or nothing; returns the changed scores.
    Refused when any of them was changed by someone else since its author saw it."""
    check_fill(actor, assessment)
    assessment = _lock(assessment)
    _not_completed(assessment)
    entries = [ScoreEntry(e.point, e.value, (e.note or "").strip(), e.version) for e in entries]
    points, errors = _validate_entries(assessment, entries)
    if errors:
        raise ValidationError(errors)
    existing = {
        s.point_id: s
        for s in Score.objects.select_for_update().filter(
            assessment=assessment, point_id__in=points
        )
    }
    stale = []
    for entry in entries:
        score = existing.get(entry.point)
        current = (score.value, score.note) if score else (None, "")
        if (entry.value, entry.note) == current:
            continue
        if (score.version if score else 0) != entry.version:
            stale.append(points[entry.point].number)
    if stale:
        numbers = ", ".join(str(n) for n in sorted(stale))
        raise ValidationError(
            ngettext(
                "Someone else changed point %(numbers)s since you opened this page. Nothing "
                "was saved: look at their change and make yours again.",
                "Someone else changed points %(numbers)s since you opened this page. Nothing "
                "was saved: look at their changes and make yours again.",
                len(stale),
            )
            % {"numbers": numbers},
            code="stale",
        )
    changed = []
    for entry in entries:
        score = existing.get(entry.point)
        before = (score.value, score.note) if score else (None, "")
        if (entry.value, entry.note) == before:
            continue
        if score is None:
            score = Score(assessment=assessment, point=points[entry.point], version=0)
        score.value, score.note = entry.value, entry.note
        score.version += 1
        score.updated_by = actor
        score.save()
        ScoreChange.objects.create(
            score=score,
            value_before=before[0],
            value_after=entry.value,
            note_changed=before[1] != entry.note,
            changed_by=actor,
        )
        changed.append(score)
    if changed:
        _log(
            assessment,
            actor,
            "assessments.scores",
            assessment,
            {str(points[s.point_id].number): s.value for s in changed},
        )
    return changed


# --- completing and sharing ----------------------------------------------------------------


@transaction.atomic
def assessment_complete(*, assessment: Assessment, actor: Any) -> Assessment:
    """Close the assessment: from now on it is read only and can be compared and shared."""
    check_manage(actor, assessment)
    assessment = _lock(assessment)
    if Status.COMPLETED not in TRANSITIONS[assessment.status]:
        raise ValidationError(_("This self-assessment is completed already."))
    if not Score.objects.filter(assessment=assessment, value__isnull=False).exists():
        raise ValidationError(_("Score at least one point before completing."))
    assessment.status = Status.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.completed_by = actor
    assessment.save(update_fields=["status", "completed_at", "completed_by"])
    _log(assessment, actor, "assessments.complete", assessment, {"status": ["draft", "completed"]})
    return assessment


@transaction.atomic
def assessment_share(*, assessment: Assessment, actor: Any) -> Assessment:
    """Consent to show this completed assessment's section averages to other municipalities
    (never its notes, scores per point or names)."""
    check_manage(actor, assessment)
    assessment = _lock(assessment)
    if not assessment.is_completed:
        raise ValidationError(_("Only a completed self-assessment can be shared."))
    if assessment.shared_at is None:
        assessment.shared_at, assessment.shared_by = timezone.now(), actor
        assessment.save(update_fields=["shared_at", "shared_by"])
        _log(assessment, actor, "assessments.share", assessment, {"shared": [False, True]})
    return assessment


@transaction.atomic
def assessment_unshare(*, assessment: Assessment, actor: Any) -> Assessment:
    """Withdraw the consent: the profile disappears from every comparison at once."""
    check_manage(actor, assessment)
    assessment = _lock(assessment)
    if assessment.shared_at is not None:
        assessment.shared_at, assessment.shared_by = None, None
        assessment.save(update_fields=["shared_at", "shared_by"])
        _log(assessment, actor, "assessments.unshare", assessment, {"shared": [True, False]})
    return assessment


# --- improvement actions -------------------------------------------------------------------


def _improvement_errors(
    assessment: Assessment,
    title: str,
    owner: Any,
    due_on: date | None,
    owner_organisation: Organisation | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Say what will be done.")]
    elif len(title) > MAX_TITLE:
        errors["title"] = [_("Keep the title under %(max)d characters.") % {"max": MAX_TITLE}]
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = [_("The due date cannot lie in the past.")]
    if assessment.area is None:
        if owner is None:
            errors["owner"] = [_("Choose who owns this action.")]
        elif not works_for_municipality(owner, assessment.municipality_id):
            errors["owner"] = [
                _("The owner must hold a role for an organisation of this municipality.")
            ]
        if due_on is None:
            errors["due_on"] = [_("Enter the date by which it is done.")]
    elif (
        owner_organisation is not None
        and owner_organisation.municipality_id != assessment.municipality_id
    ):
        errors["owner_organisation"] = [_("Choose an organisation of this municipality.")]
    return errors


@transaction.atomic
def improvement_create(
    *,
    assessment: Assessment,
    point: Point,
    actor: Any,
    title: str,
    owner: Any = None,
    due_on: date | None = None,
    owner_organisation: Organisation | None = None,
) -> Improvement:
    """Turn a scored point into an improvement action, once. In an assessment of a wijk it
    becomes a wijkagenda item (agreed at once when a probleemeigenaar is chosen, otherwise
    awaiting its answer); for the whole municipality an internal action with an owner and a
    due date."""
    check_manage(actor, assessment)
    assessment = _lock(assessment)
    title = title.strip()
    if point.section.instrument_id != assessment.instrument_id:
        raise ValidationError(
            {"point": [_("This point does not belong to the instrument of this self-assessment.")]}
        )
    score = Score.objects.filter(assessment=assessment, point=point).first()
    if score is None or score.value is None:
        raise ValidationError({"point": [_("Only a scored point can become an action.")]})
    found = Improvement.objects.filter(assessment=assessment, point=point).first()
    if found is not None:
        raise ValidationError(
            {
                "point": [
                    _("Point %(number)d has been turned into an action already (%(what)s).")
                    % {"number": point.number, "what": found.get_kind_display()}
                ]
            }
        )
    errors = _improvement_errors(assessment, title, owner, due_on, owner_organisation)
    if errors:
        raise ValidationError(errors)
    if assessment.area is not None:
        item = agenda_item_create(
            area=assessment.area,
            actor=actor,
            title=title,
            year=timezone.localdate().year,
            source=Source.PARTNER,
            reason=_("Point %(number)d of the self-assessment %(title)s scored weak: %(text)s")
            % {"number": point.number, "title": assessment.title, "text": point.text},
            due_date=due_on,
            owner_organisation=owner_organisation,
            origin_kind=ORIGIN_SCORE,
            origin_id=str(score.pk),
            agreed=owner_organisation is not None,
            check_permission=False,
        )
        improvement = Improvement.objects.create(
            assessment=assessment,
            point=point,
            kind=ImprovementKind.AGENDA_ITEM,
            title=title,
            agenda_item_id=str(item.pk),
            due_on=due_on,
            created_by=actor,
        )
    else:
        improvement = Improvement.objects.create(
            assessment=assessment,
            point=point,
            kind=ImprovementKind.INTERNAL,
            title=title,
            owner=owner,
            due_on=due_on,
            created_by=actor,
        )
    _log(
        assessment,
        actor,
        "assessments.improve",
        improvement,
        {
            "point": point.number,
            "kind": improvement.kind,
            "agenda_item": improvement.agenda_item_id,
        },
    )
    return improvement
