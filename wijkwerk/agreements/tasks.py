"""Background work of the agreements app, run by `manage.py db_worker` (django-tasks)."""

from django_tasks import task

from .reminders import overdue_period_ids, period_remind


@task()
def remind_overdue_reports() -> int:
    """Remind the owners of every overdue report once; returns how many were reminded."""
    return sum(bool(period_remind(period_id=pk)) for pk in overdue_period_ids())
