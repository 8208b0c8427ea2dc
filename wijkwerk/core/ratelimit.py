"""A small rate limiter on Django's cache: at most `limit` hits per key in a window that
starts with the first hit (so a test or a burst never straddles a clock boundary)."""

from django.core.cache import cache


def allow(key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit; False when the key already had `limit` hits in its window."""
    key = f"ratelimit:{key}"
    if cache.add(key, 1, window_seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window_seconds)
        return True
    return count <= limit
