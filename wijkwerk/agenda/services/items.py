"""Writing to the wijkagenda. Every function checks the actor's permission, validates
everything before it writes, and logs the change (with the actor's role) in the audit log."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.areas import borders
from wijkwerk.areas.models import Area
from wijkwerk.core.services import field_changes
from wijkwerk.core.workdays import add_working_days
from wijkwerk.organisations.models import Organisation

from ..models import (
    ANSWERABLE,
    TRANSITIONS,
    VERDICT_STATUS,
    AgendaItem,
    AgendaItemUpdate,
    AgendaReview,
    AgendaReviewItem,
    AgendaSettings,
    Source,
    Status,
    Theme,
    Verdict,
)
from ._common import acting_organisation, bump, check_perm, check_version, log_change

# The labels of an item's fields, as the refusal of a stale save names them.
ITEM_LABELS = {
    "title": _("What"),
    "reason": _("Why"),
    "approach": _("How"),
    "due_date": _("When (ready by)"),
    "owner_organisation": _("Probleemeigenaar"),
    "owner_person": _("Contact person"),
    "theme": _("Theme"),
    "buurt": _("Buurt"),
    "status": _("Status"),
    "verdict": _("Answer"),
    "motivation": _("Motivation"),
    "conditions": _("What it waits for"),
    "answer_by": _("Definite answer by"),
}


def _log(item: AgendaItem, actor: Any, action: str, changes: dict, reason: str = "") -> None:
    log_change(
        target=item, actor=actor, action=action, area=item.area, changes=changes, reason=reason
    )


def answer_term(municipality: Any) -> int:
    """The municipality's answer term in working days (its setting, or the default)."""
    settings = AgendaSettings.objects.filter(municipality=municipality).first()
    return settings.answer_working_days if settings else AgendaSettings().answer_working_days


def answer_due_for(*, area: Area, proposed_on: date) -> date:
    """The working day by which an idea proposed on `proposed_on` gets its answer."""
    return add_working_days(proposed_on, answer_term(area.municipality))


