"""Writing agreements: drafting, signing, reporting, disputing, closing.

Every function checks the actor's permission, validates everything before it writes (a
ValidationError or PermissionDenied leaves the database as it was) and records the decision
in the audit log against the agreement, which is its decision log. Management money moves
only through `budgets.services` (reserve when the agreement comes into force, pay out in
instalments, release the rest when it is closed), so the ledger refuses any overspending.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import AgendaItem, Goal, Theme
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.areas.services import validate_geometry
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import Account, AccountKind, TransactionKind
from wijkwerk.budgets.money import format_euros
from wijkwerk.core.services import audit_log, field_changes
from wijkwerk.organisations.models import Organisation

from .evidence import clean_evidence
from .models import (
    EDITABLE,
    MANAGEMENT_KINDS,
    TRANSITIONS,
    Agreement,
    AgreementKind,
    AgreementStatus,
    Dispute,
    Party,
    ProgressReport,
    ReportEvery,
    ReportingPeriod,
    Signature,
    Unit,
)
from .predicates import acting_organisation_ids, may_manage_scope
from .units import parse_value

HOLD_OWNER = "agreements.agreement"
REPORT_DUE_DAYS = 30  # a report is due a month after its period ends
MAX_YEARS = 10


def check_perm(actor: Any, perm: str, obj: Any) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You do not have a role that allows this for this agreement."))


def _log(
    agreement: Agreement, actor: Any, action: str, changes: dict | None = None, reason: str = ""
) -> None:
    audit_log(
        actor=actor,
        action=action,
        target=agreement,
        changes=changes or {},
        reason=reason,
        municipality_code=agreement.municipality.code,
    )


def _move(agreement: Agreement, to: str) -> None:
    if to not in TRANSITIONS[agreement.status]:
        raise ValidationError(
            _("An agreement that is %(status)s cannot become %(to)s.")
            % {"status": agreement.get_status_display(), "to": AgreementStatus(to).label}
        )
    agreement.status = to


def _lock(agreement: Agreement) -> Agreement:
    # Lock the agreement row only: the area is an outer join, which PostgreSQL cannot lock.
    return (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("municipality", "area")
        .get(pk=agreement.pk)
    )


# --- drafting ------------------------------------------------------------------------------


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
    _log(
        agreement,
        actor,
        "agreements.create",
        {"title": agreement.title, "parties": _parties_snapshot(agreement)},
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


@transaction.atomic
def agreement_submit(*, agreement: Agreement, actor: Any) -> Agreement:
    """Send the draft out to be signed by every party."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    _move(agreement, AgreementStatus.TO_SIGN)
    agreement.save(update_fields=["status", "updated_at"])
    _log(agreement, actor, "agreements.submit", {"version": agreement.version})
    return agreement


