from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection


def test_the_benchmark_refuses_to_run_on_the_database_in_use():
    with pytest.raises(CommandError):
        call_command("bench_budgets", entries=100)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_benchmark_measures_and_finds_no_overspend():
    if connection.vendor != "postgresql":
        pytest.skip("parallel bookings need PostgreSQL (SQLite's in-memory test DB locks tables)")
    out = StringIO()
    call_command("bench_budgets", measure=True, entries=300, threads=2, awards=5, stdout=out)
    text = out.getvalue()
    assert "budget with 300 entries" in text
    assert "overspend: none" in text
    assert "ledger_verify: 0 problems" in text
