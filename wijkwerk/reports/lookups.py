"""What taking in a report looks up again and again, kept in this process for a short while.

Municipalities, their services, API keys and routing rules change rarely, and reading them
was the larger part of the cost of taking in a report. A change takes effect within
LOOKUP_SECONDS in every process (a routing rule saved or deleted in this process at once).
Tests start with an empty memory (`forget`).
"""

import time
from collections.abc import Callable
from typing import Any

LOOKUP_SECONDS = 30
MAX_ENTRIES = 10_000

_lookups: dict[tuple, tuple[float, Any]] = {}


def remembered(key: tuple, load: Callable[[], Any], seconds: float = LOOKUP_SECONDS) -> Any:
    """The value remembered under `key`, or `load()` (then remembered for `seconds`)."""
    now = time.monotonic()
    hit = _lookups.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    value = load()
    remember(key, value, seconds)
    return value


def remember(key: tuple, value: Any, seconds: float = LOOKUP_SECONDS) -> None:
    if len(_lookups) >= MAX_ENTRIES:
        _lookups.clear()
    _lookups[key] = (time.monotonic() + seconds, value)


def known(key: tuple) -> bool:
    hit = _lookups.get(key)
    return hit is not None and hit[0] > time.monotonic()


def forget(kind: str | None = None) -> None:
    """Forget everything, or only the entries whose key starts with `kind`."""
    if kind is None:
        _lookups.clear()
        return
    for key in list(_lookups):
        if key[0] == kind:
            _lookups.pop(key, None)
