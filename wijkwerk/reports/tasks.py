"""Background work for meldingen (django-tasks, run by `manage.py db_worker`)."""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from wijkwerk.accounts import roles
from wijkwerk.accounts.models import RoleAssignment
from wijkwerk.core.services import audit_log

from .models import Report, ReportUpdate

logger = logging.getLogger(__name__)


@task()
def mail_reporter(update_id: int) -> bool:
    """Send the reporter the message of one update (once)."""
    with transaction.atomic():
        update = (
            ReportUpdate.objects.select_for_update(of=("self",))
            .select_related("report__category")
            .filter(pk=update_id, mailed_at__isnull=True)
            .first()
        )
        if update is None or not update.report.reporter_email:
            return False
        report = update.report
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("Your report #%(id)s: %(status)s")
                % {"id": report.pk, "status": update.get_status_to_display()},
                _("%(message)s\n\nReport: %(category)s, %(address)s")
                % {
                    "message": update.message,
                    "category": report.category.name,
                    "address": report.address or f"{report.lat:.5f}, {report.lon:.5f}",
                },
                None,
                [report.reporter_email],
            )
        update.mailed_at = timezone.now()
        update.save(update_fields=["mailed_at"])
    return True


@task()
def report_deadline_check(report_id: int) -> bool:
    """Escalates one report whose deadline has passed: an open report is escalated (once) to
    those who supervise its wijk, and shows as overdue on the dashboard until it is handled.

    Intake no longer queues this per report (see `report_deadline_sweep`); it stays a task
    for the rows queued before, and the sweeps call it for each overdue report."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("category", "wijk", "municipality")
            .filter(pk=report_id, escalated_at__isnull=True, deadline__lte=timezone.now())
            .first()
        )
        if report is None or not report.is_open:
            return False
        report.escalated_at = timezone.now()
        report.save(update_fields=["escalated_at"])
        audit_log(
            actor=None,
            action="reports.escalate",
            target=report,
            changes={"deadline": report.deadline.isoformat()},
            municipality_code=report.municipality.code,
        )
    recipients = sorted(
        {
            a.user.email
            for a in RoleAssignment.objects.current()
            .filter(municipality_id=report.municipality_id)
            .select_related("user")
            if roles.SUPERVISE_REPORTS in roles.ROLE_CAPABILITIES.get(a.role, ())
            and a.covers(report.wijk, report.municipality_id)
        }
    )
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):
            send_mail(
                _("Report #%(id)s is overdue: %(category)s")
                % {"id": report.pk, "category": report.category.name},
                _("It was to be handled by %(deadline)s.")
                % {"deadline": timezone.localtime(report.deadline).strftime("%d-%m-%Y %H:%M")},
                None,
                recipients,
            )
    return True


@task()
def report_deadline_sweep() -> int:
    """Escalates every open report whose deadline has passed and that is not escalated yet
    (see `report_deadline_check`); returns how many were escalated.

    Intake queues one sweep at the end of each slot of `services.DEADLINE_SLOT_SECONDS` in
    which a report has its deadline, instead of a deadline check per report. A report that
    fails (a mail server that is down) does not stop the others; the sweep then fails with
    the first error after it has done the rest, and `reports_daily` is the backstop."""
    escalated = 0
    failed: Exception | None = None
    for pk in overdue_unescalated_ids():
        try:
            escalated += bool(report_deadline_check.call(pk))
        except Exception as error:
            logger.exception("Escalating report %s failed", pk)
            failed = failed or error
    if failed is not None:
        raise failed
    return escalated


def overdue_unescalated_ids() -> list[int]:
    return list(
        Report.objects.overdue(timezone.now())
        .filter(escalated_at__isnull=True)
        .values_list("pk", flat=True)
    )


def remove_personal_data(*, older_than_days: int | None = None) -> int:
    """Erase reporter contact data of reports handled longer ago than the retention period;
    the report itself, its place and history stay. Returns how many reports were cleaned."""
    days = older_than_days or settings.WIJKWERK_REPORT_RETENTION_DAYS
    cutoff = timezone.now() - datetime.timedelta(days=days)
    return Report.objects.filter(
        handled_at__lt=cutoff, personal_data_removed_at__isnull=True
    ).update(
        reporter_email="",
        reporter_name="",
        reporter_phone="",
        personal_data_removed_at=timezone.now(),
    )


@task()
def retention_sweep() -> int:
    return remove_personal_data()