@transaction.atomic
def agreement_withdraw(*, agreement: Agreement, actor: Any, reason: str) -> Agreement:
    """Take a proposal back to draft; signatures given so far are voided."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the proposal is taken back.")]})
    _move(agreement, AgreementStatus.DRAFT)
    voided = _void_signatures(agreement)
    agreement.version += 1
    agreement.save(update_fields=["status", "version", "updated_at"])
    _log(agreement, actor, "agreements.withdraw", {"signatures_voided": voided}, reason=reason)
    return agreement


@transaction.atomic
def agreement_sign(
    *, agreement: Agreement, party: Party, actor: Any, remark: str = ""
) -> Signature:
    """A party accepts the current version. When the last party signs, the agreement comes
    into force: its reporting periods are made and its management money is reserved."""
    agreement = _lock(agreement)
    if party.agreement_id != agreement.pk:
        raise ValidationError(_("This organisation is not a party to this agreement."))
    if party.organisation_id not in acting_organisation_ids(actor, agreement.municipality_id) and (
        not actor.is_superuser
    ):
        raise PermissionDenied(
            _("Only someone with a role for %(org)s can sign on its behalf.")
            % {"org": party.organisation}
        )
    if agreement.status != AgreementStatus.TO_SIGN:
        raise ValidationError(_("This agreement is not out for signing."))
    if party.signatures.filter(voided_at__isnull=True).exists():
        raise ValidationError(
            _("%(org)s has already signed this version.") % {"org": party.organisation}
        )
    signature = Signature.objects.create(
        party=party, version=agreement.version, signed_by=actor, remark=remark.strip()[:500]
    )
    _log(
        agreement,
        actor,
        "agreements.sign",
        {"party": str(party.organisation), "version": agreement.version},
        reason=remark,
    )
    signed = Signature.objects.filter(party__agreement=agreement, voided_at__isnull=True)
    if not agreement.parties.exclude(pk__in=signed.values("party_id")).exists():
        _come_into_force(agreement, actor)
    return signature


def _come_into_force(agreement: Agreement, actor: Any) -> None:
    _move(agreement, AgreementStatus.IN_FORCE)
    agreement.in_force_at = timezone.now()
    if agreement.management_cents:
        _reserve(agreement, actor)
    agreement.save()
    _make_periods(agreement)
    _log(agreement, actor, "agreements.in_force", {"version": agreement.version})


def _reserve(agreement: Agreement, actor: Any) -> None:
    budget = agreement.budget
    assert budget is not None  # checked when drafted
    budget.refresh_from_db(fields=["balance_cents"])
    if agreement.management_cents > budget.balance_cents:
        raise ValidationError(
            {
                "management_cents": [
                    _(
                        "Not enough money in %(account)s to reserve the management money: "
                        "%(available)s is available. Ask the drafter to lower the amount or "
                        "choose another budget."
                    )
                    % {"account": budget.name, "available": format_euros(budget.balance_cents)}
                ]
            }
        )
    agreement.hold = ledger.owned_account(
        fund=budget.fund,
        kind=AccountKind.HOLD,
        owner_kind=HOLD_OWNER,
        owner_id=agreement.pk,
        name=_("Management money: %(title)s") % {"title": agreement.title[:150]},
        area=agreement.area.wijk if agreement.area_id else None,
    )
    ledger.hold_reserve(
        budget=budget,
        hold=agreement.hold,
        amount_cents=agreement.management_cents,
        actor=actor,
        memo=_("Beheerovereenkomst: %(title)s") % {"title": agreement.title[:200]},
        kind=TransactionKind.RESERVATION,
        reference_kind=HOLD_OWNER,
        reference_id=agreement.pk,
        idempotency_key=f"agreement-reserve-{agreement.pk}",
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, 1)


def period_bounds(
    starts_on: datetime.date, ends_on: datetime.date, every: int
) -> list[tuple[datetime.date, datetime.date]]:
    """Calendar periods of `every` months (quarters, halves, years) covering the agreement,
    cut to its start and end."""
    first = datetime.date(starts_on.year, ((starts_on.month - 1) // every) * every + 1, 1)
    bounds = []
    current = first
    while current <= ends_on:
        following = _add_months(current, every)
        bounds.append(
            (max(current, starts_on), min(following - datetime.timedelta(days=1), ends_on))
        )
        current = following
    return bounds


def _make_periods(agreement: Agreement) -> None:
    for start, end in period_bounds(agreement.starts_on, agreement.ends_on, agreement.report_every):
        ReportingPeriod.objects.get_or_create(
            agreement=agreement,
            starts_on=start,
            defaults={"ends_on": end, "due_on": end + datetime.timedelta(days=REPORT_DUE_DAYS)},
        )


@transaction.atomic
def agreement_close(*, agreement: Agreement, actor: Any, evaluation: str) -> Agreement:
    """Close an agreement in force with its evaluation; every period closes with it and what
    is left of the management money returns to its budget."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    if not evaluation.strip():
        raise ValidationError(
            {"evaluation": [_("Write the evaluation: what was promised and what was delivered.")]}
        )
    _move(agreement, AgreementStatus.CLOSED)
    agreement.evaluation = evaluation.strip()
    agreement.closed_at = timezone.now()
    agreement.save()
    agreement.periods.filter(closed_at__isnull=True).update(closed_at=agreement.closed_at)
    released = 0
    if agreement.hold_id and agreement.budget_id:
        txn = ledger.hold_release(
            hold=agreement.hold,
            budget=agreement.budget,
            actor=actor,
            memo=_("Closed: %(title)s") % {"title": agreement.title[:200]},
            reference_kind=HOLD_OWNER,
            reference_id=agreement.pk,
        )
        released = (
            sum(e.amount_cents for e in txn.entries.all() if e.amount_cents > 0) if txn else 0
        )
    _log(agreement, actor, "agreements.close", {"released_cents": released}, reason=evaluation)
    return agreement


