import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wijkwerk.accounts.tests.factories import UserFactory
from wijkwerk.agenda.models import AgendaItem, Source
from wijkwerk.agenda.models import Status as AgendaStatus
from wijkwerk.reports import services
from wijkwerk.reports.models import Category, Channel, PatternStatus, Report, Status
from wijkwerk.reports.patterns import ORIGIN_KIND, pattern_to_agenda, patterns_detect
from wijkwerk.reports.selectors import dashboard, likely_duplicates
from wijkwerk.reports.tasks import mail_reporter, remove_personal_data

from .factories import CategoryFactory, subcategory


@pytest.fixture
def afval(municipality, gemeente_org):
    return subcategory(
        municipality, gemeente_org, ("afval", "Afval"), "container-vol", "Container vol"
    )


def melding(municipality, category, wijk, lat=52.95, lon=4.76, **kwargs):
    return services.report_create(
        municipality=municipality,
        category=category,
        description="Container vol",
        lat=lat,
        lon=lon,
        channel=Channel.WEB,
        area_hint=wijk,
        **kwargs,
    )


def test_recurring_reports_are_proposed_once_and_go_on_the_agenda(
    municipality, wijk, afval, wijkmanager
):
    for _ in range(5):
        melding(municipality, afval, wijk)
    made = patterns_detect(municipality=municipality, threshold=5, days=30)
    assert len(made) == 1
    assert made[0].reports.count() == 5
    assert patterns_detect(municipality=municipality, threshold=5, days=30) == []
    with pytest.raises(PermissionDenied):
        pattern_to_agenda(pattern=made[0], actor=UserFactory())
    item = pattern_to_agenda(pattern=made[0], actor=wijkmanager, note="Vaker legen?")
    assert item.source == Source.MELDING
    assert item.status == AgendaStatus.PROPOSED
    assert (item.origin_kind, item.origin_id) == (ORIGIN_KIND, str(made[0].pk))
    made[0].refresh_from_db()
    assert made[0].status == PatternStatus.ON_AGENDA
    assert AgendaItem.objects.filter(area=wijk).count() == 1


def test_fewer_reports_than_the_threshold_make_no_pattern(municipality, wijk, afval):
    for _ in range(4):
        melding(municipality, afval, wijk)
    assert patterns_detect(municipality=municipality, threshold=5, days=30) == []


def test_likely_duplicates_are_near_recent_and_of_the_same_category(municipality, wijk, afval):
    first = melding(municipality, afval, wijk)
    near = melding(municipality, afval, wijk, lat=52.9502)  # about 22 m north
    far = melding(municipality, afval, wijk, lat=52.96)  # about 1.1 km
    other = CategoryFactory(municipality=municipality, parent=afval.parent, code="grofvuil")
    elsewhere = melding(municipality, other, wijk)
    found = likely_duplicates(report=near)
    assert first in found
    assert far not in found and elsewhere not in found


def test_dashboard_counts_handling_time_and_share_within_deadline(
    municipality, wijk, afval, wijkmanager
):
    quick = melding(municipality, afval, wijk)
    late = melding(municipality, afval, wijk)
    melding(municipality, afval, wijk)  # still open
    now = timezone.now()
    Report.objects.filter(pk=quick.pk).update(
        status=Status.HANDLED, handled_at=quick.created_at + datetime.timedelta(hours=2)
    )
    Report.objects.filter(pk=late.pk).update(
        status=Status.HANDLED, handled_at=late.deadline + datetime.timedelta(hours=1)
    )
    (line,) = dashboard(
        municipality=municipality, group_by="category", since=now.date() - datetime.timedelta(1)
    )
    assert (line.total, line.open, line.handled) == (3, 1, 2)
    assert line.within_deadline_percent == 50.0
    assert line.overdue == 0


def test_the_reporter_is_mailed_once_per_update(municipality, wijk, afval):
    from django_tasks_db.models import DBTaskResult

    made = melding(municipality, afval, wijk, reporter_email="melder@example.nl")
    # The mail is queued in the same transaction as the report (an outbox row).
    assert DBTaskResult.objects.filter(task_path__endswith="mail_reporter").count() == 1
    update = made.updates.get()
    assert mail_reporter.call(update.pk)
    assert not mail_reporter.call(update.pk)
    assert mail.outbox[0].to == ["melder@example.nl"]


