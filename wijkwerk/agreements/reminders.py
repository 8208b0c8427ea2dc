"""Reminding owners of overdue reports: a period past its due date, not closed, without a
report, of an agreement in force. Each period is reminded once (`reminded_at`), whether the
reminder came from the background task or from `manage.py agreements_remind`."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.core.services import audit_log

from .models import AgreementStatus, ReportingPeriod


def overdue_period_ids(today=None) -> list[int]:
    today = today or timezone.localdate()
    return list(
        ReportingPeriod.objects.filter(
            agreement__status=AgreementStatus.IN_FORCE,
            due_on__lt=today,
            closed_at__isnull=True,
            reminded_at__isnull=True,
            report__isnull=True,
        ).values_list("pk", flat=True)
    )


def owner_people(period: ReportingPeriod) -> list[str]:
    """E-mail addresses of the people acting for the owner organisation (or a department)."""
    agreement = period.agreement
    owner_id = agreement.owner_organisation_id
    return sorted(
        {
            a.user.email
            for a in RoleAssignment.objects.current()
            .filter(municipality_id=agreement.municipality_id, user__is_active=True)
            .filter(organisation_id__isnull=False)
            .select_related("user", "organisation")
            if a.organisation_id == owner_id or a.organisation.parent_id == owner_id
        }
    )


@transaction.atomic
def period_remind(*, period_id: int) -> bool:
    """Send the reminder for one overdue period, once. Returns whether a mail went out."""
    period = (
        ReportingPeriod.objects.select_for_update(of=("self",))
        .select_related("agreement__municipality")
        .filter(pk=period_id)
        .first()
    )
    if period is None or period.reminded_at is not None or period.pk not in overdue_period_ids():
        return False
    recipients = owner_people(period)
    period.reminded_at = timezone.now()
    period.save(update_fields=["reminded_at"])
    agreement = period.agreement
    audit_log(
        actor=None,
        action="agreements.remind",
        target=agreement,
        changes={"period": str(period), "recipients": len(recipients)},
        municipality_code=agreement.municipality.code,
    )
    if not recipients:
        return False
    link = settings.WIJKWERK_SITE_URL.rstrip("/") + reverse(
        "agreements:detail", args=[agreement.municipality.slug, agreement.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Report overdue: %(title)s") % {"title": agreement.title}
        body = _(
            'The progress report on the agreement "%(title)s" for the period %(period)s '
            "was due on %(date)s. Please report the value of the indicator and what was done."
            "\n\n%(link)s"
        ) % {
            "title": agreement.title,
            "period": period,
            "date": date_format(period.due_on, "j F Y"),
            "link": link,
        }
    # Sent inside the transaction: if the mail cannot be sent, `reminded_at` is rolled back
    # and the next run tries again.
    send_mail(subject, body, None, recipients)
    return True
