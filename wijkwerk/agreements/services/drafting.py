"""Drafting an agreement: wat, waarom, wanneer, hoe and door wie, its indicator, links,
parties with their money and hours; a change voids the signatures."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import AgendaItem, Goal, Theme
from wijkwerk.areas import borders
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.services import validate_geometry
from wijkwerk.budgets.models import Account, AccountKind
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.services import field_changes
from wijkwerk.organisations.models import Organisation

from ..models import (
    EDITABLE,
    MANAGEMENT_KINDS,
    Agreement,
    AgreementKind,
    Party,
    ReportEvery,
    Signature,
    Unit,
)
from ..predicates import may_manage_scope
from ..units import parse_value
from ._common import MAX_YEARS, _lock, _log, check_perm


@dataclass
class PartyInput:
    organisation: Organisation
    money_cents: int = 0
    hours: int = 0
    contribution: str = ""


def validate_point_or_polygon(geometry: Any) -> None:
    """A GeoJSON Point, Polygon or MultiPolygon in WGS84 (lon, lat)."""
    if geometry is None:
        return
    if isinstance(geometry, dict) and geometry.get("type") == "Point":
        try:
            lon, lat = (float(c) for c in geometry["coordinates"][:2])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(_("The point's coordinates are malformed.")) from None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            raise ValidationError(_("Coordinates must be WGS84 longitude/latitude."))
        return
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValidationError(_("Draw the area as a GeoJSON Point, Polygon or MultiPolygon."))
    validate_geometry(geometry)


def _errors_of(values: dict[str, Any], municipality: Municipality) -> dict[str, list[str]]:
    """Every problem with an agreement's fields at once, keyed by field."""
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if not (values.get("title") or "").strip():
        add("title", _("Say what is agreed (wat)."))
    if not (values.get("reason") or "").strip():
        add("reason", _("Say why it is agreed (waarom)."))
    if values.get("kind") not in AgreementKind.values:
        add("kind", _("Choose the kind of agreement."))
    owner = values.get("owner_organisation")
    if owner is None:
        add(
            "owner_organisation",
            _("An agreement needs an owner (door wie): choose the organisation that delivers it."),
        )
    elif owner.municipality_id != municipality.pk:
        add("owner_organisation", _("This organisation works in another municipality."))
    if not (values.get("indicator") or "").strip():
        add("indicator", _("Say how the result is measured: give an indicator."))
    unit = values.get("unit")
    if unit not in Unit.values:
        add("unit", _("Choose the unit of the indicator."))
    else:
        for field in ("target", "baseline"):
            raw = values.get(field)
            if field == "baseline" and (raw is None or raw == ""):
                values[field] = None
                continue
            if raw is None or raw == "":
                add("target", _("Give the target: the value the indicator should reach."))
                continue
            try:
                values[field] = parse_value(unit, raw)
            except ValidationError as error:
                for message in error.messages:
                    add(field, message)
    starts_on, ends_on = values.get("starts_on"), values.get("ends_on")
    if not isinstance(starts_on, datetime.date):
        add("starts_on", _("Give the date from which the agreement applies (wanneer)."))
    if not isinstance(ends_on, datetime.date):
        add("ends_on", _("Give the date until which the agreement applies (wanneer)."))
    if isinstance(starts_on, datetime.date) and isinstance(ends_on, datetime.date):
        if ends_on < starts_on:
            add("ends_on", _("The end date lies before the start date."))
        elif (ends_on - starts_on).days > 366 * MAX_YEARS:
            add("ends_on", _("An agreement runs for at most %(n)s years.") % {"n": MAX_YEARS})
    if values.get("report_every") not in ReportEvery.values:
        add("report_every", _("Choose how often progress is reported."))
    area: Area | None = values.get("area")
    if area is not None and area.municipality_id != municipality.pk:
        add("area", _("This area lies in another municipality."))
    theme: Theme | None = values.get("theme")
    if theme is not None and theme.municipality_id != municipality.pk:
        add("theme", _("This theme belongs to another municipality."))
    try:
        validate_point_or_polygon(values.get("geometry"))
    except ValidationError as error:
        errors.setdefault("geometry", []).extend(error.messages)
    _check_links(values, municipality, area, add)
    _check_money(values, municipality, area, add)
    return errors


def _check_links(values: dict, municipality: Municipality, area: Area | None, add) -> None:
    for item in values.get("agenda_items") or []:
        if not isinstance(item, AgendaItem) or item.area.municipality_id != municipality.pk:
            add("agenda_items", _("Link wijkagenda items of this municipality only."))
            break
        if area is not None and item.area_id != area.wijk.pk:
            add("agenda_items", _("Link wijkagenda items of this agreement's wijk only."))
            break
    for goal in values.get("goals") or []:
        if not isinstance(goal, Goal) or goal.plan.area.municipality_id != municipality.pk:
            add("goals", _("Link goals of a WOP of this municipality only."))
            break
        if area is not None and goal.plan.area_id != area.wijk.pk:
            add("goals", _("Link goals of this wijk's WOP only."))
            break
    for inspection in values.get("inspections") or []:
        if inspection.municipality_id != municipality.pk or (
            area is not None and inspection.area_id != area.wijk.pk
        ):
            add("inspections", _("Link wijkschouwen of this agreement's wijk only."))
            break


