"""Add the shipped self-assessment instruments that are missing; stored versions stay."""

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.assessments.instruments import ShippedVersionChanged, instruments_load


class Command(BaseCommand):
    help = (
        "Store the versions of the shipped self-assessment instruments that are not there yet. "
        "A stored version is never changed; running it again does nothing."
    )

    def handle(self, *args, **options):
        try:
            added = instruments_load()
        except ShippedVersionChanged as error:
            raise CommandError(str(error)) from error
        self.stdout.write("Added: " + ", ".join(added) if added else "Nothing to add.")