def test_personal_data_is_erased_after_the_retention_period(municipality, wijk, afval):
    made = melding(
        municipality, afval, wijk, reporter_email="melder@example.nl", reporter_name="Piet"
    )
    Report.objects.filter(pk=made.pk).update(
        status=Status.HANDLED, handled_at=timezone.now() - datetime.timedelta(days=400)
    )
    assert remove_personal_data(older_than_days=365) == 1
    made.refresh_from_db()
    assert (made.reporter_email, made.reporter_name) == ("", "")
    assert made.description == "Container vol"


def test_default_categories_install_once(municipality, treasurer):
    added = services.categories_install_defaults(municipality=municipality, actor=treasurer)
    assert added > 30
    assert services.categories_install_defaults(municipality=municipality, actor=treasurer) == 0
    assert Category.objects.filter(municipality=municipality, parent__isnull=True).count() == 8


def test_an_overdue_report_is_escalated_once_to_the_wijk_supervisors(
    municipality, wijk, afval, wijkmanager
):
    from django_tasks_db.models import DBTaskResult

    from wijkwerk.reports.tasks import report_deadline_check, report_deadline_sweep

    made = melding(municipality, afval, wijk)
    # Not a check per report: a sweep at the end of the deadline's slot (services.py).
    (sweep,) = DBTaskResult.objects.filter(task_path__endswith="report_deadline_sweep")
    slot = datetime.timedelta(seconds=services.DEADLINE_SLOT_SECONDS)
    assert made.deadline <= sweep.run_after < made.deadline + slot
    assert not report_deadline_check.call(made.pk)  # not due yet
    assert report_deadline_sweep.call() == 0
    Report.objects.filter(pk=made.pk).update(deadline=timezone.now() - datetime.timedelta(hours=1))
    mail.outbox.clear()
    assert report_deadline_check.call(made.pk)
    assert not report_deadline_check.call(made.pk)
    assert mail.outbox[0].to == [wijkmanager.email]


def test_the_deadline_sweep_escalates_every_overdue_open_report_once(
    municipality, wijk, afval, wijkmanager
):
    from wijkwerk.reports.tasks import report_deadline_sweep

    late, handled, on_time = (melding(municipality, afval, wijk) for _ in range(3))
    past = timezone.now() - datetime.timedelta(minutes=1)
    Report.objects.filter(pk__in=[late.pk, handled.pk]).update(deadline=past)
    Report.objects.filter(pk=handled.pk).update(status=Status.HANDLED, handled_at=past)
    mail.outbox.clear()
    assert report_deadline_sweep.call() == 1
    assert report_deadline_sweep.call() == 0
    assert [m.to for m in mail.outbox] == [[wijkmanager.email]]
    assert str(late.pk) in mail.outbox[0].subject
    escalated = set(Report.objects.filter(escalated_at__isnull=False).values_list("pk", flat=True))
    assert escalated == {late.pk}


def test_reports_with_deadlines_in_one_slot_share_one_sweep(
    municipality, wijk, afval, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    made = []
    for _ in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            made.append(melding(municipality, afval, wijk))
    sweeps = DBTaskResult.objects.filter(task_path__endswith="report_deadline_sweep")
    slots = {services.deadline_slot(report.deadline) for report in made}
    assert sorted(s.run_after for s in sweeps) == sorted(slots)  # 1 (2 across a boundary)


def test_a_deadline_within_one_slot_always_queues_its_own_sweep(
    municipality, wijk, afval, django_capture_on_commit_callbacks
):
    """Its sweep may be about to run: it is queued with the report, so it sees the report."""
    from django_tasks_db.models import DBTaskResult

    Category.objects.filter(pk=afval.pk).update(handling_days=0, day_type="calendar")
    afval.refresh_from_db()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            melding(municipality, afval, wijk)
    sweeps = DBTaskResult.objects.filter(task_path__endswith="report_deadline_sweep")
    assert sweeps.count() == 2


def test_a_duplicate_is_linked_and_closed_with_a_pointer_to_the_original(
    municipality, wijk, afval, wijkmanager
):
    first = melding(municipality, afval, wijk)
    second = melding(municipality, afval, wijk)
    services.report_link_duplicate(report=second, actor=wijkmanager, original=first)
    second.refresh_from_db()
    assert second.duplicate_of == first
    assert second.status == Status.CANCELLED
    assert str(first.pk) in second.updates.last().message
    with pytest.raises(PermissionDenied):
        services.report_link_duplicate(report=first, actor=UserFactory(), original=second)
