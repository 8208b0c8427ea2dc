"""Personal calendar links: a secret, revocable token per person."""

import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkwerk.core.crypto import keyed_hash

from ..models import CalendarToken
from ._common import TOKEN_SALT


def _token_hash(token: str) -> str:
    return keyed_hash(TOKEN_SALT, token)


@transaction.atomic
def calendar_token_create(*, actor: Any) -> str:
    """A new secret link to the person's own meetings; earlier links stop working. Returns
    the token in clear, once: only its keyed hash is stored."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied(_("Log in to make a calendar link."))
    calendar_token_revoke(actor=actor)
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.create(user=actor, token_hash=_token_hash(token))
    return token


@transaction.atomic
def calendar_token_revoke(*, actor: Any) -> int:
    """Every calendar link of this person stops working at once."""
    return CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
