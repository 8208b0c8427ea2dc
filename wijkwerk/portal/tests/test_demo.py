"""The demo command builds a working demo in one go and is safe to run again."""

from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command

from wijkwerk.agenda.models import AgendaItem, AgendaReview, Status
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core.models import AuditEvent
from wijkwerk.portal.management.commands.demo import DEMO_PASSWORD


def _run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_builds_three_municipalities_with_items_in_every_state(db):
    output = _run()
    assert set(Municipality.objects.values_list("code", flat=True)) == {
        "GM0400",
        "GM0777",
        "GM0118",
    }
    assert Area.objects.filter(kind="dorp", municipality__code="GM0118").exists()
    assert set(AgendaItem.objects.values_list("status", flat=True)) == set(Status.values)
    assert AgendaReview.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="agenda.answer").exists()
    assert "wijkmanager.denhelder@demo.wijkwerk.nl" in output and DEMO_PASSWORD in output


def test_printed_demo_logins_work(db):
    _run()
    for email in ("bewoner@demo.wijkwerk.nl", "wijkmanager.denhelder@demo.wijkwerk.nl"):
        assert authenticate(email=email, password=DEMO_PASSWORD) is not None


def test_second_run_changes_nothing(db):
    _run()
    counts = (AgendaItem.objects.count(), AuditEvent.objects.count(), Area.objects.count())
    output = _run()
    assert (AgendaItem.objects.count(), AuditEvent.objects.count(), Area.objects.count()) == counts
    assert "wijkmanager.denhelder@demo.wijkwerk.nl" in output


def test_reset_rebuilds_the_demo(db):
    _run()
    first = set(AgendaItem.objects.values_list("pk", flat=True))
    _run("--reset")
    again = set(AgendaItem.objects.values_list("pk", flat=True))
    assert again and not (first & again)
