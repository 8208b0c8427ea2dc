"""Builders for the updates tests. Stream tests make entries through the apps' services;
page, feed and digest tests that need many entries make them here."""

import itertools

from django.utils import timezone

from wijkwerk.updates.models import Kind, NewsEntry, Subscription
from wijkwerk.updates.services import subscription_confirm

_keys = itertools.count(1)


def entry(*, area, kind=Kind.AGENDA_DONE, title="Bankjes geplaatst", occurred_at=None, **values):
    n = next(_keys)
    values.setdefault("url", f"/gemeente/{area.municipality.slug}/{area.slug}/wijkagenda/{n}/")
    return NewsEntry.objects.create(
        municipality=area.municipality,
        area=area,
        kind=kind,
        title=title,
        occurred_at=occurred_at or timezone.now(),
        source_kind=values.pop("source_kind", "agenda.agendaitem"),
        source_id=values.pop("source_id", str(n)),
        key=f"test:{n}",
        **values,
    )


def subscriber(*, area, email="bep@example.nl", frequency="daily", language="en", item=None):
    """A confirmed subscription, made as the confirmation link would."""
    subscription = Subscription.objects.create(
        municipality=area.municipality,
        area=area,
        agenda_item=item,
        email=email,
        frequency=frequency,
        language=language,
        secret="s" * 32,
    )
    return subscription_confirm(subscription=subscription)
