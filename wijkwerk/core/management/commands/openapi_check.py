"""Fail when the committed openapi.yaml differs from the schema the code generates."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compare openapi.yaml with the generated schema (--write to update it)."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true")

    def handle(self, *args, write: bool = False, **options):
        out = StringIO()
        call_command("spectacular", lang="en", stdout=out)
        path = Path(settings.BASE_DIR) / "openapi.yaml"
        if write:
            path.write_text(out.getvalue())
            self.stdout.write(f"wrote {path}")
            return
        if not path.exists() or path.read_text() != out.getvalue():
            raise CommandError(
                "openapi.yaml is out of date: run `python manage.py openapi_check --write` "
                "and commit the result."
            )
        self.stdout.write("openapi.yaml matches the code")
