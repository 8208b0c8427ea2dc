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
from wijkwerk.budgets.money import format_euros
from wijkwerk.budgets.selectors import fund_overview
from wijkwerk.core.services import audit_log
from wijkwerk.organisations.models import Organisation

from ..models import ConvenantProject, ProjectCall, ProjectStatus
from ._common import PROJECT_OWNER, check_perm


def fund_size_cents(fund: Fund) -> int:
    """What a fund holds in all: what its partners promised, or paid in if that is more."""
    overview = fund_overview(fund=fund)
    return max(overview.promised_cents, overview.contributed_cents)


def call_awarded_cents(call: ProjectCall) -> int:
    return sum(p.award_cents for p in call.projects.filter(status=ProjectStatus.AWARDED))


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
    budget_cents: int | None = None,
) -> ProjectCall:
    """Open a call (a round) for convenant projects on a fund: the stuurgroep or the
    wijkmanager does this (`initiatives.open_project_call`)."""
    check_perm(actor, "initiatives.open_project_call", fund.municipality)
    weights = (weight_participation, weight_impact, weight_reach)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the call a title.")]
    if budget_cents is not None:
        size = fund_size_cents(fund)
        if budget_cents <= 0:
            errors["budget_cents"] = [_("A budget is more than zero, or leave it empty.")]
        elif budget_cents > size:
            errors["budget_cents"] = [
                _("The fund holds %(size)s; a call cannot divide more.")
                % {"size": format_euros(size)}
            ]
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
        budget_cents=budget_cents,
    )
    audit_log(
        actor=actor,
        action="initiatives.project_call",
        target=call,
        changes={"weights": list(weights), "budget_cents": budget_cents},
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
    elif call.budget_cents is not None and requested_cents > call.budget_cents:
        errors["requested"] = [
            _("The call divides %(budget)s; a project cannot ask for more.")
            % {"budget": format_euros(call.budget_cents)}
        ]
    elif requested_cents > fund_size_cents(call.fund):
        errors["requested"] = [
            _("The fund holds %(size)s in all; a project cannot ask for more.")
            % {"size": format_euros(fund_size_cents(call.fund))}
        ]
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
    if award and project.call.budget_cents is not None:
        ProjectCall.objects.select_for_update().get(pk=project.call_id)  # one award at a time
        taken = call_awarded_cents(project.call)
        if taken + project.requested_cents > project.call.budget_cents:
            raise ValidationError(
                {
                    "award": [
                        _(
                            "The call divides %(budget)s and %(taken)s is awarded already; "
                            "this project does not fit any more."
                        )
                        % {
                            "budget": format_euros(project.call.budget_cents),
                            "taken": format_euros(taken),
                        }
                    ]
                }
            )
    if award:
        project.awarded_cents = project.requested_cents
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


@transaction.atomic
def project_withdraw(
    *, project: ConvenantProject, actor: Any, reason: str = ""
) -> ConvenantProject:
    """The partner takes back a project it submitted, as long as it is not decided."""
    project = (
        ConvenantProject.objects.select_for_update(of=("self",)).select_related("call__fund").get(pk=project.pk)
    )
    municipality = project.call.fund.municipality
    if not has_capability(
        actor,
        roles.PLEDGE,
        area=project.area,
        municipality=municipality,
        organisation_id=project.organisation_id,
    ):
        raise PermissionDenied(_("Only the partner that submitted the project can withdraw it."))
    if project.status != ProjectStatus.SUBMITTED:
        raise ValidationError(_("This project has been decided; it can no longer be withdrawn."))
    project.status = ProjectStatus.WITHDRAWN
    project.withdrawn_at = timezone.now()
    project.decision_reason = reason.strip()
    project.save(update_fields=["status", "withdrawn_at", "decision_reason"])
    audit_log(
        actor=actor,
        action="initiatives.project_withdraw",
        target=project,
        changes={"status": ProjectStatus.WITHDRAWN},
        reason=reason,
        municipality_code=municipality.code,
    )
    return project


@transaction.atomic
def project_award_correct(
    *, project: ConvenantProject, actor: Any, amount_cents: int, reason: str
) -> ConvenantProject:
    """Lower an award (or withdraw it: amount 0). The money goes back to the fund's pool by a
    correction booking, and the project, its page and the call's totals change with it, in
    one transaction."""
    fund = project.call.fund
    if not (
        actor.has_perm("initiatives.rank_projects", fund.municipality)
        or actor.has_perm("budgets.manage_fund", fund)
    ):
        raise PermissionDenied(_("You do not have a role that allows this for this project."))
    project = ConvenantProject.objects.select_for_update(of=("self",)).select_related("hold").get(pk=project.pk)
    if project.status != ProjectStatus.AWARDED or project.hold is None:
        raise ValidationError(_("Only an awarded project can have its award corrected."))
    current = project.award_cents
    ledger.award_correct(
        hold=project.hold,
        budget=ledger.pool_account(fund),
        awarded_cents=current,
        amount_cents=amount_cents,
        reason=reason,
        title=project.title,
        actor=actor,
        reference_kind=PROJECT_OWNER,
        reference_id=project.pk,
    )
    project.awarded_cents = amount_cents
    if amount_cents == 0:
        project.status = ProjectStatus.REVOKED
    project.corrected_at = timezone.now()
    project.correction_reason = reason.strip()
    project.save(update_fields=["awarded_cents", "status", "corrected_at", "correction_reason"])
    audit_log(
        actor=actor,
        action="initiatives.project_award_correct",
        target=project,
        changes={"from_cents": current, "to_cents": amount_cents},
        reason=reason,
        municipality_code=fund.municipality.code,
    )
    return project
