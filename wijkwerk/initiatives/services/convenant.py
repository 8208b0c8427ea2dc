"""Convenant projects: rounds opened on the convenant fund, projects submitted by
partners, scored and ranked by the stuurgroep, and decided with a reservation."""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.accounts import roles
from wijkwerk.accounts.selectors import has_capability
from wijkwerk.areas.models import Area
from wijkwerk.budgets import services as ledger
from wijkwerk.budgets.models import AccountKind, Fund, TransactionKind
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from ..models import ConvenantProject, ProjectCall, ProjectStatus
from ._common import PROJECT_OWNER, check_perm


@transaction.atomic
def project_call_create(
    *,
    fund: Fund,
    actor: Any,
    title: str,
    closes_on: date,
    weight_participation: int = 50,
    weight_impact: int = 30,
    weight_reach: int = 20,
) -> ProjectCall:
    check_perm(actor, "initiatives.rank_projects", fund.municipality)
    weights = (weight_participation, weight_impact, weight_reach)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the call a title.")]
    if any(w < 0 for w in weights) or sum(weights) == 0:
        errors["weight_participation"] = [_("Weights are 0 or more and not all 0.")]
    if errors:
        raise ValidationError(errors)
    call = ProjectCall.objects.create(
        fund=fund,
        title=title.strip(),
        closes_on=closes_on,
        weight_participation=weight_participation,
        weight_impact=weight_impact,
        weight_reach=weight_reach,
    )
    audit_log(
        actor=actor,
        action="initiatives.project_call",
        target=call,
        changes={"weights": list(weights)},
        municipality_code=fund.municipality.code,
    )
    return call


@transaction.atomic
def project_submit(
    *,
    call: ProjectCall,
    actor: Any,
    organisation: Organisation,
    title: str,
    description: str,
    requested_cents: int,
    resident_role: str = "",
    area: Area | None = None,
) -> ConvenantProject:
    """A partner submits a project to the joint fund."""
    municipality = call.fund.municipality
    if not has_capability(
        actor, roles.PLEDGE, area=area, municipality=municipality, organisation_id=organisation.pk
    ):
        raise PermissionDenied(
            _("You can submit projects on behalf of your own organisation only.")
        )
    errors: dict[str, list[str]] = {}
    if call.closes_on < timezone.localdate():
        errors["call"] = [_("This call closed on %(date)s.") % {"date": call.closes_on}]
    if not title.strip() or not description.strip():
        errors["title"] = [_("Give the project a title and a description.")]
    if requested_cents <= 0:
        errors["requested"] = [_("Enter the amount you ask for.")]
    if area is not None and area.municipality_id != municipality.pk:
        errors["area"] = [_("This wijk lies in another municipality.")]
    if ConvenantProject.objects.filter(call=call, title__iexact=title.strip()).exists():
        errors["title"] = [_("A project with this title has already been submitted.")]
    if errors:
        raise ValidationError(errors)
    project = ConvenantProject.objects.create(
        call=call,
        organisation=organisation,
        area=area,
        title=title.strip(),
        description=description.strip(),
        resident_role=resident_role.strip(),
        requested_cents=requested_cents,
        submitted_by=actor,
    )
    audit_log(
        actor=actor,
        action="initiatives.project_submit",
        target=project,
        changes={"requested_cents": requested_cents},
        municipality_code=municipality.code,
    )
    return project


@transaction.atomic
def project_score(
    *,
    project: ConvenantProject,
    actor: Any,
    participation: int,
    impact: int,
    reach: int,
) -> ConvenantProject:
    check_perm(actor, "initiatives.rank_projects", project.call.fund.municipality)
    if any(not 0 <= s <= 5 for s in (participation, impact, reach)):
        raise ValidationError({"score": [_("Score from 0 to 5.")]})
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("This project has been decided."))
    project.score_participation = participation
    project.score_impact = impact
    project.score_reach = reach
    project.save(update_fields=["score_participation", "score_impact", "score_reach"])
    audit_log(
        actor=actor,
        action="initiatives.project_score",
        target=project,
        changes={"participation": participation, "impact": impact, "reach": reach},
        municipality_code=project.call.fund.municipality.code,
    )
    return project


@transaction.atomic
def project_decide(
    *, project: ConvenantProject, actor: Any, award: bool, reason: str
) -> ConvenantProject:
    """The stuurgroep awards a project (reserving its money from the fund) or turns it down."""
    fund = project.call.fund
    check_perm(actor, "initiatives.rank_projects", fund.municipality)
    project = ConvenantProject.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("This project has been decided."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Write down the motivation of the decision.")]})
    if award:
        project.hold = ledger.owned_account(
            fund=fund,
            kind=AccountKind.HOLD,
            owner_kind=PROJECT_OWNER,
            owner_id=project.pk,
            name=_("Project %(title)s") % {"title": project.title[:150]},
            area=project.area,
        )
        ledger.hold_reserve(
            budget=ledger.pool_account(fund),
            hold=project.hold,
            amount_cents=project.requested_cents,
            actor=actor,
            memo=_("Convenant project: %(title)s") % {"title": project.title[:200]},
            kind=TransactionKind.AWARD,
            reference_kind=PROJECT_OWNER,
            reference_id=project.pk,
            idempotency_key=f"project-award-{project.pk}",
        )
    project.status = ProjectStatus.AWARDED if award else ProjectStatus.REJECTED
    project.decided_at = timezone.now()
    project.decision_reason = reason.strip()
    project.save()
    audit_log(
        actor=actor,
        action="initiatives.project_award" if award else "initiatives.project_reject",
        target=project,
        changes={"requested_cents": project.requested_cents},
        reason=reason,
        municipality_code=fund.municipality.code,
    )
    return project
