"""Import the postcode table of one municipality (which wijk each 4-digit postcode is in).

python manage.py import_postcodes GM0400 wijkwerk/areas/data/postcodes_demo.csv
    # columns: postcode,wijk_code[,basis]; two rows for a postcode that spans two wijken

The file replaces the municipality's table; one bad row imports nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkwerk.areas import codes
from wijkwerk.areas.models import Municipality
from wijkwerk.areas.services import AreaImportError, parse_postcode_csv, postcodes_import


class Command(BaseCommand):
    help = "Import a municipality's postcode table from CSV (postcode,wijk_code); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="CBS code of the municipality, e.g. GM0400")
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--only-own",
            action="store_true",
            help="keep only the rows of this municipality's wijken (for a file of several)",
        )

    def handle(self, *args, municipality: str, path: Path, only_own: bool, **options):
        municipality_obj = Municipality.objects.filter(code=municipality.strip().upper()).first()
        if municipality_obj is None:
            raise CommandError(
                _("Municipality %(code)s is unknown: import it first with import_areas.")
                % {"code": municipality}
            )
        if not path.exists():
            raise CommandError(_("File %(path)s does not exist.") % {"path": path})
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(_("The file is not UTF-8 text.")) from exc
        try:
            rows = parse_postcode_csv(text)
            if only_own:
                digits = codes.municipality_digits(municipality_obj.code)
                rows = [r for r in rows if codes.municipality_digits(r.code) == digits]
            result = postcodes_import(municipality=municipality_obj, rows=rows)
        except AreaImportError as exc:
            raise CommandError(
                _("Nothing was imported. Fix these problems and try again:") + "\n" + str(exc)
            ) from exc
        self.stdout.write(
            _("%(count)s postcodes of %(name)s imported.")
            % {"count": result.created, "name": municipality_obj.name}
        )