@transaction.atomic
def period_close(*, period: ReportingPeriod, actor: Any) -> ReportingPeriod:
    """Close a period: no report can be given or changed for it afterwards."""
    check_perm(actor, "agreements.manage_agreement", period.agreement)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.closed_at is not None:
        raise ValidationError(_("This period is closed already."))
    period.closed_at = timezone.now()
    period.save(update_fields=["closed_at"])
    _log(period.agreement, actor, "agreements.period_close", {"period": str(period)})
    return period


@transaction.atomic
def management_payment(
    *, agreement: Agreement, actor: Any, amount_cents: int, memo: str
) -> Agreement:
    """Pay an instalment of the management money to the buurtbeheerbedrijf or residents."""
    check_perm(actor, "agreements.manage_agreement", agreement)
    agreement = _lock(agreement)
    errors: dict[str, list[str]] = {}
    if agreement.status != AgreementStatus.IN_FORCE or agreement.hold_id is None:
        raise ValidationError(_("Only an agreement in force with management money can pay out."))
    if not memo.strip():
        errors["memo"] = [_("Say what the payment is for, e.g. the quarter.")]
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        errors["amount_cents"] = [_("The amount must be more than zero.")]
    if errors:
        raise ValidationError(errors)
    hold = Account.objects.get(pk=agreement.hold_id)
    if amount_cents > hold.balance_cents:
        raise ValidationError(
            {
                "amount_cents": [
                    _("This is more than is left of the management money (%(left)s).")
                    % {"left": format_euros(hold.balance_cents)}
                ]
            }
        )
    ledger.payment_record(
        hold=hold,
        amount_cents=amount_cents,
        actor=actor,
        memo=memo.strip()[:300],
        reference_kind=HOLD_OWNER,
        reference_id=agreement.pk,
    )
    _log(agreement, actor, "agreements.payment", {"amount_cents": amount_cents}, reason=memo)
    return agreement


# --- reporting -----------------------------------------------------------------------------


