"""(Re)build the news stream from the audit log: entries that exist are brought up to date
under the same id, missing ones are added and ones no longer public are removed."""

from django.core.management.base import BaseCommand, CommandError

from wijkwerk.areas.models import Municipality
from wijkwerk.updates.services import news_rebuild


class Command(BaseCommand):
    help = "Rebuild the news stream of every municipality (or one) from the audit log."

    def add_arguments(self, parser):
        parser.add_argument("--municipality", help="CBS code (GM0400) or slug; default all")

    def handle(self, *args, municipality: str | None = None, **options):
        found = None
        if municipality:
            found = (
                Municipality.objects.filter(code=municipality.upper()).first()
                or Municipality.objects.filter(slug=municipality).first()
            )
            if found is None:
                raise CommandError(f"There is no municipality {municipality!r}.")
        written, removed = news_rebuild(municipality=found)
        self.stdout.write(f"{written} news entries written, {removed} removed.")