def _validate_links(
    *,
    area: Area,
    buurt: Area | None = None,
    theme: Theme | None = None,
    owner_organisation: Organisation | None = None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not area.is_wijk:
        errors["area"] = [_("The wijkagenda is kept per wijk or village.")]
    if buurt is not None and buurt.parent_id != area.pk:
        errors["buurt"] = [_("This buurt does not lie in %(wijk)s.") % {"wijk": area.name}]
    if theme is not None and theme.municipality_id != area.municipality_id:
        errors["theme"] = [_("This theme belongs to another municipality.")]
    if (
        owner_organisation is not None
        and owner_organisation.municipality_id != area.municipality_id
    ):
        errors["owner_organisation"] = [_("This organisation works in another municipality.")]
    return errors


@transaction.atomic
def agenda_item_propose(
    *,
    area: Area,
    actor: Any,
    title: str,
    reason: str = "",
    theme: Theme | None = None,
    buurt: Area | None = None,
) -> AgendaItem:
    """A resident puts an idea on the wijkagenda; it waits for an answer."""
    check_perm(actor, "agenda.propose_item", area)
    title, reason = title.strip(), reason.strip()
    errors = _validate_links(area=area, buurt=buurt, theme=theme)
    if not title:
        errors["title"] = [_("Describe your idea in a few words.")]
    elif AgendaItem.objects.filter(
        area=area, proposed_by=actor, title__iexact=title, status=Status.PROPOSED
    ).exists():
        errors["title"] = [_("You already proposed this idea; it is waiting for an answer.")]
    if errors:
        raise ValidationError(errors)
    # Staff proposing an idea bring it in for their organisation, not as a resident.
    organisation = acting_organisation(actor, area)
    today = timezone.localdate()
    item = AgendaItem.objects.create(
        area=area,
        buurt=buurt,
        year=today.year,
        title=title,
        reason=reason,
        theme=theme,
        source=Source.RESIDENT if organisation is None else Source.PARTNER,
        source_organisation=organisation,
        status=Status.PROPOSED,
        proposed_by=actor,
        answer_due=answer_due_for(area=area, proposed_on=today),
    )
    _log(item, actor, "agenda.propose", {"title": title, "source": item.source_label})
    return item


@transaction.atomic
def agenda_item_create(
    *,
    area: Area,
    actor: Any,
    title: str,
    year: int,
    source: str,
    reason: str = "",
    approach: str = "",
    due_date: date | None = None,
    owner_organisation: Organisation | None = None,
    owner_person: Any = None,
    theme: Theme | None = None,
    buurt: Area | None = None,
    origin_kind: str = "",
    origin_id: str = "",
    agreed: bool = True,
    check_permission: bool = True,
    source_organisation: Organisation | None = None,
    other_areas: list[Area] | None = None,
) -> AgendaItem:
    """Put an item on the agenda directly: from the WOP, a partner, a meeting or a melding.

    Items put on by the agenda's keepers are agreed (Nu) at once; with `agreed=False` the
    item waits for an answer like a resident's idea. Apps in higher layers call this with
    their own origin (kind + id); they check their own permission and pass
    `check_permission=False`. The item records the organisation the actor acts for as the
    organisation that brought it in, unless `source_organisation` names another.
    """
    if check_permission:
        check_perm(actor, "agenda.add_item", area)
    title = title.strip()
    errors = _validate_links(
        area=area, buurt=buurt, theme=theme, owner_organisation=owner_organisation
    )
    if not title:
        errors["title"] = [_("Say what will be done.")]
    if source not in Source.values:
        errors["source"] = [_("Unknown source.")]
    if agreed and owner_organisation is None:
        errors["owner_organisation"] = [
            _("An agreed item needs a probleemeigenaar: choose the organisation that owns it.")
        ]
    if source_organisation is not None and source_organisation.municipality_id != (
        area.municipality_id
    ):
        errors["source_organisation"] = [_("This organisation works in another municipality.")]
    errors.update(borders.validate_other_areas(area, other_areas))
    if errors:
        raise ValidationError(errors)
    if source_organisation is None and source != Source.RESIDENT:
        source_organisation = acting_organisation(actor, area)
    now = timezone.now()  # an item agreed at once is answered the moment it is made
    item = AgendaItem.objects.create(
        created_at=now,
        area=area,
        buurt=buurt,
        year=year,
        title=title,
        reason=reason,
        approach=approach,
        due_date=due_date,
        owner_organisation=owner_organisation,
        owner_person=owner_person,
        theme=theme,
        source=source,
        source_organisation=source_organisation,
        origin_kind=origin_kind,
        origin_id=origin_id,
        answer_due=None if agreed else answer_due_for(area=area, proposed_on=now.date()),
        status=Status.PLANNED if agreed else Status.PROPOSED,
        verdict=Verdict.NU if agreed else "",
        answered_at=now if agreed else None,
        answered_by=actor if agreed and getattr(actor, "is_authenticated", False) else None,
    )
    changes = {"title": title, "source": source, "status": item.status}
    changes.update(borders.set_other_areas(item, other_areas or []))
    _log(item, actor, "agenda.create", changes)
    return item


@transaction.atomic
def agenda_item_answer(
    *,
    item: AgendaItem,
    actor: Any,
    verdict: str,
    motivation: str = "",
    conditions: str = "",
    answer_by: date | None = None,
    owner_organisation: Organisation | None = None,
    due_date: date | None = None,
    wijktoets: str = "",
    version: int | None = None,
) -> AgendaItem:
    """Give a proposed (or Some-day) item its answer: Nu, Ooit or Nooit, optionally with a
    wijktoets: the decision's expected effect on the wijk. With `version`, refused when the
    item changed since that version was read."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=item.pk)
    )
    check_perm(actor, "agenda.answer_item", item)
    check_version(item, version, ITEM_LABELS, area=item.area)
    motivation, conditions = motivation.strip(), conditions.strip()
    errors: dict[str, list[str]] = {}
    if item.status not in ANSWERABLE:
        errors["verdict"] = [_("This item already has a definite answer.")]
    if verdict not in Verdict.values:
        errors["verdict"] = [_("Choose Now, Some day or Never.")]
    today = timezone.localdate()
    if verdict == Verdict.OOIT:
        if not conditions:
            errors["conditions"] = [_("Say what this item waits for before it can be done.")]
        if answer_by is None:
            errors["answer_by"] = [_("Give the date by which a definite answer follows.")]
        elif answer_by <= today:
            errors["answer_by"] = [_("The date for a definite answer must lie in the future.")]
    if verdict == Verdict.NOOIT and not motivation:
        errors["motivation"] = [_("Explain why this will not happen: 'no' needs a reason.")]
    owner = owner_organisation or item.owner_organisation
    if verdict == Verdict.NU and owner is None:
        errors["owner_organisation"] = [
            _("Now needs a probleemeigenaar: choose the organisation that will do it.")
        ]
    if owner is not None and owner.municipality_id != item.area.municipality_id:
        errors["owner_organisation"] = [_("This organisation works in another municipality.")]
    if errors:
        raise ValidationError(errors)
    new = {
        "verdict": verdict,
        "status": VERDICT_STATUS[Verdict(verdict)],
        "motivation": motivation,
        "conditions": conditions if verdict == Verdict.OOIT else "",
        "answer_by": answer_by if verdict == Verdict.OOIT else None,
        "owner_organisation": owner,
        "due_date": due_date or item.due_date,
        "wijktoets": wijktoets.strip(),
    }
    changes = field_changes(item, new)
    for name, value in new.items():
        setattr(item, name, value)
    item.answered_at, item.answered_by = timezone.now(), actor
    bump(item)
    item.save()
    _log(item, actor, f"agenda.answer.{verdict}", changes, reason=motivation or conditions)
    return item


EDITABLE_FIELDS = (
    "title",
    "reason",
    "approach",
    "due_date",
    "owner_organisation",
    "owner_person",
    "theme",
    "buurt",
)


@transaction.atomic
def agenda_item_edit(
    *,
    item: AgendaItem,
    actor: Any,
    reason: str = "",
    version: int | None = None,
    why: str | None = None,
    **values: Any,
) -> AgendaItem:
    """Change what, why, how, when or who of an item; the change and the `reason` for it
    are logged (`why` is the item's own "why", since `reason` names the change's).
    With `version`, refused when the item changed since that version was read."""
    if why is not None:
        values["reason"] = why.strip()
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=item.pk)
    )
    check_perm(actor, "agenda.change_item", item)
    check_version(item, version, ITEM_LABELS, area=item.area)
    other_areas = values.pop("other_areas", None)
    unknown = set(values) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    errors = _validate_links(
        area=item.area,
        buurt=values.get("buurt", item.buurt),
        theme=values.get("theme", item.theme),
        owner_organisation=values.get("owner_organisation", item.owner_organisation),
    )
    if "title" in values:
        values["title"] = str(values["title"]).strip()
        if not values["title"]:
            errors["title"] = [_("Say what will be done.")]
    if (
        item.status in (Status.PLANNED, Status.IN_PROGRESS)
        and values.get("owner_organisation", item.owner_organisation) is None
    ):
        errors["owner_organisation"] = [_("An agreed item needs a probleemeigenaar.")]
    if other_areas is not None:
        errors.update(borders.validate_other_areas(item.area, other_areas))
    if errors:
        raise ValidationError(errors)
    changes = field_changes(item, values)
    if other_areas is not None:
        changes.update(borders.set_other_areas(item, other_areas))
    if not changes:
        return item
    for name, value in values.items():
        setattr(item, name, value)
    bump(item)
    item.save()
    _log(item, actor, "agenda.edit", changes, reason=reason)
    return item


@transaction.atomic
def agenda_item_report_progress(
    *, item: AgendaItem, actor: Any, text: str, new_status: str = ""
) -> AgendaItemUpdate:
    """The probleemeigenaar (or the agenda's keeper) reports progress, maybe a new status."""
    item = (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("area__municipality")
        .get(pk=item.pk)
    )
    check_perm(actor, "agenda.report_progress", item)
    text = text.strip()
    errors: dict[str, list[str]] = {}
    if not text:
        errors["text"] = [_("Describe what happened.")]
    if new_status and new_status != item.status and new_status not in TRANSITIONS[item.status]:
        errors["new_status"] = [
            _("An item that is '%(old)s' cannot become '%(new)s'.")
            % {"old": Status(item.status).label, "new": Status(new_status).label}
            if new_status in Status.values
            else _("Unknown status.")
        ]
    if errors:
        raise ValidationError(errors)
    before = item.status
    if new_status and new_status != before:
        item.status = new_status
        item.completed_at = timezone.now() if new_status == Status.DONE else None
        bump(item)
        item.save(update_fields=["status", "completed_at", "version", "updated_at"])
    update = AgendaItemUpdate.objects.create(
        item=item,
        author=actor,
        text=text,
        status_before=before,
        status_after=item.status,
    )
    _log(
        item,
        actor,
        "agenda.progress",
        {"status": [before, item.status]} if before != item.status else {},
        reason=text,
    )
    return update


@transaction.atomic
def agenda_review_create(
    *, area: Area, year: int, actor: Any, held_on: date, title: str, notes: str = ""
) -> AgendaReview:
    """Vaststellen: freeze what the agenda of this wijk and year says today."""
    check_perm(actor, "agenda.review_agenda", area)
    if not title.strip():
        raise ValidationError({"title": [_("Give the review a title, e.g. 'Spring review 2026'.")]})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": [_("A review cannot be dated in the future.")]})
    review = AgendaReview.objects.create(
        area=area, year=year, held_on=held_on, title=title.strip(), notes=notes, created_by=actor
    )
    items = AgendaItem.objects.filter(area=area, year=year).select_related(
        "owner_organisation", "owner_organisation__parent"
    )
    AgendaReviewItem.objects.bulk_create(
        AgendaReviewItem(
            review=review,
            item=item,
            title=item.title,
            status=item.status,
            verdict=item.verdict,
            due_date=item.due_date,
            answer_by=item.answer_by,
            owner_name=str(item.owner_organisation or ""),
        )
        for item in items
    )
    log_change(
        target=review,
        actor=actor,
        action="agenda.review",
        area=area,
        changes={"items": len(items), "year": year},
        reason=notes,
    )
    return review
