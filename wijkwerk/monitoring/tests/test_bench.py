import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command


def test_the_benchmark_refuses_a_silly_scale():
    with pytest.raises(CommandError):
        call_command("bench_monitoring", scale=0)


def test_in_process_mode_refuses_a_database_that_is_not_a_test_database(settings, monkeypatch):
    from django.db import connection

    monkeypatch.setitem(connection.settings_dict, "NAME", "/srv/wijkwerk.sqlite3")
    with pytest.raises(CommandError):
        call_command("bench_monitoring", scale=0.001, in_process=True)


@pytest.mark.django_db
def test_the_benchmark_fills_a_tiny_country_and_prints_its_figures():
    out = StringIO()
    call_command("bench_monitoring", scale=0.001, in_process=True, requests=6, rounds=2, stdout=out)
    text = out.getvalue()
    assert re.search(r"stored: 1 municipalities, 3 wijken, 15 buurten, 2,000 meldingen", text)
    queries = re.search(r"queries per dashboard request: municipality (\d+)", text)
    assert queries and 0 < int(queries.group(1)) <= 20
    assert re.search(r"trivial view /healthz: +[\d.]+ requests/s", text)
    assert re.search(r"municipality monitor: +[\d.]+ requests/s", text)
    assert re.search(r"ratio monitor/trivial: +[\d.]+ +\(goal >= 0.2", text)
