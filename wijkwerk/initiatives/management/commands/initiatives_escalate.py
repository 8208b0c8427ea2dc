"""Escalate every undecided initiative past its deadline (a backstop for the task that is
scheduled at submission; safe to run as often as you like, e.g. daily from cron)."""

from django.core.management.base import BaseCommand

from wijkwerk.initiatives.deadlines import overdue_ids
from wijkwerk.initiatives.tasks import initiative_deadline_check


class Command(BaseCommand):
    help = "Escalate initiatives whose decision is overdue."

    def handle(self, *args, **options):
        escalated = sum(bool(initiative_deadline_check.call(pk)) for pk in overdue_ids())
        self.stdout.write(f"{escalated} initiative(s) escalated.")
