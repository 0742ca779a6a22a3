"""What an extraction worker process runs when it starts.

Apart from :mod:`crawler.workers` (the pool, on the parent's side), whose ``asyncio`` a worker
never needs: unpickling the pool's initializer imports its module in every worker, and
``asyncio`` was ~1.3 MiB of each worker's memory.
"""

from __future__ import annotations

import importlib
import logging
import signal
from collections.abc import Callable
from itertools import groupby
from operator import itemgetter
from typing import Any, TypeVar

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])

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


def batched_by(together: Callable[[list[tuple[Any, ...]]], list[Any]]) -> Callable[[F], F]:
    """Mark a function that :func:`run_calls` runs for a batch's consecutive calls of it at once,
    as ``together(list of their arguments)``, which returns their results in order."""

    def mark(function: F) -> F:
        function.together = together  # type: ignore[attr-defined]
        return function

    return mark


def run_calls(calls: list[tuple[Callable[..., Any], tuple[Any, ...]]]) -> list[Outcome]:
    """Run a batch of calls in a worker, in order: each call's own outcome. Consecutive calls of
    a function marked :func:`batched_by` run together; if that raises, one by one."""
    outcomes: list[Outcome] = []
    for function, group in groupby(calls, key=itemgetter(0)):
        arguments = [args for _, args in group]
        together = getattr(function, "together", None)
        if together is not None and len(arguments) > 1:
            try:
                outcomes.extend((True, result) for result in together(arguments))
                continue
            except Exception:  # each call's own outcome, as if sent alone
                log.debug("running %d calls together failed; one by one", len(arguments))
        for args in arguments:
            try:
                outcomes.append((True, function(*args)))
            except Exception as exc:  # the caller of that one call gets it, as from the pool
                outcomes.append((False, exc))
    return outcomes
