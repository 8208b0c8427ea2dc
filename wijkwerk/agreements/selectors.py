"""Reading agreements: permission-filtered lists shared by pages and API, the public
accountability report (promised vs delivered) and the yearly planning-and-control overview of
wijk-bound investments."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas import borders
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.budgets.models import AccountKind, Entry, TransactionKind
from wijkwerk.core.models import AuditEvent
from wijkwerk.organisations.models import Organisation

from .geometry import point_in_geometry
from .models import PUBLIC, Agreement, AgreementStatus, Party, ProgressReport
from .predicates import acting_organisation_ids
from .units import target_met


def _base() -> QuerySet[Agreement]:
    return Agreement.objects.select_related(
        "municipality", "area", "area__parent", "owner_organisation", "theme"
    )


def _visible(qs: QuerySet[Agreement], user: Any, municipality: Municipality) -> QuerySet[Agreement]:
    """Public agreements for everybody; drafts for the staff of their scope and their parties."""
    if getattr(user, "is_superuser", False):
        return qs
    scope = Q(status__in=PUBLIC)
    if getattr(user, "is_authenticated", False):
        mine = acting_organisation_ids(user, municipality.pk)
        if mine:
            scope |= Q(parties__organisation_id__in=mine)
        if has_capability(user, roles.MANAGE_AGREEMENTS, municipality=municipality):
            scope |= Q(pk__isnull=False)
        else:
            wijk_ids = [
                a.pk
                for a in Area.objects.wijken().filter(municipality=municipality)
                if has_capability(user, roles.MANAGE_AGREEMENTS, area=a)
            ]
            if wijk_ids:
                scope |= Q(area_id__in=wijk_ids) | Q(area__parent_id__in=wijk_ids)
    return qs.filter(scope).distinct()


def agreement_list(
    *,
    user: Any,
    municipality: Municipality,
    area: Area | None = None,
    year: int | None = None,
    status: str | None = None,
) -> QuerySet[Agreement]:
    qs = _base().filter(municipality=municipality).prefetch_related(borders.prefetch())
    if area is not None:
        # Its own and its buurten's, and those of other wijken that also concern it.
        qs = qs.filter(borders.concerning_q(Agreement, area) | Q(area__parent=area))
    if year is not None:
        qs = qs.filter(starts_on__year__lte=year, ends_on__year__gte=year)
    if status:
        qs = qs.filter(status=status)
    return _visible(qs, user, municipality).order_by("-starts_on", "title")


def agreement_get(*, pk: int, user: Any, municipality: Municipality | None = None) -> Agreement:
    """The agreement if this user may see it; otherwise 404, as for a missing one."""
    found = _base().filter(pk=pk)
    if municipality is not None:
        found = found.filter(municipality=municipality)
    agreement = found.first()
    if agreement is None or not user.has_perm("agreements.view_agreement", agreement):
        raise Http404
    return agreement


def decision_log(*, agreement: Agreement) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.for_target(agreement).select_related("actor").order_by("created_at")


def parties_with_signatures(*, agreement: Agreement) -> list[Party]:
    parties = list(
        agreement.parties.select_related("organisation").prefetch_related("signatures__signed_by")
    )
    for party in parties:
        party.valid_signature = next(
            (s for s in party.signatures.all() if s.voided_at is None), None
        )
    return parties


def findings_in_area(*, agreement: Agreement) -> list[Any]:
    """Findings of the linked schouwen that lie in the agreement's area on the map (all their
    findings when it has no area drawn)."""
    found = []
    for inspection in agreement.inspections.all():
        for finding in inspection.findings.all():
            if agreement.geometry is None or (
                finding.lat is not None
                and point_in_geometry(finding.lon, finding.lat, agreement.geometry)
            ):
                found.append(finding)
    return found


# --- accountability ----------------------------------------------------------------------


@dataclass
class AccountLine:
    agreement: Agreement
    committed_cents: int
    committed_hours: int
    spent_cents: int | None
    spent_hours: int | None
    last_value: Decimal | None
    last_period: str
    met: bool | None
    disputed: bool
    reports: list[ProgressReport] = field(default_factory=list)
    paid_cents: int | None = None


@dataclass
class Accountability:
    municipality: Municipality
    year: int
    organisation: Organisation | None
    lines: list[AccountLine]

    @property
    def committed_cents(self) -> int:
        return sum(line.committed_cents for line in self.lines)

    @property
    def committed_hours(self) -> int:
        return sum(line.committed_hours for line in self.lines)

    @property
    def spent_cents(self) -> int:
        return sum(line.spent_cents or 0 for line in self.lines)

    @property
    def met_count(self) -> int:
        return sum(1 for line in self.lines if line.met)

    @property
    def disputed_count(self) -> int:
        return sum(1 for line in self.lines if line.disputed)


def accountability(
    *, municipality: Municipality, year: int, organisation: Organisation | None = None
) -> Accountability:
    """Per public agreement running in `year`: what was promised (target; money and hours
    committed, by all parties or by `organisation`) and what was delivered (the last value
    reported in the year, money and hours reported spent, disputed reports marked).

    Spending is reported by the owner, so for one partner it is known only where that partner
    owns the agreement."""
    qs = (
        _base()
        .filter(
            municipality=municipality,
            status__in=PUBLIC,
            starts_on__year__lte=year,
            ends_on__year__gte=year,
        )
        .prefetch_related("parties__organisation")
        .order_by("area__code", "title")
    )
    if organisation is not None:
        qs = qs.filter(parties__organisation=organisation).distinct()
    lines = []
    for agreement in qs:
        parties = [
            p
            for p in agreement.parties.all()
            if organisation is None or p.organisation_id == organisation.pk
        ]
        reports = list(
            ProgressReport.objects.filter(period__agreement=agreement, period__starts_on__year=year)
            .select_related("period")
            .prefetch_related("disputes__organisation")
            .order_by("period__starts_on")
        )
        last = reports[-1] if reports else None
        spent_known = organisation is None or organisation.pk == agreement.owner_organisation_id
        money = [r.money_spent_cents for r in reports if r.money_spent_cents is not None]
        hours = [r.hours_spent for r in reports if r.hours_spent is not None]
        paid = None
        if agreement.hold_id:
            paid = -sum(
                Entry.objects.filter(
                    account_id=agreement.hold_id,
                    transaction__kind=TransactionKind.PAYMENT,
                    transaction__created_at__year=year,
                ).values_list("amount_cents", flat=True)
            )
        lines.append(
            AccountLine(
                agreement=agreement,
                committed_cents=sum(p.money_cents for p in parties),
                committed_hours=sum(p.hours for p in parties),
                spent_cents=sum(money) if (spent_known and money) else None,
                spent_hours=sum(hours) if (spent_known and hours) else None,
                last_value=last.value if last else None,
                last_period=str(last.period) if last else "",
                met=target_met(agreement.unit, agreement.baseline, agreement.target, last.value)
                if last
                else None,
                disputed=any(r.disputes.all() for r in reports),
                reports=reports,
                paid_cents=paid,
            )
        )
    return Accountability(
        municipality=municipality, year=year, organisation=organisation, lines=lines
    )


def partners_of_year(*, municipality: Municipality, year: int) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(
            municipality=municipality,
            pk__in=Party.objects.filter(
                agreement__municipality=municipality,
                agreement__status__in=PUBLIC,
                agreement__starts_on__year__lte=year,
                agreement__ends_on__year__gte=year,
            ).values("organisation_id"),
        )
        .order_by("name")
        .distinct()
    )


# --- planning and control ----------------------------------------------------------------


@dataclass
class InvestmentRow:
    wijk: str
    theme: str
    organisation: str
    source: str
    money_cents: int
    hours: int
    agreements: int

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS.get(self.source, self.source))


SOURCE_LABELS = {
    "agreement": _("committed in agreements"),
    "management": _("management money of a beheerovereenkomst"),
    "allocation": _("allocated to the wijk's budget"),
    "award": _("awarded from the wijk's budget"),
}


def investment_overview(*, municipality: Municipality, year: int) -> list[InvestmentRow]:
    """What every partner puts into each wijk in `year`, by theme: money and hours committed
    in agreements (to be signed, in force or closed: a draft is not a commitment yet), and the
    money funds allocated to the wijk's budgets and awarded from them (budgets ledger).
    Multi-year agreements count in full in every year they run: the overview shows what is
    committed to the wijk in that year, not a share."""
    totals: dict[tuple[str, str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    committed = (
        Party.objects.filter(
            agreement__municipality=municipality,
            agreement__status__in=[
                AgreementStatus.TO_SIGN,
                AgreementStatus.IN_FORCE,
                AgreementStatus.CLOSED,
            ],
            agreement__starts_on__year__lte=year,
            agreement__ends_on__year__gte=year,
        )
        .select_related("organisation", "agreement__area__parent", "agreement__theme")
        .order_by("id")
    )
    whole = municipality.name
    for party in committed:
        agreement = party.agreement
        wijk = agreement.area.wijk.name if agreement.area_id else whole
        theme = agreement.theme.name if agreement.theme_id else "–"
        key = (wijk, theme, str(party.organisation), "agreement")
        totals[key][0] += party.money_cents
        totals[key][1] += party.hours
        totals[key][2] += 1
    management = (
        Agreement.objects.filter(
            municipality=municipality,
            management_cents__gt=0,
            status__in=[AgreementStatus.TO_SIGN, AgreementStatus.IN_FORCE, AgreementStatus.CLOSED],
            starts_on__year__lte=year,
            ends_on__year__gte=year,
        )
        .select_related("area__parent", "theme", "budget__fund")
        .order_by("id")
    )
    for agreement in management:
        wijk = agreement.area.wijk.name if agreement.area_id else whole
        theme = agreement.theme.name if agreement.theme_id else "–"
        fund = agreement.budget.fund.name if agreement.budget_id else "–"
        key = (wijk, theme, fund, "management")
        totals[key][0] += agreement.management_cents
        totals[key][2] += 1
    for kind, label in (
        (TransactionKind.ALLOCATION, "allocation"),
        (TransactionKind.AWARD, "award"),
    ):
        rows = (
            Entry.objects.filter(
                account__kind=AccountKind.BUDGET,
                account__owner_kind="",
                account__fund__municipality=municipality,
                account__fund__year=year,
                transaction__kind=kind,
            )
            .values("account__area__name", "account__fund__name")
            .annotate(total=Sum("amount_cents"))
            .order_by("account__area__name", "account__fund__name")
        )
        for row in rows:
            key = (row["account__area__name"] or whole, "–", row["account__fund__name"], label)
            totals[key][0] += abs(row["total"] or 0)
    return [
        InvestmentRow(
            wijk=k[0],
            theme=k[1],
            organisation=k[2],
            source=k[3],
            money_cents=v[0],
            hours=v[1],
            agreements=v[2],
        )
        for k, v in sorted(totals.items())
    ]


def years_of(*, municipality: Municipality) -> list[int]:
    today = datetime.date.today().year
    first = (
        Agreement.objects.filter(municipality=municipality)
        .order_by("starts_on")
        .values_list("starts_on__year", flat=True)
        .first()
    )
    return list(range(min(first or today, today), today + 2))
