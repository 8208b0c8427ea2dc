"""The mails of the updates app: confirm a subscription, "you are subscribed already", and
the digest. Each goes out in the subscriber's language, as plain text with an HTML
alternative, and every mail after confirmation carries a one-click unsubscribe link (RFC 8058:
`List-Unsubscribe` with `List-Unsubscribe-Post`)."""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .headlines import detail, headline
from .models import NewsEntry, Subscription
from .tokens import CONFIRM, MANAGE, token_make


def absolute(path: str) -> str:
    return f"{settings.WIJKWERK_SITE_URL.rstrip('/')}{path}"


def _links(subscription: Subscription) -> dict[str, str]:
    manage = token_make(subscription, MANAGE)
    return {
        "unsubscribe_url": absolute(reverse("updates_subscriptions:unsubscribe", args=[manage])),
        "manage_url": absolute(reverse("updates_subscriptions:manage", args=[manage])),
    }


def _target(subscription: Subscription) -> str:
    if subscription.agenda_item_id:
        return _("the wijkagenda item “%(title)s” in %(wijk)s") % {
            "title": subscription.agenda_item.title,
            "wijk": subscription.area.name,
        }
    return _("the news of %(wijk)s") % {"wijk": subscription.area.name}


def _heading(subscription: Subscription) -> str:
    if subscription.agenda_item_id:
        return _("News about “%(title)s” (%(wijk)s)") % {
            "title": subscription.agenda_item.title,
            "wijk": subscription.area.name,
        }
    return _("News of %(wijk)s") % {"wijk": subscription.area.name}


def _send(
    subscription: Subscription,
    *,
    subject: str,
    template: str,
    context: dict[str, Any],
    unsubscribe: bool,
) -> None:
    context = {"target": _target(subscription), "subscription": subscription, **context}
    text = render_to_string(f"updates/mail/{template}.txt", context)
    html = render_to_string(f"updates/mail/{template}.html", context)
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe:
        headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[subscription.email], headers=headers
    )
    message.attach_alternative(html, "text/html")
    message.send()


def confirmation_send(subscription: Subscription) -> None:
    """The double opt-in: nothing is sent to the address until this link is followed."""
    with translation.override(subscription.language):
        token = token_make(subscription, CONFIRM)
        _send(
            subscription,
            subject=_("Confirm your subscription to %(target)s")
            % {"target": _target(subscription)},
            template="confirm",
            context={
                "confirm_url": absolute(reverse("updates_subscriptions:confirm", args=[token])),
            },
            unsubscribe=False,
        )


def already_subscribed_send(subscription: Subscription) -> None:
    """Someone asked again for a confirmed subscription: tell the owner, change nothing."""
    with translation.override(subscription.language):
        _send(
            subscription,
            subject=_("You already follow %(target)s") % {"target": _target(subscription)},
            template="already",
            context=_links(subscription),
            unsubscribe=True,
        )


def digest_mail_send(subscription: Subscription, entries: Sequence[NewsEntry]) -> None:
    with translation.override(subscription.language):
        shown = [
            {
                "headline": headline(entry),
                "detail": detail(entry),
                "summary": entry.summary,
                "url": absolute(entry.url),
                "occurred_at": timezone.localtime(entry.occurred_at),
            }
            for entry in entries
        ]
        _send(
            subscription,
            subject=ngettext(
                "News of %(wijk)s: %(count)s update",
                "News of %(wijk)s: %(count)s updates",
                len(shown),
            )
            % {"wijk": subscription.area.name, "count": len(shown)},
            template="digest",
            context={"entries": shown, "heading": _heading(subscription), **_links(subscription)},
            unsubscribe=True,
        )
