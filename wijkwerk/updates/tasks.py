"""Background work of the updates app (django-tasks, run by `manage.py db_worker`). The
digests are queued once a day and once a week by the scheduler (cron) through
`manage.py updates_send_digests --queue`, or sent at once by the same command without it."""

from django_tasks import task

from .digest import digests_send


@task()
def send_digests(frequency: str) -> int:
    return digests_send(frequency=frequency)