def _check_money(values: dict, municipality: Municipality, area: Area | None, add) -> None:
    cents = values.get("management_cents") or 0
    budget: Account | None = values.get("budget")
    if not isinstance(cents, int) or cents < 0:
        add("management_cents", _("Management money is a whole, positive number of cents."))
        return
    if cents and values.get("kind") not in MANAGEMENT_KINDS:
        add(
            "management_cents",
            _("Management money goes with a beheerovereenkomst only; choose that kind."),
        )
    if cents and budget is None:
        add("budget", _("Choose the budget the management money is paid from."))
    if budget is not None:
        if budget.kind not in (AccountKind.BUDGET, AccountKind.POOL) or budget.owner_kind:
            add("budget", _("Choose a wijkbudget or the unallocated money of a fund."))
        elif budget.fund.municipality_id != municipality.pk:
            add("budget", _("This fund belongs to another municipality."))
        elif (
            budget.kind == AccountKind.BUDGET
            and area is not None
            and budget.area_id != area.wijk.pk
        ):
            add("budget", _("Choose a budget of this agreement's wijk."))
        elif cents > budget.balance_cents:
            add(
                "management_cents",
                _(
                    "Not enough money in %(account)s: %(available)s is available. "
                    "Lower the amount or choose another budget."
                )
                % {"account": budget.name, "available": format_euros(budget.balance_cents)},
            )
        if not cents:
            add("management_cents", _("Give the amount of management money, or no budget."))


def _party_errors(
    parties: list[PartyInput], owner: Organisation | None, municipality: Municipality
) -> dict[str, list[str]]:
    seen: set[int] = set()
    messages: list[str] = []
    for party in parties:
        if party.organisation.municipality_id != municipality.pk:
            messages.append(
                _("%(org)s works in another municipality.") % {"org": party.organisation}
            )
        if party.organisation.pk in seen:
            messages.append(_("%(org)s is listed twice.") % {"org": party.organisation})
        seen.add(party.organisation.pk)
        if not isinstance(party.money_cents, int) or party.money_cents < 0:
            messages.append(_("Money committed is a whole, positive number of cents."))
        if not isinstance(party.hours, int) or party.hours < 0:
            messages.append(_("Hours committed are a whole, positive number."))
    if owner is not None:
        seen.add(owner.pk)
    if len(seen) < 2:
        messages.append(_("An agreement is made between at least two organisations."))
    return {"parties": messages} if messages else {}


_FIELDS = (
    "kind",
    "title",
    "reason",
    "approach",
    "starts_on",
    "ends_on",
    "owner_organisation",
    "theme",
    "indicator",
    "unit",
    "baseline",
    "target",
    "report_every",
    "geometry",
    "budget",
    "management_cents",
    "area",
)


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    for text in ("title", "reason", "approach", "indicator"):
        if isinstance(values.get(text), str):
            values[text] = values[text].strip()
    return values


def _set_parties(agreement: Agreement, parties: list[PartyInput]) -> None:
    owner_listed = any(p.organisation.pk == agreement.owner_organisation_id for p in parties)
    if not owner_listed:
        parties = [PartyInput(organisation=agreement.owner_organisation), *parties]
    agreement.parties.exclude(organisation__in=[p.organisation for p in parties]).delete()
    for party in parties:
        Party.objects.update_or_create(
            agreement=agreement,
            organisation=party.organisation,
            defaults={
                "money_cents": party.money_cents,
                "hours": party.hours,
                "contribution": party.contribution.strip()[:300],
            },
        )


def _parties_snapshot(agreement: Agreement) -> list[list[Any]]:
    return [
        [str(p.organisation), p.money_cents, p.hours, p.contribution]
        for p in agreement.parties.select_related("organisation").order_by("organisation_id")
    ]


