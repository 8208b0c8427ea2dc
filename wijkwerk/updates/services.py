"""Writing the news stream and the subscriptions.

News: `news_on_audit_event` listens to every new audit event and `news_record` turns the
ones `sources.py` reads into entries, keyed on the event so a second run changes the entry
instead of adding one. `news_rebuild` replays the audit log (after an import, after the demo
dated its story, after a body became closed).

Subscriptions: anyone may ask for one with an e-mail address; it gets mail only once the
link in the confirmation mail is followed. Asking again never tells the asker whether the
address was subscribed: the owner gets a mail instead. Unsubscribing deletes the row.
"""

import datetime
import logging
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.agenda.models import AgendaItem
from wijkwerk.areas.models import Area, Municipality
from wijkwerk.core import ratelimit
from wijkwerk.core.models import AuditEvent
from wijkwerk.core.services import audit_log

from . import mails
from .models import Frequency, NewsEntry, Subscription
from .sources import READERS, draft_for

logger = logging.getLogger(__name__)

# Asking for subscriptions: per client address and per e-mail address, per hour.
REQUESTS_PER_CLIENT = 10
REQUESTS_PER_ADDRESS = 3
RATE_WINDOW_SECONDS = 3600
UNCONFIRMED_DAYS = 7


# --- the news stream ---------------------------------------------------------------------------


def _key(event: AuditEvent) -> str:
    return f"audit:{event.pk}"


def news_record(*, event: AuditEvent) -> NewsEntry | None:
    """The entry for one audit event (made or brought up to date), or None when the event is
    not public news; an entry made earlier for it then goes."""
    draft = draft_for(event)
    if draft is None:
        NewsEntry.objects.filter(key=_key(event)).delete()
        return None
    entry, _created = NewsEntry.objects.update_or_create(
        key=_key(event),
        defaults={
            "municipality": draft.municipality,
            "area": draft.area,
            "kind": draft.kind,
            "title": draft.title[:200],
            "summary": draft.summary,
            "data": draft.data,
            "url": draft.url,
            "is_public": draft.is_public,
            "occurred_at": event.created_at,
            "source_kind": event.target_kind,
            "source_id": event.target_id,
        },
    )
    return entry


def news_on_audit_event(sender: Any, instance: AuditEvent, created: bool, **kwargs: Any) -> None:
    """post_save of AuditEvent. It runs inside the deciding service's transaction, so the
    entry is committed with the decision or not at all; a fault here is logged and must not
    undo the decision, hence the savepoint."""
    if not created or kwargs.get("raw") or instance.action not in READERS:
        return
    try:
        with transaction.atomic():
            news_record(event=instance)
    except Exception:
        logger.exception("No news entry for audit event %s (%s)", instance.pk, instance.action)


@transaction.atomic
def news_rebuild(*, municipality: Municipality | None = None) -> tuple[int, int]:
    """Replay the audit log into the stream (of one municipality, or all). Entries keep their
    id, so subscribers are not sent them again. Returns (entries written, entries removed)."""
    events = AuditEvent.objects.filter(action__in=READERS).order_by("id")
    stale = NewsEntry.objects.all()
    if municipality is not None:
        events = events.filter(municipality_code=municipality.code)
        stale = stale.filter(municipality=municipality)
    written, keys = 0, set()
    for event in events.iterator():
        entry = news_record(event=event)
        if entry is not None:
            written += 1
            keys.add(entry.key)
    _total, removed = stale.exclude(key__in=keys).delete()
    return written, removed.get("updates.NewsEntry", 0)


# --- subscriptions -----------------------------------------------------------------------------


def _log(subscription: Subscription, actor: Any, action: str, changes: dict | None = None) -> None:
    # The audit log never holds the address: the subscription's id is enough.
    audit_log(
        actor=actor,
        action=action,
        target=subscription,
        changes=changes or {},
        municipality_code=subscription.municipality.code,
    )


