"""Run source crawls on the asyncio event loop: the one code path for `crawl` and the service.

:class:`CrawlRunner` crawls sources concurrently with Scrapy's ``AsyncCrawlerRunner`` on the
running loop (the asyncio reactor must be installed); the service awaits :meth:`CrawlRunner.crawl`
from its scheduler jobs. :func:`run_crawl` is the blocking entry for one-off crawls: it runs the
crawl on :func:`crawler.reactor.run_on_reactor` (so call it once per process).

Each source run gets a :class:`~crawler.runcontext.SourceCrawler` carrying its
:class:`~crawler.report.CrawlReport` (the one recorder of its outcomes) and the runner's
:class:`~crawler.runcontext.CrawlServices`. It is recorded through :mod:`crawler.crawlstate`: a
failing source is recorded as ``error`` with its reason and never stops the others. A run starts
by closing the runs of its sources that a dead process left ``running`` (as ``interrupted``),
and ends by recording its ledger, its failed entries (for a retry) and — only when the run is
settled — its validators.
:meth:`CrawlRunner.stop` (a signal, the service stopping) marks the runs still going as
``interrupted``: what they did not finish is left for the next crawl.

Settings: ``crawler.*`` (see :mod:`crawler.scrapy_settings`), ``crawler.extract_workers`` (0:
extract in threads; N: in N worker processes, see :mod:`crawler.workers`),
``crawler.page_attempts`` and ``crawler.page_retry_backoff`` (failed entries), ``dedup.*``,
``relevance.*``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from scrapy.crawler import AsyncCrawlerRunner

from crawler import crawlstate
from crawler.dedup import RESIGN_BATCH, resign
from crawler.heap import freeze_long_lived
from crawler.ingest import known_url_times
from crawler.reactor import run_on_reactor
from crawler.records import SourceReport
from crawler.report import CrawlReport
from crawler.runcontext import CrawlServices, RunPlan, SourceCrawler
from crawler.scrapy_settings import scrapy_settings
from crawler.spiders import SPIDERS
from crawler.workers import ExtractionPool

if TYPE_CHECKING:
    from crawler.config import CrawlerSettings, DedupSettings, RelevanceSettings, SourceSettings
    from crawler.db import Database
    from crawler.records import ArticleHook

log = logging.getLogger(__name__)

Progress = Callable[[str, SourceReport], None]
"""Called with ``("start" | "update" | "done", report)`` as each source run starts, every
:data:`PROGRESS_SECONDS` while it runs (counts so far), and when it ends."""
PROGRESS_SECONDS = 0.5


class CrawlRunner:
    """Crawls sources on the running event loop and records each run."""

    def __init__(
        self,
        database: Database,
        *,
        crawler: CrawlerSettings,
        dedup: DedupSettings,
        relevance: RelevanceSettings,
        on_article: ArticleHook | None = None,
        progress: Progress | None = None,
        pool: ExtractionPool | None = None,
    ) -> None:
        """``pool``: extraction workers to share (the service keeps one for its whole life);
        without one the runner starts its own and shuts it down in :meth:`stop`."""
        self._crawler_settings = crawler
        self.database = database
        self.progress = progress
        self._own_pool = pool is None
        self.pool = pool or ExtractionPool(crawler.extract_workers)
        self._active: dict[str, SourceCrawler] = {}
        self._in_flight = 0
        """Calls of :meth:`crawl` running now."""
        self._stopping = False
        self._resigned = False
        """Whether :meth:`_resign` ran."""
        self._services = CrawlServices(
            database=database,
            dedup=dedup,
            relevance=relevance,
            pool=self.pool,
            on_article=on_article,
        )
        self._runner = AsyncCrawlerRunner(scrapy_settings(crawler))

    async def crawl(self, sources: Sequence[SourceSettings]) -> list[SourceReport]:
        """Crawl the given sources concurrently; one report per source, in the given order."""
        if not sources:
            return []
        await asyncio.to_thread(self._sync_sources, sources)
        ticker = asyncio.create_task(self._tick()) if self.progress else None
        self._in_flight += 1
        try:
            reports = list(await asyncio.gather(*(self._crawl_one(source) for source in sources)))
        finally:
            self._in_flight -= 1
            if ticker is not None:
                ticker.cancel()
        if not self._in_flight:
            # Once per process, after its first crawl, but never while another crawl runs (the
            # service runs several): its crawler, spider and engine are cyclic and, once frozen,
            # would never be freed when it ends.
            freeze_long_lived()
        return reports

    def interrupt(self) -> None:
        """Mark the running crawls as interrupted (then :meth:`stop` them); crawls about to
        start are recorded as interrupted without fetching anything."""
        self._stopping = True
        for crawler in self._active.values():
            crawler.report.interrupt()

    async def stop(self) -> None:
        """Stop running crawls gracefully (recorded as interrupted) and free the workers."""
        self.interrupt()
        await self._runner.stop()
        await self._runner.join()
        if self._own_pool:
            await asyncio.to_thread(self.pool.shutdown)

    async def _tick(self) -> None:
        assert self.progress is not None
        while True:
            await asyncio.sleep(PROGRESS_SECONDS)
            for crawler in list(self._active.values()):
                report = crawler.report.source_report(requests=_requests(crawler), seconds=0.0)
                self.progress("update", report)

    async def _crawl_one(self, source: SourceSettings) -> SourceReport:
        started = time.monotonic()
        run_id, plan = await asyncio.to_thread(self._begin, source)
        if self.progress:
            self.progress("start", SourceReport(source_id=source.id, status="running"))
        recorded = CrawlReport(plan)
        crawler = SourceCrawler(
            SPIDERS[source.kind], self._runner.settings, report=recorded, services=self._services
        )
        self._active[source.id] = crawler
        try:
            if self._stopping:
                recorded.interrupt()
            else:
                await self._runner.crawl(crawler)
        except Exception as exc:  # a broken source must never stop the others
            log.exception("crawling source %s failed", source.id)
            recorded.index_failed(source.url or source.all_urls[0], f"crawl failed: {exc!r}")
        finally:
            self._active.pop(source.id, None)
        recorded.finish()
        if recorded.unbalanced:
            log.error("source %s: %s", source.id, recorded.unbalanced)
        report = recorded.source_report(
            requests=_requests(crawler), seconds=round(time.monotonic() - started, 3)
        )
        try:
            await asyncio.to_thread(self._finish, run_id, recorded, report)
        except Exception as exc:  # the crawl may have stored articles, but says it failed
            log.exception("recording the crawl of source %s failed", source.id)
            report.status = "error"
            report.error = "; ".join(
                filter(None, [report.error, f"recording the run failed: {exc!r}"])
            )
        if self.progress:
            self.progress("done", report)
        return report

    def _sync_sources(self, sources: Sequence[SourceSettings]) -> None:
        with self.database.transaction() as session:
            crawlstate.sync_sources(session, sources)
            closed = crawlstate.close_stale_runs(session, [source.id for source in sources])
        if closed:
            log.warning("closed %d crawl run(s) left running by a process that died", closed)
        if not self._resigned:
            self._resign()

    def _resign(self) -> None:
        """Once per runner, before its first crawl: the dedup window's signatures made another
        way (an older MinHash scheme, other ``dedup`` settings) are made again, so near-duplicates
        of the articles stored before keep being found."""
        settings = self._services.dedup
        since = datetime.now(UTC) - settings.window
        total = 0
        while True:
            with self.database.transaction() as session:
                done = resign(session, settings, since=since)
            total += done
            if done < RESIGN_BATCH:
                break
        self._resigned = True
        if total:
            log.info("re-signed %d article(s) of the dedup window for near-duplicate search", total)

    def _begin(self, source: SourceSettings) -> tuple[int, RunPlan]:
        crawler_settings = self._crawler_settings
        with self.database.transaction() as session:
            run_id = crawlstate.start_run(session, source.id)
            baseline = not crawlstate.baseline_done(session, source.id)
            validators = {}
            for url in source.all_urls:
                stored = crawlstate.get_validators(session, source.id, url)
                if stored:
                    validators[url] = stored
            retries = crawlstate.pending_retries(session, source.id, now=datetime.now(UTC))
        plan = RunPlan(
            source=source,
            baseline=baseline,
            known_urls=self._known_urls,
            source_limit=crawler_settings.max_articles_per_run,
            max_attempts=crawler_settings.page_attempts,
            retry_backoff=crawler_settings.page_retry_backoff,
            validators=validators,
            retries=retries,
        )
        return run_id, plan

    def _known_urls(self, urls: list[str]) -> dict[str, datetime]:
        with self.database.session() as session:
            return known_url_times(session, urls)

    def _finish(self, run_id: int, recorded: CrawlReport, report: SourceReport) -> None:
        with self.database.transaction() as session:
            crawlstate.finish_run(
                session, run_id, report, details=recorded.details(), settled=recorded.settled
            )
            crawlstate.record_entry_outcomes(
                session,
                report.source_id,
                failures=recorded.failures,
                stored=recorded.stored.intersection(recorded.plan.retries),
                backoff=recorded.plan.retry_backoff,
            )
            for url, validators in recorded.validators_to_save().items():
                crawlstate.save_validators(session, report.source_id, url, validators)


def run_crawl(
    database: Database,
    sources: Sequence[SourceSettings],
    *,
    crawler: CrawlerSettings,
    dedup: DedupSettings,
    relevance: RelevanceSettings,
    on_article: ArticleHook | None = None,
    progress: Progress | None = None,
) -> list[SourceReport]:
    """Crawl ``sources`` once and return their reports (blocking; once per process).

    Runs the asyncio reactor until the crawl ends; Twisted's reactor cannot be restarted, so
    long-running callers (the service) await :meth:`CrawlRunner.crawl` instead.
    """

    async def main() -> list[SourceReport]:
        runner = CrawlRunner(
            database,
            crawler=crawler,
            dedup=dedup,
            relevance=relevance,
            on_article=on_article,
            progress=progress,
        )
        stop_on_signals(runner)
        try:
            return await runner.crawl(sources)
        finally:
            await runner.stop()

    return run_on_reactor(main)


def stop_on_signals(runner: CrawlRunner) -> None:
    """SIGINT/SIGTERM stop the crawl gracefully: pages in flight are finished and stored, the
    runs are recorded as interrupted (validators not saved), and the reports come back. A second
    signal exits at once (status 130); the next crawl closes the runs left ``running``."""
    loop = asyncio.get_running_loop()
    received: list[int] = []
    stopping: set[asyncio.Task[None]] = set()

    def on_signal(signum: int) -> None:
        received.append(signum)
        if len(received) > 1:
            log.error("interrupted again: exiting without recording the runs")
            os._exit(130)
        log.warning(
            "interrupted (%s): finishing the pages in flight; the rest is left for the next crawl",
            signal.Signals(signum).name,
        )
        runner.interrupt()
        stopping.add(loop.create_task(runner.stop()))

    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(signum, on_signal, signum)


def _requests(crawler: SourceCrawler) -> int:
    try:
        stats = crawler.stats
    except RuntimeError:  # Scrapy sets it when the crawl starts
        return 0
    if stats is None:
        return 0
    return int(stats.get_value("downloader/request_count", 0) or 0)
