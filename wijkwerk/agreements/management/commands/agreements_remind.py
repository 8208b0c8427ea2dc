"""Remind owners of overdue progress reports (safe to run as often as you like, e.g. daily
from cron: each period is reminded once)."""

from django.core.management.base import BaseCommand

from wijkwerk.agreements.tasks import remind_overdue_reports


class Command(BaseCommand):
    help = "Remind the owners of agreements whose progress report is overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Leave the work to the background worker instead of doing it now.",
        )

    def handle(self, *args, **options):
        if options["enqueue"]:
            remind_overdue_reports.enqueue()
            self.stdout.write("Reminder task enqueued.")
            return
        reminded = remind_overdue_reports.call()
        self.stdout.write(f"{reminded} report(s) reminded.")
