"""Keyed hashes for single-use codes and secret tokens (pb's code letters and ballot tokens,
surveys' invitation codes): HMAC-SHA256 with a key derived from SECRET_KEY, which the
database does not hold. With the database alone nobody can test a guessed code offline."""

import secrets
from collections.abc import Iterator

from django.conf import settings
from django.utils.crypto import salted_hmac


def _secrets() -> Iterator[str]:
    """The current SECRET_KEY first, then the fallbacks of a key rotation."""
    yield settings.SECRET_KEY
    yield from getattr(settings, "SECRET_KEY_FALLBACKS", [])


def keyed_hash(salt: str, value: str, *, secret: str | None = None) -> str:
    """HMAC-SHA256 with a key derived from SECRET_KEY (and `salt`): 64 hex characters."""
    return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()


def keyed_hashes(salt: str, value: str) -> list[str]:
    """The hash under the current key and under each fallback key, current first."""
    return [keyed_hash(salt, value, secret=secret) for secret in _secrets()]


# --- single-use codes, printed on paper or typed from it -------------------------------------

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from paper
CODE_LENGTH = 12  # 60 bits


def codes_new(count: int) -> set[str]:
    """`count` different random codes of CODE_LENGTH characters."""
    codes: set[str] = set()
    while len(codes) < count:
        codes.add("".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH)))
    return codes


def code_normalise(code: str) -> str:
    """A typed code as it was made: upper case, without dashes or spaces."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_format(code: str) -> str:
    """A code in groups of four for reading: ABCD-EFGH-JKLM."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
