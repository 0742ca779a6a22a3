"""What the service's jobs do: crawl a source, send a digest, apply retention, run the dispatcher.

All of them read the running config and runtime from one :class:`Current` (replaced as a whole on
a reload) and count what they did in :attr:`Jobs.tally`, for the closing summary.

- a crawl first claims its run in the database (:func:`crawler.crawlstate.claim_run`): a source
  another process crawled just now is skipped (logged at debug with the reason). The claim is a
  lease this process renews while it runs (:meth:`Jobs.leases`) and releases when the crawl ends;
  the sources of a process that died are taken over by another once their leases ran out;
- the dispatcher loop (``Dispatcher.run_forever``) is woken as soon as a crawl commits alerts;
- retention deletes articles older than ``retention`` and near-duplicate index rows older than
  ``dedup.window`` (:func:`crawler.retention.housekeep`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.exc import SQLAlchemyError

from crawler.crawlstate import (
    Claim,
    Lease,
    claim_run,
    release_lease,
    renew_leases,
    take_over_expired,
)
from crawler.db import DatabaseFileGone
from crawler.retention import housekeep
from sinowatch.service.scheduling import claim_min_gap, enabled_sources
from sinowatch.wording import plural

if TYPE_CHECKING:
    from crawler.config import SourceSettings
    from crawler.db import Database
    from crawler.records import SourceReport
    from crawler.retention import RetentionResult
    from sinowatch.app import Runtime
    from sinowatch.settings import Settings

log = logging.getLogger("sinowatch.service")


class Current:
    """The service's one copy of its settings, and the runtime built from them once it runs.

    A reload replaces both at once (:meth:`switch`), so a job never mixes two configs.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._runtime: Runtime | None = None

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def runtime(self) -> Runtime | None:
        """None until the service runs."""
        return self._runtime

    def switch(self, runtime: Runtime) -> Runtime | None:
        """Run ``runtime`` and its settings from now on; returns the runtime it replaces."""
        retired, self._runtime, self._settings = self._runtime, runtime, runtime.settings
        return retired


class Jobs:
    """The scheduled jobs; :attr:`tally` counts crawls, failed, new_articles, alerts."""

    def __init__(
        self,
        current: Current,
        database: Database,
        *,
        stopping: asyncio.Event,
        lease: Lease,
        max_crawls: int | None = None,
    ) -> None:
        """``max_crawls``: crawl at most this many sources at once (None: no limit)."""
        self.current = current
        self.database = database
        self.lease = lease
        """How this process holds the sources it crawls."""
        self._slots = asyncio.Semaphore(max_crawls) if max_crawls else None
        """A source's crawl waits for a slot *before* claiming it: while this process is busy,
        another one with a free slot claims the source first (the hosts share the load)."""
        self._stopping = stopping
        self._crawls: set[asyncio.Task[Any]] = set()
        self._takeovers: set[asyncio.Task[None]] = set()
        self.tally: Counter[str] = Counter()

    def running_crawls(self) -> set[asyncio.Task[Any]]:
        """The crawl jobs running now (a reload and the shutdown wait for them)."""
        return set(self._crawls)

    async def crawl(self, source_id: str) -> None:
        """Crawl one source on the current runtime, unless stopping, the source is gone from the
        config, or another process crawled it just now; log its line and count it."""
        runtime = self.current.runtime
        if runtime is None or self._stopping.is_set():
            return
        try:
            source = runtime.settings.source(source_id)
        except KeyError:
            return
        async with self._slot():
            if self._stopping.is_set():
                return
            claim = await asyncio.to_thread(self._claim, runtime.settings, source)
            if claim.interrupted:  # this claim came before the lease job's take-over
                self._log_taken_over(source_id)
            if not claim:
                log.debug(
                    "crawl %s skipped: another process crawled it just now",
                    source_id,
                    extra={"event": "crawl_skipped", "source": source_id},
                )
                return
            await self._crawl_claimed(runtime, source)

    def _slot(self) -> contextlib.AbstractAsyncContextManager[object]:
        return self._slots if self._slots is not None else contextlib.nullcontext()

    async def _take_over(self, runtime: Runtime, source: SourceSettings) -> None:
        """Crawl a source taken over from a dead process (its lease is held meanwhile; stopping
        before a slot is free, release it for another process)."""
        async with self._slot():
            if self._stopping.is_set():
                await asyncio.to_thread(self._release, source.id)
                return
            await self._crawl_claimed(runtime, source)

    async def _crawl_claimed(self, runtime: Runtime, source: SourceSettings) -> None:
        """Crawl a source this process holds the lease of; release it when done."""
        task = asyncio.current_task()
        if task is not None:
            self._crawls.add(task)
        try:
            reports = await runtime.runner.crawl([source])
        except Exception:
            log.exception(
                "crawl %s failed", source.id, extra={"event": "crawl", "source": source.id}
            )
            return
        finally:
            if task is not None:
                self._crawls.discard(task)
            await asyncio.to_thread(self._release, source.id)
        for report in reports:
            log_crawl(report)
            self.tally.update(
                crawls=1,
                failed=int(report.status == "error"),
                new_articles=report.new_articles,
                alerts=report.alerts,
            )

    def _claim(self, settings: Settings, source: SourceSettings) -> Claim:
        now = datetime.now(UTC)
        min_gap = claim_min_gap(settings, source, now)
        with self.database.transaction() as session:
            return claim_run(session, source.id, now=now, min_gap=min_gap, lease=self.lease)

    def _release(self, source_id: str) -> None:
        with self.database.transaction() as session:
            release_lease(session, source_id, self.lease)

    async def leases(self) -> None:
        """Renew the leases of the sources this process crawls, then take over (and crawl now)
        the enabled sources whose owner stopped renewing its lease: a host that died loses its
        crawls only until its leases run out."""
        runtime = self.current.runtime
        if runtime is None or self._stopping.is_set():
            return
        ids = [source.id for source in enabled_sources(runtime.settings)]

        def renew_and_take() -> list[str]:
            now = datetime.now(UTC)
            with self.database.transaction() as session:
                renew_leases(session, self.lease, now=now)
                return take_over_expired(session, ids, self.lease, now=now)

        try:
            taken = await asyncio.to_thread(renew_and_take)
        except asyncio.CancelledError:
            if self._stopping.is_set():
                return  # cancelled by the stop: the leases are released or run out
            raise
        except DatabaseFileGone:
            return  # the service stops for it (its database watch says why): nothing to renew
        except SQLAlchemyError as exc:
            log.warning(
                "could not renew crawl leases (other hosts take these sources over when the "
                "leases run out): %s",
                exc,
                extra={"event": "lease_renewal_failed"},
            )
            return
        for source_id in taken:
            self._log_taken_over(source_id)
            # Its own task: this job must keep renewing while the crawl runs.
            task = asyncio.create_task(self._take_over(runtime, runtime.settings.source(source_id)))
            self._takeovers.add(task)
            task.add_done_callback(self._takeovers.discard)

    def _log_taken_over(self, source_id: str) -> None:
        log.warning(
            "crawl %s taken over: the process crawling it stopped renewing its lease",
            source_id,
            extra={"event": "crawl_taken_over", "source": source_id},
        )
        self.tally.update(taken_over=1)

    async def digest(self, channel: str) -> None:
        """Send the digest of ``channel`` (its alerts since the last one)."""
        runtime = self.current.runtime
        if runtime is None:
            return
        sent = await runtime.dispatcher.send_digests(channel)
        log.info(
            "digest %s: %s",
            channel,
            plural(sent, "alert"),
            extra={"event": "digest", "channel": channel},
        )

    async def retention(self) -> RetentionResult:
        """Delete what is older than ``retention`` and prune the near-duplicate index; log it."""
        now = datetime.now(UTC)
        settings = self.current.settings

        def purge() -> RetentionResult:
            return housekeep(
                self.database,
                now=now,
                retention=settings.retention,
                dedup_window=settings.dedup.window,
            )

        result = await asyncio.to_thread(purge)
        log.info(
            "retention: deleted %s and %s first seen before %s, %s, and %s older than the "
            "dedup window (%s, the longest %.2fs)",
            plural(result.articles, "article"),
            plural(result.stories, "story"),
            (now - settings.retention).date().isoformat(),
            plural(result.crawl_runs, "crawl run"),
            plural(result.lsh_bands, "near-duplicate index row"),
            plural(result.transactions, "transaction"),
            result.longest_transaction,
            extra={"event": "retention", **asdict(result)},
        )
        return result


