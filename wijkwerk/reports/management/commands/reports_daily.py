"""Daily housekeeping of meldingen (run from cron): escalate overdue reports that the
scheduled deadline sweeps missed (see `tasks.report_deadline_sweep`), erase reporter contact
data after the retention period, and propose recurring reports for the wijkagenda."""

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.areas.models import Municipality
from wijkwerk.reports.patterns import patterns_detect
from wijkwerk.reports.tasks import (
    overdue_unescalated_ids,
    remove_personal_data,
    report_deadline_check,
)


class Command(BaseCommand):
    help = "Erase old personal data of reports and detect recurring reports."

    def add_arguments(self, parser):
        parser.add_argument("--threshold", type=int, default=5, help="reports (default 5)")
        parser.add_argument("--days", type=int, default=30, help="within days (default 30)")

    def handle(self, *args, threshold: int, days: int, **options):
        if threshold < 2 or days < 1:
            raise CommandError("--threshold must be at least 2 and --days at least 1.")
        escalated = sum(bool(report_deadline_check.call(pk)) for pk in overdue_unescalated_ids())
        cleaned = remove_personal_data()
        found = sum(
            len(patterns_detect(municipality=m, threshold=threshold, days=days))
            for m in Municipality.objects.all()
        )
        self.stdout.write(
            f"{escalated} overdue report(s) escalated; {cleaned} cleaned of personal data; "
            f"{found} pattern(s) proposed."
        )