def _request_errors(
    *, area: Area, email: str, frequency: str, agenda_item: AgendaItem | None
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [
            _("Enter a valid e-mail address, like name@example.nl."),
        ]
    if frequency not in Frequency.values:
        errors["frequency"] = [_("Choose daily or weekly.")]
    if not area.is_wijk:
        errors["area"] = [_("Subscriptions are per wijk or village.")]
    if agenda_item is not None and agenda_item.area_id != area.pk:
        errors["agenda_item"] = [
            _("This wijkagenda item is not on the agenda of %(wijk)s.") % {"wijk": area.name}
        ]
    return errors


@transaction.atomic
def subscription_request(
    *,
    area: Area,
    email: str,
    frequency: str,
    language: str,
    agenda_item: AgendaItem | None = None,
    actor: Any = None,
    client: str = "",
) -> Subscription:
    """Ask for the news of a wijk (or of one agenda item) by mail. Sends the confirmation
    mail, or tells the owner of an already confirmed subscription; the asker sees the same
    either way. A ValidationError leaves nothing behind."""
    email = email.strip().lower()
    errors = _request_errors(area=area, email=email, frequency=frequency, agenda_item=agenda_item)
    if errors:
        raise ValidationError(errors)
    if not (
        ratelimit.allow(
            f"updates-subscribe:{client}",
            limit=REQUESTS_PER_CLIENT,
            window_seconds=RATE_WINDOW_SECONDS,
        )
        and ratelimit.allow(
            f"updates-subscribe:{email}",
            limit=REQUESTS_PER_ADDRESS,
            window_seconds=RATE_WINDOW_SECONDS,
        )
    ):
        raise ValidationError(_("Too many subscription requests. Wait an hour and try again."))
    subscription = (
        Subscription.objects.select_for_update(of=("self",))
        .select_related("area__municipality", "agenda_item")
        .filter(email=email, area=area, agenda_item=agenda_item)
        .first()
    )
    if subscription is not None and subscription.is_confirmed:
        mails.already_subscribed_send(subscription)
        return subscription
    if subscription is None:
        subscription = Subscription(
            municipality=area.municipality,
            area=area,
            agenda_item=agenda_item,
            email=email,
            secret=secrets.token_hex(16),
        )
    # Unconfirmed, so nobody receives anything yet: the latest request's choices count.
    subscription.frequency, subscription.language = frequency, language[:8] or "nl"
    try:
        with transaction.atomic():
            subscription.save()
    except IntegrityError:
        # The same request twice at once: the other one made it and sent the mail.
        raise ValidationError(
            _("This request is already being handled. Check your mail in a minute.")
        ) from None
    _log(
        subscription,
        actor,
        "updates.subscribe",
        {"frequency": frequency, "agenda_item": agenda_item.pk if agenda_item else None},
    )
    mails.confirmation_send(subscription)
    return subscription


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Follow the confirmation link: from now on digests go out, with what happens from now."""
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.is_confirmed:
        return subscription
    subscription.confirmed_at = timezone.now()
    subscription.sent_through_id = NewsEntry.objects.aggregate(last=Max("id"))["last"] or 0
    subscription.save(update_fields=["confirmed_at", "sent_through_id"])
    _log(subscription, None, "updates.confirm")
    return subscription


@transaction.atomic
def subscription_change(*, subscription: Subscription, frequency: str) -> Subscription:
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": [_("Choose daily or weekly.")]})
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.frequency != frequency:
        _log(
            subscription,
            None,
            "updates.frequency",
            {"frequency": [subscription.frequency, frequency]},
        )
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription) -> None:
    """Unsubscribe: the row and the address in it are deleted."""
    _log(subscription, None, "updates.unsubscribe")
    Subscription.objects.filter(pk=subscription.pk).delete()


def subscriptions_purge_unconfirmed(*, now: datetime.datetime | None = None) -> int:
    """Addresses that never confirmed are not kept: delete requests older than a week."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=UNCONFIRMED_DAYS)
    _total, deleted = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted.get("updates.Subscription", 0)
