"""Running one piece of work in many threads at once, each on its own database connection:
for the tests that show a race is won once (they need PostgreSQL; SQLite serialises writers
as a whole, so it cannot show one)."""

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection


def in_parallel(work: Callable[[int], Any], n: int) -> list[Any]:
    """Run `work(i)` in n threads released at the same moment; each one's result or error."""
    barrier = threading.Barrier(n)
    outcomes: list[Any] = [None] * n

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcomes[i] = work(i)
        except Exception as error:  # noqa: BLE001 - the outcome is what the test checks
            outcomes[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def skip_unless_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "the concurrency test needs PostgreSQL: SQLite serialises writers as a whole, so "
            "it cannot show a race (run with DATABASE_URL=postgres://…)"
        )
