"""Reading initiatives: what the public sees, what handlers and deciders see, and the
convenant ranking with its budget line."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from wijkwerk.areas import borders
from wijkwerk.areas.models import Area
from wijkwerk.budgets.models import Account, AccountKind

from .models import (
    AWAITING_DECISION,
    PUBLIC_STATUSES,
    Consultation,
    ConvenantProject,
    Initiative,
    Opinion,
    ProjectCall,
    ProjectStatus,
    Status,
    Support,
)


def initiative_list(
    *, area: Area, user: Any, status: str = "", across: bool = False
) -> QuerySet[Initiative]:
    """The wijk's initiatives this person may see: public ones, plus their own drafts, plus
    everything for those who handle or decide on initiatives in the wijk. With `across`,
    also those of other wijken that concern this one too (each once)."""
    qs = Initiative.objects.select_related("voucher", "buurt", "area")
    if across:
        qs = borders.concerning(qs, area.wijk).prefetch_related(borders.prefetch())
    else:
        qs = qs.filter(area=area.wijk)
    if not (
        user.has_perm("initiatives.handle", area.wijk)
        or user.has_perm("initiatives.decide", area.wijk)
    ):
        visible = Q(status__in=PUBLIC_STATUSES)
        if user.is_authenticated:
            visible |= Q(participants__user=user)
        qs = qs.filter(visible).distinct()
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-created_at")


def initiative_get(*, pk: int, area: Area, user: Any) -> Initiative:
    """One initiative, or 404 when it does not exist or this person may not see it."""
    try:
        return (
            initiative_list(area=area, user=user)
            .select_related("ruleset", "contact_official", "escalated_to", "area__municipality")
            .get(pk=pk)
        )
    except Initiative.DoesNotExist:
        raise Http404 from None


def initiative_can_see_drafts(*, user: Any, initiative: Initiative) -> bool:
    return user.has_perm("initiatives.handle", initiative) or user.has_perm(
        "initiatives.decide", initiative
    )


@dataclass
class WijkInitiativeSummary:
    awarded_count: int
    awarded_cents: int
    spent_cents: int
    awaiting_count: int
    overdue_count: int


def wijk_summary(*, area: Area) -> WijkInitiativeSummary:
    """Public figures of a wijk's initiatives (amounts awarded and spent)."""
    today = timezone.localdate()
    qs = Initiative.objects.filter(area=area.wijk)
    counts = qs.aggregate(
        awarded=Count("pk", filter=Q(voucher__isnull=False) & ~Q(status=Status.REVOKED)),
        awarded_cents=Sum("voucher__amount_cents", default=0),
        awaiting=Count("pk", filter=Q(status__in=AWAITING_DECISION)),
        overdue=Count("pk", filter=Q(status__in=AWAITING_DECISION, decision_due__lt=today)),
    )
    spent = (
        qs.filter(voucher__expenses__cancelled_at__isnull=True).aggregate(
            total=Sum("voucher__expenses__amount_cents", default=0)
        )["total"]
        or 0
    )
    return WijkInitiativeSummary(
        awarded_count=counts["awarded"],
        awarded_cents=counts["awarded_cents"],
        spent_cents=spent,
        awaiting_count=counts["awaiting"],
        overdue_count=counts["overdue"],
    )


def dashboard_list(*, area: Area) -> QuerySet[Initiative]:
    """Initiatives awaiting a decision, earliest deadline first (for handlers and deciders)."""
    return (
        Initiative.objects.awaiting_decision()
        .filter(area=area.wijk)
        .select_related("contact_official")
        .order_by("decision_due", "pk")
    )


def consultation_results(*, consultation: Consultation) -> dict[int, dict[str, int]]:
    """Per initiative: how many residents are in favour, neutral and against."""
    results: dict[int, dict[str, int]] = {
        pk: dict.fromkeys(Support.values, 0)
        for pk in consultation.initiatives.values_list("pk", flat=True)
    }
    rows = (
        Opinion.objects.filter(consultation=consultation)
        .values("initiative_id", "support")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        results.setdefault(row["initiative_id"], dict.fromkeys(Support.values, 0))[
            row["support"]
        ] = row["n"]
    return results


def consultation_list(*, area: Area) -> QuerySet[Consultation]:
    return Consultation.objects.filter(area=area.wijk).prefetch_related("initiatives")


@dataclass
class RankedProject:
    project: ConvenantProject
    score: float | None
    cumulative_cents: int
    above_line: bool


def project_ranking(*, call: ProjectCall, budget_cents: int | None = None) -> list[RankedProject]:
    """Submitted projects by weighted score (resident participation weighs in), with the
    running total of their requests and whether each still fits in the budget.

    `budget_cents` defaults to what is not yet allocated in the call's fund; pass another
    amount to see where the line would fall with a bigger or smaller budget.
    """
    if budget_cents is None:
        # Read the pool's balance; a read must not create the account (as pool_account does).
        budget_cents = (
            Account.objects.filter(fund=call.fund, kind=AccountKind.POOL)
            .values_list("balance_cents", flat=True)
            .first()
            or 0
        )
    weights = (call.weight_participation, call.weight_impact, call.weight_reach)
    total_weight = sum(weights) or 1
    projects = list(
        call.projects.filter(status=ProjectStatus.SUBMITTED).select_related("organisation", "area")
    )

    def score(p: ConvenantProject) -> float | None:
        scores = (p.score_participation, p.score_impact, p.score_reach)
        if any(s is None for s in scores):
            return None
        return round(sum(w * s for w, s in zip(weights, scores, strict=True)) / total_weight, 2)

    scored = sorted(
        ((p, score(p)) for p in projects),
        key=lambda ps: (ps[1] is None, -(ps[1] or 0), ps[0].requested_cents, ps[0].pk),
    )
    ranked: list[RankedProject] = []
    cumulative = 0
    for project, value in scored:
        cumulative += project.requested_cents
        ranked.append(
            RankedProject(
                project, value, cumulative, value is not None and cumulative <= budget_cents
            )
        )
    return ranked


def awarded_projects(*, call: ProjectCall) -> QuerySet[ConvenantProject]:
    return call.projects.filter(status=ProjectStatus.AWARDED).select_related("organisation", "hold")


def budget_choices(*, initiative: Initiative) -> QuerySet[Account]:
    """The wijk's budgets an award may be paid from."""
    return Account.objects.filter(
        kind=AccountKind.BUDGET,
        area=initiative.area,
        fund__municipality=initiative.area.municipality,
    ).select_related("fund")


def status_counts(*, area: Area) -> dict[str, int]:
    """How many of the wijk's public initiatives are in each status."""
    counts = dict.fromkeys((s for s in Status.values if s in PUBLIC_STATUSES), 0)
    rows = (
        Initiative.objects.filter(area=area.wijk, status__in=PUBLIC_STATUSES)
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    counts.update(dict(rows))
    return counts
