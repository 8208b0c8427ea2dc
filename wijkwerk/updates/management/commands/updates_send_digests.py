"""Send the daily or weekly digests of the news stream (run from cron, e.g. daily at 7:00
with --frequency daily and on Mondays with --frequency weekly). Safe to run again: what
was sent is recorded per subscriber, and nothing new means no mail."""

from django.core.management.base import BaseCommand

from wijkwerk.updates.digest import digests_send
from wijkwerk.updates.models import Frequency
from wijkwerk.updates.tasks import send_digests


class Command(BaseCommand):
    help = "Send each confirmed subscriber the news since their last digest."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=Frequency.values)
        parser.add_argument(
            "--queue", action="store_true", help="queue it for the worker instead of sending now"
        )

    def handle(self, *args, frequency: str, queue: bool = False, **options):
        if queue:
            send_digests.enqueue(frequency)
            self.stdout.write(f"Queued the {frequency} digests.")
            return
        sent = digests_send(frequency=frequency)
        self.stdout.write(f"{sent} {frequency} digest(s) sent.")
