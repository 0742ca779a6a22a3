"""The runtime: the one place where the crawler, matcher, alert hook and outbox are put together.

``sinowatch crawl``, ``sinowatch run`` and ``sinowatch demo`` all call :func:`build_runtime`, so a
crawl stores, matches and queues alerts the same way whichever command started it. On a config
reload the service builds a new runtime from the new settings (same database).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import event

from alerts.dispatcher import Dispatcher, DispatchStats
from alerts.hook import AlertHook
from alerts.matcher import Matcher
from crawler.runner import CrawlRunner

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.db import Database
    from crawler.records import IngestResult, SourceReport
    from crawler.workers import ExtractionPool
    from sinowatch.settings import Settings

_WAKE_PENDING = "sinowatch.wake_dispatcher"


class WakingHook:
    """The alert hook, plus a wake-up for the dispatcher once the alerts it made are committed.

    The pipeline may commit in a worker thread: ``Dispatcher.wake`` is safe from any thread.
    """

    def __init__(self, hook: AlertHook, wake: Callable[[], None]) -> None:
        self.hook = hook
        self._wake = wake

    def __call__(self, session: Session, result: IngestResult) -> int:
        created = self.hook(session, result)
        if created and not session.info.get(_WAKE_PENDING):
            session.info[_WAKE_PENDING] = True
            event.listen(session, "after_commit", self._committed, once=True)
            event.listen(session, "after_rollback", _forget, once=True)
        return created

    def _committed(self, session: Session) -> None:
        session.info.pop(_WAKE_PENDING, None)
        self._wake()


def _forget(session: Session) -> None:
    session.info.pop(_WAKE_PENDING, None)


def alert_hook(settings: Settings, matcher: Matcher | None = None) -> AlertHook:
    """The crawl pipeline's alert hook for ``settings`` (``sinowatch crawl`` passes it on)."""
    return AlertHook(
        matcher or Matcher.compile(settings.watchlists),
        watchlists=settings.watchlists,
        channels=settings.channels,
        relevance_threshold=settings.relevance.threshold,
    )


def deliver_pending(settings: Settings, database: Database) -> DispatchStats:
    """Send every instant delivery that is due now, then return what happened.

    ``sinowatch crawl`` calls this after crawling so a one-off (or cron-driven) crawl sends its
    alerts; failures stay in the outbox with their retry time for the next dispatch.
    """

    async def drain() -> DispatchStats:
        dispatcher = Dispatcher(database, settings.channels)
        total = DispatchStats()
        try:
            while (stats := await dispatcher.run_once()).claimed:
                total.claimed += stats.claimed
                total.sent += stats.sent
                total.retried += stats.retried
                total.dead += stats.dead
                total.errors += stats.errors
                if stats.next_retry_at is not None:
                    total.next_retry_at = min(
                        stats.next_retry_at, total.next_retry_at or stats.next_retry_at
                    )
        finally:
            await dispatcher.aclose()
        return total

    return asyncio.run(drain())


@dataclass
class Runtime:
    settings: Settings
    database: Database
    matcher: Matcher
    hook: WakingHook
    runner: CrawlRunner
    dispatcher: Dispatcher


def build_runtime(
    settings: Settings,
    database: Database,
    *,
    progress: Callable[[str, SourceReport], None] | None = None,
    pool: ExtractionPool | None = None,
) -> Runtime:
    """Compile the watchlists and wire matcher → alert hook → crawl runner, plus the dispatcher.

    ``pool``: the extraction workers to use (the service passes its long-lived pool, so a
    reload does not start new worker processes); without one the runner owns its own.

    Raises ``alerts.query.QuerySyntaxError`` for a bad topic query (the config loader reports
    those with file and line first, so this only happens with hand-built settings).
    """
    matcher = Matcher.compile(settings.watchlists)
    dispatcher = Dispatcher(database, settings.channels)
    hook = WakingHook(alert_hook(settings, matcher), dispatcher.wake)
    runner = CrawlRunner(
        database,
        crawler=settings.crawler,
        dedup=settings.dedup,
        relevance=settings.relevance,
        on_article=hook,
        progress=progress,
        pool=pool,
    )
    return Runtime(settings, database, matcher, hook, runner, dispatcher)
