"""Digests: one mail per subscriber with the news since the last one, in their language,
with one-click unsubscribe headers; nothing new means no mail, and nothing is sent twice,
not even after a crash halfway."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from wijkwerk.agenda import services as agenda
from wijkwerk.meetings.tests.factories import meeting
from wijkwerk.updates import mails
from wijkwerk.updates.digest import digests_send
from wijkwerk.updates.models import Digest, Kind, Subscription

from .factories import entry, subscriber

pytestmark = pytest.mark.django_db


def soon(minutes: int = 2, days: int = 0) -> datetime.datetime:
    """A moment after the entries just written have settled (see digest.SETTLE_SECONDS)."""
    return timezone.now() + datetime.timedelta(minutes=minutes, days=days)


def test_a_daily_digest_holds_the_news_since_confirmation(wijk, item, wijkmanager):
    entry(area=wijk, title="Van voor het abonnement")
    subscription = subscriber(area=wijk)
    agenda.agenda_item_answer(
        item=item, actor=wijkmanager, verdict="nooit", motivation="Geen ruimte op het plein."
    )
    assert digests_send(frequency="daily", now=soon()) == 1
    (message,) = mail.outbox
    assert message.to == [subscription.email]
    assert "Never: Speeltuin Kerkgracht opknappen will not happen" in message.body
    assert "Geen ruimte op het plein." in message.body
    assert f"http://127.0.0.1:8000/gemeente/den-helder/stad-oost/wijkagenda/{item.pk}/" in (
        message.body
    )
    assert "Van voor het abonnement" not in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Geen ruimte op het plein." in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http") and "/nieuwsbrief/afmelden/" in unsubscribe
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Digest.objects.get().entry_count == 1


def test_nothing_new_means_no_mail_and_a_rerun_sends_nothing_twice(wijk):
    subscriber(area=wijk)
    assert digests_send(frequency="daily", now=soon()) == 0
    entry(area=wijk)
    assert digests_send(frequency="daily", now=soon()) == 1
    assert digests_send(frequency="daily", now=soon(minutes=3)) == 0
    call_command("updates_send_digests", frequency="daily", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_entries_still_settling_wait_for_the_next_run(wijk):
    subscriber(area=wijk)
    entry(area=wijk)
    assert digests_send(frequency="daily", now=timezone.now()) == 0
    assert digests_send(frequency="daily", now=soon()) == 1


def test_weekly_subscribers_get_a_week_at_once(wijk):
    daily = subscriber(area=wijk, email="dag@example.nl", frequency="daily")
    weekly = subscriber(area=wijk, email="week@example.nl", frequency="weekly")
    entry(area=wijk, title="Maandag")
    assert digests_send(frequency="daily", now=soon()) == 1
    assert mail.outbox[-1].to == [daily.email]
    entry(area=wijk, title="Dinsdag")
    assert digests_send(frequency="daily", now=soon(days=1)) == 1
    assert digests_send(frequency="weekly", now=soon(days=1)) == 1
    week = mail.outbox[-1]
    assert week.to == [weekly.email] and "Maandag" in week.body and "Dinsdag" in week.body
    # Run too often, the weekly command still waits a week.
    entry(area=wijk, title="Woensdag")
    assert digests_send(frequency="weekly", now=soon(days=2)) == 0
    assert digests_send(frequency="weekly", now=soon(days=8)) == 1
    assert "Woensdag" in mail.outbox[-1].body and "Maandag" not in mail.outbox[-1].body


def test_unconfirmed_subscriptions_get_nothing(wijk):
    Subscription.objects.create(
        municipality=wijk.municipality, area=wijk, email="nog@example.nl", secret="x" * 32,
        frequency="daily",
    )  # fmt: skip
    entry(area=wijk)
    assert digests_send(frequency="daily", now=soon()) == 0
    assert not mail.outbox


def test_an_item_subscription_gets_only_that_items_news(wijk, item):
    subscriber(area=wijk, item=item)
    entry(area=wijk, title="Iets anders")
    entry(area=wijk, title=item.title, source_id=str(item.pk))
    digests_send(frequency="daily", now=soon())
    (message,) = mail.outbox
    assert item.title in message.body and "Iets anders" not in message.body


def test_closed_bodies_never_reach_a_digest(wijk, wijkmanager, closed_body, platform):
    subscriber(area=wijk)
    meeting(body=closed_body, actor=wijkmanager)
    assert digests_send(frequency="daily", now=soon()) == 0
    meeting(body=platform, actor=wijkmanager)
    digests_send(frequency="daily", now=soon(days=1))
    assert "Wijkplatform" in mail.outbox[0].body
    assert "Signaleringsoverleg" not in mail.outbox[0].body


def test_each_subscriber_reads_the_digest_in_their_language(wijk):
    subscriber(area=wijk, email="en@example.nl", language="en")
    subscriber(area=wijk, email="nl@example.nl", language="nl")
    entry(area=wijk, kind=Kind.AGENDA_PROGRESS, title="Speeltuin", data={"status": "in_progress"})
    digests_send(frequency="daily", now=soon())
    by_address = {m.to[0]: m for m in mail.outbox}
    with translation.override("nl"):
        dutch = gettext("in progress")
    assert dutch != "in progress"
    assert dutch in by_address["nl@example.nl"].body
    assert "in progress" in by_address["en@example.nl"].body


def test_a_crash_halfway_loses_nothing_and_doubles_nothing(wijk, monkeypatch):
    first = subscriber(area=wijk, email="een@example.nl")
    second = subscriber(area=wijk, email="twee@example.nl")
    entry(area=wijk, title="Bankjes")
    real = mails.digest_mail_send

    def failing(subscription, entries):
        if subscription.pk == second.pk:
            raise ConnectionError("mail server down")
        real(subscription, entries)

    monkeypatch.setattr(mails, "digest_mail_send", failing)
    with pytest.raises(ConnectionError):
        digests_send(frequency="daily", now=soon())
    assert [m.to for m in mail.outbox] == [[first.email]]
    second.refresh_from_db()
    assert second.last_sent_at is None and not second.digests.exists()

    monkeypatch.setattr(mails, "digest_mail_send", real)
    assert digests_send(frequency="daily", now=soon(minutes=5)) == 1
    assert [m.to for m in mail.outbox] == [[first.email], [second.email]]
    assert "Bankjes" in mail.outbox[1].body


def test_the_command_can_queue_the_digests_for_the_worker(wijk):
    from django_tasks_db.models import DBTaskResult

    call_command("updates_send_digests", frequency="weekly", queue=True, stdout=io.StringIO())
    task = DBTaskResult.objects.get()
    assert task.task_path == "wijkwerk.updates.tasks.send_digests"
    assert task.args_kwargs["args"] == ["weekly"]
