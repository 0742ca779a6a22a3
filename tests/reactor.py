"""Real Scrapy crawls inside the pytest process, on one reactor for the whole session.

Twisted's reactor cannot restart, so instead of one child process per crawl (an interpreter,
Scrapy and the extractors imported again each time: most of a crawl test's cost) the asyncio
reactor is installed once and runs in a daemon thread; each crawl is a coroutine submitted to
its loop through :meth:`CrawlRunner.crawl` — the service's code path, the one ``sinowatch crawl``
shares through :func:`crawler.runner.run_crawl`. An exception that escapes a crawl is raised in
the test, where a child's stderr showed its traceback.

:func:`sinowatch` runs a command in this process the same way (``typer``'s ``CliRunner``, with
``run_crawl`` swapped for :func:`run_crawl_here`). What only a real process shows (signals,
extraction worker processes, exit codes and stderr of ``python -m sinowatch``, a fresh
environment) stays with the subprocess tests marked ``e2e``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import traceback
from collections.abc import Coroutine, Iterator, Sequence
from contextlib import contextmanager
from subprocess import CompletedProcess
from typing import Any, TypeVar
from unittest.mock import patch

from crawler.config import CrawlerSettings, DedupSettings, RelevanceSettings, SourceSettings
from crawler.db import Database
from crawler.records import ArticleHook, SourceReport
from crawler.runner import CrawlRunner, Progress
from crawler.scrapy_settings import ASYNCIO_REACTOR
from sinowatch.settings import Settings

T = TypeVar("T")

FAST = {"download_delay": "0s", "autothrottle": False, "retries": 0, "download_timeout": "30s"}
"""Crawler settings for tests: no politeness delays, no retries. The timeout is generous: the test
site's threads share this process (and its GIL) with the crawl and its extraction, so on a loaded
machine a large page can take seconds; tests about timeouts set their own ``download_timeout``."""

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
    future = asyncio.run_coroutine_threadsafe(coroutine, _reactor_loop())
    try:
        return future.result(timeout)
    except TimeoutError:
        future.cancel()  # or it would go on crawling into the next tests
        raise


async def _crawl(
    database: Database,
    sources: Sequence[SourceSettings],
    rounds: int,
    **runner: Any,
) -> list[list[SourceReport]]:
    """``rounds`` crawls of ``sources`` with one :class:`CrawlRunner`, stopped after them
    (``runner``: its keyword arguments: the settings slices, hook, progress)."""
    crawl_runner = CrawlRunner(database, **runner)
    try:
        return [await crawl_runner.crawl(sources) for _ in range(rounds)]
    finally:
        await crawl_runner.stop()


def crawl_rounds(
    database: Database, sources: list[dict[str, Any]], rounds: int = 1, **crawler: Any
) -> list[list[SourceReport]]:
    """Crawl ``sources`` ``rounds`` times with one :class:`CrawlRunner`; each round's reports."""
    config = {"sources": sources, "crawler": {**FAST, **crawler}}
    settings = Settings.model_validate_json(json.dumps(config))  # as a config file is read
    slices = {
        "crawler": settings.crawler,
        "dedup": settings.dedup,
        "relevance": settings.relevance,
    }
    return run_on_reactor(_crawl(database, settings.sources, rounds, **slices))


def run_crawl_here(
    database: Database,
    sources: Sequence[SourceSettings],
    *,
    crawler: CrawlerSettings,
    dedup: DedupSettings,
    relevance: RelevanceSettings,
    on_article: ArticleHook | None = None,
    progress: Progress | None = None,
) -> list[SourceReport]:
    """:func:`crawler.runner.run_crawl` on the session's reactor (it would install and stop one
    of its own, once per process): the same runner, hook and progress, minus signal handling."""
    crawl = _crawl(
        database,
        sources,
        1,
        crawler=crawler,
        dedup=dedup,
        relevance=relevance,
        on_article=on_article,
        progress=progress,
    )
    [reports] = run_on_reactor(crawl)
    return reports


@contextmanager
def kept_logging() -> Iterator[None]:
    """Undo what a command's logging setup does to this process (root handlers and levels,
    library levels, Scrapy's Twisted log observer) once it returns."""
    from twisted.python import log as twisted_log

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {
        name: logger.level
        for name, logger in logging.root.manager.loggerDict.items()
        if isinstance(logger, logging.Logger)
    }
    observers = list(twisted_log.theLogPublisher.observers)
    try:
        yield
    finally:
        for observer in twisted_log.theLogPublisher.observers:
            if observer not in observers:
                twisted_log.theLogPublisher.removeObserver(observer)
        for name, logger in logging.root.manager.loggerDict.items():
            if isinstance(logger, logging.Logger):
                logger.setLevel(levels.get(name, logging.NOTSET))
        root.handlers[:] = handlers
        root.setLevel(level)


def sinowatch(*args: str, env: dict[str, str] | None = None) -> CompletedProcess[str]:
    """``sinowatch ARGS`` in this process (``typer``'s ``CliRunner``), its crawls on the session's
    reactor; returned like ``subprocess.run`` would (an unexpected exception's traceback ends
    its stderr, as it would a process's)."""
    from typer.testing import CliRunner

    from sinowatch.cli import app

    with kept_logging(), patch("crawler.runner.run_crawl", run_crawl_here):
        result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", **(env or {})})
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return CompletedProcess(["sinowatch", *args], result.exit_code, result.stdout, stderr)
