"""The initiatives' decisions as the ledger knows them (see `budgets.decisions`): an
initiative's award (its voucher) and a convenant project's award each own one reservation,
whose net award bookings must equal the amount the decision gives now."""

from django.utils.translation import gettext as _

from wijkwerk.budgets.decisions import Disagreement, register
from wijkwerk.budgets.money import format_euros
from wijkwerk.budgets.selectors import decided_cents

from .models import ConvenantProject, Initiative, ProjectStatus, Voucher
from .services import INITIATIVE_REF, PROJECT_OWNER


def _describe_initiative(reference_id: int | None) -> str:
    initiative = Initiative.objects.filter(pk=reference_id).first()
    if initiative is None:
        return _("an initiative")
    return _("the initiative “%(title)s” (its award is corrected on the initiative's page)") % {
        "title": initiative.title
    }


def _describe_project(reference_id: int | None) -> str:
    project = ConvenantProject.objects.filter(pk=reference_id).first()
    if project is None:
        return _("a convenant project")
    return _("the convenant project “%(title)s” (its award is corrected on the project's page)") % {
        "title": project.title
    }


def initiatives_verify() -> list[Disagreement]:
    vouchers = list(Voucher.objects.select_related("initiative").order_by("pk"))
    booked = decided_cents(hold_ids=[v.hold_id for v in vouchers])
    found = []
    for voucher in vouchers:
        if booked[voucher.hold_id] != voucher.amount_cents:
            found.append(
                Disagreement(
                    f"initiative {voucher.initiative_id}",
                    f"award {format_euros(voucher.amount_cents)}, "
                    f"booked {format_euros(booked[voucher.hold_id])}",
                )
            )
    return found


def projects_verify() -> list[Disagreement]:
    projects = list(
        ConvenantProject.objects.exclude(
            status__in=[ProjectStatus.SUBMITTED, ProjectStatus.WITHDRAWN]
        ).order_by("pk")
    )
    booked = decided_cents(hold_ids=[p.hold_id for p in projects if p.hold_id])
    found = []
    for project in projects:
        has = booked.get(project.hold_id, 0) if project.hold_id else 0
        if has != project.award_cents:
            found.append(
                Disagreement(
                    f"convenant project {project.pk}",
                    f"{project.status} {format_euros(project.award_cents)}, "
                    f"booked {format_euros(has)}",
                )
            )
    return found


def register_decisions() -> None:
    register(
        reference_kinds={INITIATIVE_REF}, describe=_describe_initiative, verify=initiatives_verify
    )
    register(reference_kinds={PROJECT_OWNER}, describe=_describe_project, verify=projects_verify)
