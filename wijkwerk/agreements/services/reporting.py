"""Progress reports by the owner, with evidence, and disputes by the other parties."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.organisations.models import Organisation

from ..evidence import clean_evidence
from ..models import Agreement, AgreementStatus, Dispute, ProgressReport, ReportingPeriod
from ..predicates import acting_organisation_ids
from ..units import parse_value
from ._common import _lock, _log, check_perm


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
