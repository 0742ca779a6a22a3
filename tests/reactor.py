"""Real Scrapy crawls inside the pytest process, on one reactor for the whole session.

Twisted's reactor cannot restart, so instead of one child process per crawl (an interpreter,
Scrapy and the extractors imported again each time: most of a crawl test's cost) the asyncio
reactor is installed once and runs in a daemon thread; each crawl is a coroutine submitted to
its loop through :meth:`CrawlRunner.crawl` — the service's code path, the one ``sinowatch crawl``
shares through :func:`crawler.runner.run_crawl`. What a crawl logs with a traceback fails the
test, as a traceback on a child's stderr did.

The process-level behaviour (exit codes, signals, the CLI's output) stays with the subprocess
tests marked ``e2e``; they cannot share this reactor (``run_crawl`` starts its own).
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from crawler.db import Database
from crawler.records import SourceReport
from crawler.runner import CrawlRunner
from crawler.scrapy_settings import ASYNCIO_REACTOR
from sinowatch.settings import Settings

T = TypeVar("T")

FAST = {"download_delay": "0s", "autothrottle": False, "retries": 0, "download_timeout": "5s"}
"""Crawler settings for tests: no politeness delays, no retries, short timeouts."""

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None


def _reactor_loop() -> asyncio.AbstractEventLoop:
    """The running reactor's event loop; installs and starts the reactor on first use."""
    global _loop
    with _lock:
        if _loop is None:
            from scrapy.utils.reactor import install_reactor

            install_reactor(ASYNCIO_REACTOR)
            from twisted.internet import reactor

            thread = threading.Thread(
                target=reactor.run,  # type: ignore[attr-defined]
                kwargs={"installSignalHandlers": False},
                name="test-reactor",
                daemon=True,
            )
            thread.start()
            _loop = reactor._asyncioEventloop  # type: ignore[attr-defined]
        return _loop


def run_on_reactor(coroutine: Coroutine[Any, Any, T], timeout: float = 150) -> T:
    """Run ``coroutine`` on the session's reactor loop and return its result."""
    return asyncio.run_coroutine_threadsafe(coroutine, _reactor_loop()).result(timeout)


class _Tracebacks(logging.Handler):
    """Collects every log record that carries an exception."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.records.append(self.format(record))


@contextmanager
def no_logged_tracebacks() -> Iterator[None]:
    """Fail when anything logs an exception with its traceback meanwhile."""
    handler = _Tracebacks()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    assert not handler.records, "\n".join(handler.records)[-4000:]


def crawl_rounds(
    database: Database, sources: list[dict[str, Any]], rounds: int = 1, **crawler: Any
) -> list[list[SourceReport]]:
    """Crawl ``sources`` ``rounds`` times with one :class:`CrawlRunner`; each round's reports."""
    config = {"sources": sources, "crawler": {**FAST, **crawler}}
    settings = Settings.model_validate_json(json.dumps(config))  # as a config file is read

    async def main() -> list[list[SourceReport]]:
        runner = CrawlRunner(settings, database)
        try:
            return [await runner.crawl(settings.sources) for _ in range(rounds)]
        finally:
            await runner.stop()

    with no_logged_tracebacks():
        return run_on_reactor(main())