class DispatcherLoop:
    """The running runtime's ``Dispatcher.run_forever``, restarted on a reload."""

    def __init__(self, *, poll: float, stop_timeout: float) -> None:
        self.poll = poll
        self.stop_timeout = stop_timeout
        self._stop: asyncio.Event | None = None
        self._task: asyncio.Task[Any] | None = None

    def start(self, runtime: Runtime) -> None:
        self._stop = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(
            runtime.dispatcher.run_forever(self._stop, poll_interval=self.poll)
        )

    async def stop(self) -> None:
        """Let the sends under way finish (up to ``stop_timeout``), then stop the loop."""
        if self._stop is None or self._task is None:
            return
        self._stop.set()
        try:
            await asyncio.wait_for(self._task, timeout=self.stop_timeout)
        except TimeoutError:
            log.warning("dispatcher still sending after %.0fs: stopped", self.stop_timeout)
        except Exception:
            log.exception("dispatcher failed")


def log_crawl(report: SourceReport) -> None:
    """One line per crawl: source, status, the ledger's counts (skipped and failed with their
    reasons), warnings and duration. Logged once the run is recorded."""
    message = (
        "crawl %s: %s, %s, %d not modified, %s offered: %d new, %d updated, %d known, "
        "%s, %s; %d relevant, %s, %s in %.1fs"
    )
    args: list[object] = [
        report.source_id,
        report.status,
        plural(report.requests, "request"),
        report.not_modified,
        plural(report.entries, "entry"),
        report.new_articles,
        report.revised,
        report.known,
        counted(report.skipped, "skipped"),
        counted(report.failed, "failed"),
        report.relevant,
        plural(report.alerts, "alert"),
        plural(report.errors, "error"),
        report.seconds,
    ]
    if report.error:
        message += " (%s)"
        args.append(report.error)
    if report.warnings:
        message += "; warnings: %s"
        args.append("; ".join(report.warnings))
    if report.status == "baseline":
        message += " (first crawl: articles stored silently; alerts start with the next crawl)"
    level = logging.INFO if report.status in ("ok", "baseline", "not_modified") else logging.WARNING
    if report.failed or report.warnings:
        level = logging.WARNING
    log.log(level, message, *args, extra={"event": "crawl", **asdict(report)})


def counted(reasons: dict[str, int], outcome: str) -> str:
    """``3 skipped (too old: 2, robots.txt: 1)``, or ``0 skipped``."""
    total = sum(reasons.values())
    if not total:
        return f"0 {outcome}"
    detail = ", ".join(f"{reason}: {count}" for reason, count in reasons.items())
    return f"{total} {outcome} ({detail})"
