"""Enqueuing background work so that it happens exactly when the change it belongs to is
committed.

With the database task backend (django-tasks-db, the default) the task row is written in
the same transaction as the change: both are committed or neither (a transactional outbox),
and it costs no extra commit. Any other backend is called after the commit.
"""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction


def _same_database() -> bool:
    return settings.TASKS["default"]["BACKEND"].endswith("DatabaseBackend")


def enqueue_on_commit(task: Any, *args: Any, run_after: datetime | None = None) -> None:
    configured = task.using(run_after=run_after) if run_after is not None else task
    if _same_database():
        configured.enqueue(*args)
    else:
        transaction.on_commit(lambda: configured.enqueue(*args))
