"""Recompute the ledger from its entries and compare every decision with its bookings."""

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.budgets.selectors import ledger_verify


class Command(BaseCommand):
    help = (
        "Check every balance, transaction and running balance of the ledger, and that every "
        "award (initiatives, convenant projects, budget round winners) agrees with its "
        "bookings. Exits with an error when anything disagrees."
    )

    def handle(self, *args, **options) -> None:
        problems = ledger_verify()
        for problem in problems:
            self.stderr.write(f"{problem.what}: {problem.detail}")
        if problems:
            raise CommandError(f"{len(problems)} disagreement(s) found")
        self.stdout.write("0 disagreements: the ledger and every decision agree.")