@transaction.atomic
def report_submit(
    *,
    agreement: Agreement,
    period: ReportingPeriod,
    actor: Any,
    value: Any,
    narrative: str,
    evidence: UploadedFile | None = None,
    evidence_link: str = "",
    money_spent_cents: int | None = None,
    hours_spent: int | None = None,
) -> ProgressReport:
    """The owner reports the indicator's value for one period of the agreement."""
    check_perm(actor, "agreements.report_progress", agreement)
    agreement = _lock(agreement)
    if period.agreement_id != agreement.pk:
        raise ValidationError(
            {"period": [_("This period does not belong to this agreement: choose one of its own.")]}
        )
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    errors: dict[str, list[str]] = {}
    if agreement.status != AgreementStatus.IN_FORCE:
        errors["period"] = [_("Reports are given while the agreement is in force.")]
    elif period.closed_at is not None:
        errors["period"] = [_("This period is closed: no report can be given for it any more.")]
    elif period.starts_on > timezone.localdate():
        errors["period"] = [_("This period has not started yet.")]
    elif hasattr(period, "report"):
        errors["period"] = [_("This period has been reported already.")]
    try:
        parsed = parse_value(agreement.unit, value)
    except ValidationError as error:
        errors["value"] = error.messages
    if not narrative.strip():
        errors["narrative"] = [_("Describe what was done in this period.")]
    if evidence_link:
        try:
            URLValidator(schemes=["http", "https"])(evidence_link)
        except ValidationError:
            errors["evidence_link"] = [_("Give a web address starting with https://.")]
    for name, number in (("money_spent_cents", money_spent_cents), ("hours_spent", hours_spent)):
        if number is not None and (not isinstance(number, int) or number < 0):
            errors[name] = [_("Give a whole number that is not negative.")]
    cleaned = None
    if evidence is not None:
        try:
            cleaned = clean_evidence(evidence)
        except ValidationError as error:
            errors["evidence"] = error.messages
    if errors:
        raise ValidationError(errors)
    report = ProgressReport(
        period=period,
        value=parsed,
        narrative=narrative.strip(),
        evidence_link=evidence_link,
        money_spent_cents=money_spent_cents,
        hours_spent=hours_spent,
        reported_by=actor,
    )
    if cleaned is not None:
        report.evidence.save(cleaned.name, cleaned, save=False)
    report.save()
    _log(
        agreement,
        actor,
        "agreements.report",
        {"period": str(period), "value": str(parsed)},
    )
    return report


@transaction.atomic
def dispute_raise(
    *, report: ProgressReport, actor: Any, organisation: Organisation, reason: str
) -> Dispute:
    """A partner does not agree with a report and says why; shown with the report."""
    agreement = _lock(report.period.agreement)
    errors: dict[str, list[str]] = {}
    party_ids = set(agreement.parties.values_list("organisation_id", flat=True))
    if organisation.pk not in acting_organisation_ids(actor, agreement.municipality_id) and (
        not actor.is_superuser
    ):
        raise PermissionDenied(
            _("Only someone with a role for %(org)s can dispute on its behalf.")
            % {"org": organisation}
        )
    if organisation.pk not in party_ids:
        errors["organisation"] = [_("Only a party to the agreement can dispute its reports.")]
    elif organisation.pk == agreement.owner_organisation_id:
        errors["organisation"] = [_("The owner cannot dispute its own report.")]
    elif report.disputes.filter(organisation=organisation).exists():
        errors["organisation"] = [
            _("%(org)s has already disputed this report.") % {"org": organisation}
        ]
    if not reason.strip():
        errors["reason"] = [_("Say why you do not agree with this report.")]
    if errors:
        raise ValidationError(errors)
    dispute = Dispute.objects.create(
        report=report, organisation=organisation, reason=reason.strip(), raised_by=actor
    )
    _log(
        agreement,
        actor,
        "agreements.dispute",
        {"period": str(report.period), "by": str(organisation)},
        reason=reason,
    )
    return dispute


@transaction.atomic
def dispute_respond(*, dispute: Dispute, actor: Any, response: str) -> Dispute:
    """The owner answers a dispute; the answer is shown with it."""
    agreement = dispute.report.period.agreement
    check_perm(actor, "agreements.report_progress", agreement)
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.responded_at is not None:
        raise ValidationError({"response": [_("This dispute has been answered already.")]})
    if not response.strip():
        raise ValidationError({"response": [_("Write your response to the dispute.")]})
    dispute.response = response.strip()
    dispute.responded_by = actor
    dispute.responded_at = timezone.now()
    dispute.save()
    _log(agreement, actor, "agreements.dispute_response", {"dispute": dispute.pk}, reason=response)
    return dispute


def value_of(agreement: Agreement, raw: Any) -> Decimal:
    """Parse a value in the agreement's unit (for forms that want the error early)."""
    return parse_value(agreement.unit, raw)
