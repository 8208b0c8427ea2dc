"""Reading the news stream (pages, feeds, API, digests) and one address's subscriptions."""

from django.db.models import Q, QuerySet

from wijkwerk.areas.models import Area, Municipality

from .models import NewsEntry, Subscription

ITEM_KIND = "agenda.agendaitem"


def news_list(
    *, municipality: Municipality, area: Area | None = None, kind: str = ""
) -> QuerySet[NewsEntry]:
    """The public entries of a wijk (with those of its whole municipality) or of the whole
    municipality, newest first."""
    qs = NewsEntry.objects.public().select_related("area", "municipality")
    qs = qs.for_wijk(area) if area is not None else qs.filter(municipality=municipality)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-occurred_at", "-id")


def subscription_entries(*, subscription: Subscription) -> QuerySet[NewsEntry]:
    """Everything public that a subscription follows: its wijk, or its one agenda item."""
    qs = NewsEntry.objects.public()
    if subscription.agenda_item_id:
        qs = qs.filter(source_kind=ITEM_KIND, source_id=str(subscription.agenda_item_id))
    else:
        qs = qs.for_wijk(subscription.area)
    return qs.select_related("area", "municipality")


def subscriptions_of_address(*, subscription: Subscription) -> QuerySet[Subscription]:
    """The subscriptions of the address that `subscription` belongs to, for its manage page:
    the confirmed ones and this one."""
    return (
        Subscription.objects.filter(
            Q(email=subscription.email, confirmed_at__isnull=False) | Q(pk=subscription.pk)
        )
        .select_related("area__municipality", "agenda_item")
        .order_by("id")
    )
