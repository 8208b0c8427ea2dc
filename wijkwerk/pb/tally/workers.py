"""Two worker threads per process for compiled MES runs, started once and kept."""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

_workers: tuple[int, ThreadPoolExecutor] | None = None  # (process id, pool)
_workers_lock = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    """Two worker threads (one per core) for compiled runs, started once per process and
    kept: a tally does not pay for starting threads. A child process forked after they
    started has none of them, so it starts its own."""
    global _workers
    with _workers_lock:
        if _workers is None or _workers[0] != os.getpid():
            _workers = (os.getpid(), ThreadPoolExecutor(max_workers=2, thread_name_prefix="mes"))
        return _workers[1]