@transaction.atomic
def agreement_create(
    *,
    municipality: Municipality,
    actor: Any,
    parties: list[PartyInput],
    area: Area | None = None,
    kind: str = AgreementKind.PERFORMANCE,
    title: str = "",
    reason: str = "",
    approach: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    owner_organisation: Organisation | None = None,
    theme: Theme | None = None,
    indicator: str = "",
    unit: str = "",
    baseline: Any = None,
    target: Any = None,
    report_every: int = ReportEvery.QUARTER,
    geometry: dict | None = None,
    budget: Account | None = None,
    management_cents: int = 0,
    agenda_items: list[AgendaItem] | None = None,
    goals: list[Goal] | None = None,
    inspections: list[Any] | None = None,
    other_areas: list[Area] | None = None,
) -> Agreement:
    """A new draft agreement with its parties; the owner is always one of the parties."""
    if not may_manage_scope(actor, municipality=municipality, area=area):
        raise PermissionDenied(_("You do not have a role that allows this for this agreement."))
    values = _clean_values(
        {
            "area": area,
            "kind": kind,
            "title": title,
            "reason": reason,
            "approach": approach,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "owner_organisation": owner_organisation,
            "theme": theme,
            "indicator": indicator,
            "unit": unit,
            "baseline": baseline,
            "target": target,
            "report_every": report_every,
            "geometry": geometry,
            "budget": budget,
            "management_cents": management_cents,
            "agenda_items": agenda_items or [],
            "goals": goals or [],
            "inspections": inspections or [],
        }
    )
    errors = _errors_of(values, municipality)
    errors.update(_party_errors(parties, owner_organisation, municipality))
    errors.update(borders.validate_other_areas(area, other_areas, municipality_id=municipality.pk))
    if errors:
        raise ValidationError(errors)
    agreement = Agreement.objects.create(
        municipality=municipality,
        created_by=actor,
        **{name: values[name] for name in _FIELDS},
    )
    agreement.agenda_items.set(values["agenda_items"])
    agreement.goals.set(values["goals"])
    agreement.inspections.set(values["inspections"])
    _set_parties(agreement, parties)
    areas_changed = borders.set_other_areas(agreement, other_areas or [])
    _log(
        agreement,
        actor,
        "agreements.create",
        {"title": agreement.title, "parties": _parties_snapshot(agreement), **areas_changed},
    )
    return agreement


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    actor: Any,
    parties: list[PartyInput] | None = None,
    agenda_items: list[AgendaItem] | None = None,
    goals: list[Goal] | None = None,
    inspections: list[Any] | None = None,
    other_areas: list[Area] | None = None,
    reason_for_change: str = "",
    **changes: Any,
) -> Agreement:
    """Change a draft, or an agreement out for signing: that raises its version and voids
    every signature given so far (the parties sign the new text again)."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    if agreement.status not in EDITABLE:
        raise ValidationError(
            _("An agreement in force or closed cannot be changed. Close it and draw up a new one.")
        )
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if "area" in changes and not may_manage_scope(
        actor, municipality=agreement.municipality, area=changes["area"]
    ):
        raise PermissionDenied(_("You do not have a role that allows this for this agreement."))
    values = {name: getattr(agreement, name) for name in _FIELDS}
    values.update(changes)
    values["agenda_items"] = (
        list(agreement.agenda_items.all()) if agenda_items is None else agenda_items
    )
    values["goals"] = list(agreement.goals.all()) if goals is None else goals
    values["inspections"] = (
        list(agreement.inspections.all()) if inspections is None else inspections
    )
    _clean_values(values)
    errors = _errors_of(values, agreement.municipality)
    party_list = (
        parties
        if parties is not None
        else [
            PartyInput(p.organisation, p.money_cents, p.hours, p.contribution)
            for p in agreement.parties.select_related("organisation")
        ]
    )
    errors.update(_party_errors(party_list, values["owner_organisation"], agreement.municipality))
    if other_areas is None and values["area"] is None:
        # An agreement moved to the whole municipality concerns every area already.
        other_areas = []
    errors.update(
        borders.validate_other_areas(
            values["area"],
            list(agreement.other_areas.all()) if other_areas is None else other_areas,
            municipality_id=agreement.municipality_id,
        )
    )
    if errors:
        raise ValidationError(errors)
    before_parties = _parties_snapshot(agreement)
    diff = field_changes(agreement, {name: values[name] for name in _FIELDS})
    for name in _FIELDS:
        setattr(agreement, name, values[name])
    agreement.save()
    agreement.agenda_items.set(values["agenda_items"])
    agreement.goals.set(values["goals"])
    agreement.inspections.set(values["inspections"])
    if parties is not None:
        _set_parties(agreement, parties)
    if other_areas is not None:
        diff.update(borders.set_other_areas(agreement, other_areas))
    after_parties = _parties_snapshot(agreement)
    if after_parties != before_parties:
        diff["parties"] = [before_parties, after_parties]
    if not diff and agenda_items is None and goals is None and inspections is None:
        return agreement
    voided = _void_signatures(agreement)
    agreement.version += 1
    agreement.save(update_fields=["version", "updated_at"])
    _log(
        agreement,
        actor,
        "agreements.change",
        {**diff, "version": agreement.version, "signatures_voided": voided},
        reason=reason_for_change,
    )
    return agreement


def _void_signatures(agreement: Agreement) -> list[str]:
    valid = Signature.objects.filter(party__agreement=agreement, voided_at__isnull=True)
    names = [str(s.party.organisation) for s in valid.select_related("party__organisation")]
    valid.update(voided_at=timezone.now())
    return names
