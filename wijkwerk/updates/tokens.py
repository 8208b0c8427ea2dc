"""Signed links in subscription mails. A token names a subscription and its secret, signed
with SECRET_KEY (django.core.signing, with a salt per purpose), so nobody can make one for
another address and a link of a deleted subscription leads nowhere. The confirmation link
expires; the unsubscribe and manage links last as long as the subscription."""

import datetime

from django.core import signing

from .models import Subscription

CONFIRM = "confirm"
MANAGE = "manage"
CONFIRM_MAX_AGE = datetime.timedelta(days=7)


def _salt(purpose: str) -> str:
    return f"wijkwerk.updates.{purpose}"


def token_make(subscription: Subscription, purpose: str) -> str:
    return signing.dumps([subscription.pk, subscription.secret], salt=_salt(purpose))


def subscription_for_token(token: str, purpose: str) -> Subscription | None:
    """The subscription a valid token names, or None for a wrong, tampered or expired token
    or one whose subscription is gone."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        pk, secret = signing.loads(token, salt=_salt(purpose), max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    found = (
        Subscription.objects.select_related("area__municipality", "agenda_item")
        .filter(pk=pk)
        .first()
    )
    if found is None or not isinstance(secret, str) or found.secret != secret:
        return None
    return found
