"""Compile the project's .po files to .mo with polib, so no GNU gettext is needed.

With --check it fails when an entry is untranslated or fuzzy.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile wijkwerk/locale/*/LC_MESSAGES/*.po to .mo (pure Python)."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="fail on missing translations")

    def handle(self, *args, check: bool = False, **options):
        problems: list[str] = []
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                for entry in po.untranslated_entries():
                    problems.append(f"{po_path}:{entry.linenum}: untranslated: {entry.msgid!r}")
                for entry in po.fuzzy_entries():
                    problems.append(f"{po_path}:{entry.linenum}: fuzzy: {entry.msgid!r}")
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path} ({po.percent_translated()}% translated)")
        if check and problems:
            raise CommandError("Translations incomplete:\n" + "\n".join(problems))
