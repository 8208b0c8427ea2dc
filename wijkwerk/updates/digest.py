"""Digests: each confirmed subscriber gets one mail per day or week with the entries since
the previous one, and none when nothing happened.

Exactly once: a subscription is handled in its own transaction, with its row locked. The
mail is sent, the digest recorded and `sent_through_id` moved forward before the commit; a
rerun then finds nothing new, and a crash halfway (a mail server that is down) rolls back
only the subscription it was on, which the next run sends again. The watermark is an entry
id, taken only from entries written at least `SETTLE_SECONDS` ago: entries are written in
the transactions of the decisions they report, and one still open when the watermark is
taken could otherwise commit a lower id afterwards and be skipped.

A subscriber never gets a second digest within `MIN_GAP` of the last one, so running the
command (or the task) too often does no harm.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from . import mails
from .models import Digest, Frequency, NewsEntry, Subscription
from .selectors import subscription_entries
from .services import subscriptions_purge_unconfirmed

logger = logging.getLogger(__name__)

SETTLE_SECONDS = 60
MIN_GAP = {
    Frequency.DAILY: datetime.timedelta(hours=20),
    Frequency.WEEKLY: datetime.timedelta(days=6, hours=20),
}
MAX_ENTRIES = 50


def _watermark(now: datetime.datetime) -> int:
    settled = NewsEntry.objects.filter(
        created_at__lte=now - datetime.timedelta(seconds=SETTLE_SECONDS)
    )
    return settled.aggregate(last=Max("id"))["last"] or 0


def digest_send_one(*, subscription_id: int, now: datetime.datetime | None = None) -> bool:
    """Send one subscriber the digest that is due; True when a mail went out."""
    now = now or timezone.now()
    through = _watermark(now)
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update(of=("self",))
            .select_related("area__municipality", "agenda_item")
            .filter(pk=subscription_id, confirmed_at__isnull=False)
            .first()
        )
        if subscription is None or through <= subscription.sent_through_id:
            return False
        last = subscription.last_sent_at
        if last is not None and now - last < MIN_GAP[Frequency(subscription.frequency)]:
            return False
        entries = list(
            subscription_entries(subscription=subscription)
            .filter(
                id__gt=subscription.sent_through_id,
                id__lte=through,
                occurred_at__gte=subscription.confirmed_at,
            )
            .order_by("occurred_at", "id")
        )
        sent_from = subscription.sent_through_id
        subscription.sent_through_id = through
        if entries:
            # The newest first in the mail; a flood is cut to the latest MAX_ENTRIES.
            shown = entries[::-1][:MAX_ENTRIES]
            mails.digest_mail_send(subscription, shown)
            subscription.last_sent_at = now
            Digest.objects.create(
                subscription=subscription,
                sent_at=now,
                from_id=sent_from,
                through_id=through,
                entry_count=len(shown),
            )
        subscription.save(update_fields=["sent_through_id", "last_sent_at"])
        return bool(entries)


def digests_send(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Send every confirmed subscriber of this frequency their digest; returns how many mails
    went out. One failing subscriber does not stop the others; the first error is raised
    after the rest are done, so the run shows as failed."""
    now = now or timezone.now()
    subscriptions_purge_unconfirmed(now=now)
    ids = Subscription.objects.filter(frequency=frequency, confirmed_at__isnull=False).values_list(
        "pk", flat=True
    )
    sent, failed = 0, None
    for pk in list(ids):
        try:
            sent += digest_send_one(subscription_id=pk, now=now)
        except Exception as error:
            logger.exception("Digest for subscription %s failed", pk)
            failed = failed or error
    if failed is not None:
        raise failed
    return sent
