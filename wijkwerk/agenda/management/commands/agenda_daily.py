"""Daily watch over the wijkagenda (run from cron, like `reports_daily`): reminders before an
idea's answer term ends, one escalation when it has passed, reminders when a Some-day date
comes, and a warning when a wijk's last vaststelling is more than six months old. Each notice
goes out once, however often this runs."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.agenda.reminders import agenda_daily


class Command(BaseCommand):
    help = "Send the wijkagenda's reminders and escalations of today (each once)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="run as on this date (YYYY-MM-DD), for testing")

    def handle(self, *args, today: str | None = None, **options):
        day = None
        if today:
            try:
                day = date.fromisoformat(today)
            except ValueError as error:
                raise CommandError("--today must be a date like 2026-03-01.") from error
        self.stdout.write(str(agenda_daily(today=day)))
