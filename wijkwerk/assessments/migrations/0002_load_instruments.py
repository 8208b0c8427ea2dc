"""Load the instruments that ship with Wijkwerk (see wijkwerk/assessments/instruments).

The loader adds only versions that are missing and never changes a stored one, so running
it again, here or with `manage.py assessments_instruments`, is harmless."""

from django.db import migrations


def load(apps, schema_editor):
    from wijkwerk.assessments.instruments import instruments_load

    instruments_load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_instruments_assessments_scores")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
