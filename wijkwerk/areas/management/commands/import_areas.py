"""Import municipalities, wijken and buurten from a CBS GeoJSON or CSV file.

python manage.py import_areas ../shared/data/cbs-gebieden/gemeenten_2022_gegeneraliseerd.geojson
python manage.py import_areas wijken.csv   # columns: code,name[,parent_code]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wijkwerk.areas.services import AreaImportError, areas_import, parse_csv, parse_geojson


class Command(BaseCommand):
    help = "Import areas from CBS GeoJSON (.geojson/.json) or CSV (.csv); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--only", default="", help="comma-separated municipality codes to keep, e.g. GM0400"
        )
        parser.add_argument(
            "--villages", default="", help="comma-separated wijk codes that are dorpen"
        )

    def handle(self, *args, path: Path, only: str, villages: str, **options):
        if not path.exists():
            raise CommandError(_("File %(path)s does not exist.") % {"path": path})
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise CommandError(_("The file is not UTF-8 text.")) from exc
        try:
            rows = parse_csv(text) if path.suffix.lower() == ".csv" else parse_geojson(text)
            keep = {c.strip().upper()[2:6] for c in only.split(",") if c.strip()}
            if keep:
                rows = [r for r in rows if r.code.upper()[2:6] in keep]
            village_codes = {c.strip().upper() for c in villages.split(",") if c.strip()}
            result = areas_import(rows=rows, village_codes=village_codes)
        except AreaImportError as exc:
            raise CommandError(
                _("Nothing was imported. Fix these problems and try again:") + "\n" + str(exc)
            ) from exc
        self.stdout.write(
            _("%(created)s areas created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated}
        )
