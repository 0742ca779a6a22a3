"""What an extraction worker process runs when it starts.

Apart from :mod:`crawler.workers` (the pool, on the parent's side), whose ``asyncio`` a worker
never needs: unpickling the pool's initializer imports its module in every worker, and
``asyncio`` was ~1.3 MiB of each worker's memory.
"""

from __future__ import annotations

import importlib
import signal
from collections.abc import Callable
from typing import Any

Outcome = tuple[bool, Any]
"""A call's outcome: ``(True, result)`` or ``(False, exception)``."""

PRELOADED_MODULES = ("crawler.analysis", "trafilatura", "htmldate", "charset_normalizer")
"""Imported by each worker when it starts (extraction and relevance scoring, and the libraries
:mod:`crawler.extract` imports lazily): a worker lives as long as its pool, so it
imports once, before its first page, never in the middle of a crawl."""


def init_worker() -> None:
    """Worker initializer: SIGINT/SIGTERM are for the parent, which stops the workers itself;
    then the modules every page needs are imported (:data:`PRELOADED_MODULES`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    for module in PRELOADED_MODULES:
        importlib.import_module(module)


def run_calls(calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[Outcome]:
    """Run a batch of calls in a worker, one after the other: each call's own outcome."""
    outcomes: list[Outcome] = []
    for function, args in calls:
        try:
            outcomes.append((True, function(*args)))
        except Exception as exc:  # the caller of that one call gets it, as from the pool
            outcomes.append((False, exc))
    return outcomes
