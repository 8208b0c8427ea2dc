"""The link to sign off from an open session: a signed token (Django's signing, keyed with
SECRET_KEY) holding the sign-up's id and its random nonce. Nothing secret is stored; a
forged, altered or foreign token fails the signature, and a token of a sign-up that was
cancelled (or whose nonce changed) finds nothing."""

from django.core import signing
from django.urls import reverse

from .models import SignUp

SALT = "wijkwerk.meetings.signoff"


def signoff_token(signup: SignUp) -> str:
    return signing.Signer(salt=SALT).sign_object({"id": signup.pk, "n": signup.nonce})


def signoff_url(signup: SignUp) -> str:
    return reverse("meetings_personal:signoff", args=[signoff_token(signup)])


def signup_id_from_token(token: str) -> tuple[int, str] | None:
    """The (id, nonce) a token was made for, or None when it is not one of ours."""
    if not token or len(token) > 300:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("id"), int):
        return None
    return value["id"], str(value.get("n", ""))
