"""Stopping the service: gracefully on SIGTERM/SIGINT, with an error when its database goes.

A graceful stop pauses scheduling, lets running crawls and sends finish (up to ``stop_timeout``,
then closes them: their runs are recorded as interrupted) and logs one summary line. A SQLite
database file deleted or replaced under the service stops it with that error (exit 1) within
``dispatch_poll`` seconds; no transaction is begun on it meanwhile
(:meth:`crawler.db.Database.check_file`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from crawler.db import DatabaseFileGone
from sinowatch.summary import status_summary
from sinowatch.wording import plural

if TYPE_CHECKING:
    from crawler.db import Database
    from crawler.runner import CrawlRunner

log = logging.getLogger("sinowatch.service")


class ServiceFailed(Exception):
    """The service stopped on an error it has already logged (the process exits 1)."""


class BackgroundTasks:
    """Tasks the service starts and does not await (reloads, watchers): each one's error is
    logged when it ends, never left as "Task exception was never retrieved"."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, coroutine: Coroutine[Any, Any, Any]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    async def join(self) -> None:
        """Wait until every task (including those started meanwhile) has ended."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    def cancel(self) -> None:
        for task in self._tasks:
            task.cancel()

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and (error := task.exception()) is not None:
            log.error("%s failed: %s", task.get_name(), error, exc_info=error)


async def finish_crawls(
    crawls: set[asyncio.Task[Any]], runner: CrawlRunner, stop_timeout: float
) -> None:
    """Let ``crawls`` finish for ``stop_timeout`` seconds, then close them (recorded as
    interrupted) and wait as long again; the runner is stopped either way."""
    if crawls:
        _done, pending = await asyncio.wait(crawls, timeout=stop_timeout)
        if pending:
            log.warning(
                "%s still running after %.0fs: closing them",
                plural(len(pending), "crawl"),
                stop_timeout,
                extra={"event": "stop"},
            )
            await runner.stop()
            await asyncio.wait(pending, timeout=stop_timeout)
    await runner.stop()


async def watch_database(
    database: Database, poll: float, stopping: asyncio.Event, fail: Callable[[str], None]
) -> None:
    """Call ``fail`` with the reason as soon as the SQLite file is deleted or replaced."""
    while not stopping.is_set():
        try:
            await asyncio.to_thread(database.check_file)
        except DatabaseFileGone as exc:
            fail(str(exc))
            return
        await asyncio.sleep(poll)


def log_summary(database: Database, tally: Counter[str], started: float) -> None:
    """The closing line: what this run did (``tally``; ``started``: ``time.monotonic()`` at the
    start), and the deliveries left for the next start."""
    try:
        with database.session() as session:
            pending = status_summary(session).deliveries.get("pending", 0)
    except Exception as exc:  # the summary must not turn a clean stop into a failure
        log.warning("could not count pending deliveries: %s", exc)
        pending = 0
    fields = {key: tally[key] for key in ("crawls", "failed", "new_articles", "alerts")}
    log.info(
        "stopped after %s: %s (%d failed), %s, %s; %s pending (sent after the next start)",
        timedelta(seconds=round(time.monotonic() - started)),
        plural(fields["crawls"], "crawl"),
        fields["failed"],
        plural(fields["new_articles"], "new article"),
        plural(fields["alerts"], "alert"),
        plural(pending, "delivery"),
        extra={"event": "stopped", **fields, "pending_deliveries": pending},
    )
