"""Run source crawls on the asyncio event loop: the one code path for `crawl` and the service.

:class:`CrawlRunner` crawls sources concurrently with Scrapy's ``AsyncCrawlerRunner`` on the
running loop (the asyncio reactor must be installed); the service awaits :meth:`CrawlRunner.crawl`
from its scheduler jobs. :func:`run_crawl` is the blocking entry for one-off crawls: it installs
the reactor, runs the crawl, and stops the reactor (so call it once per process).

Each source run is recorded through :mod:`crawler.crawlstate`: a failing source is recorded as
``error`` with its reason and never stops the others.

Settings: ``crawler.*`` (see :mod:`crawler.scrapy_settings`), ``crawler.extract_workers`` (0:
extract in threads; N: in N worker processes), ``dedup.*``, ``relevance.*``.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from scrapy.crawler import AsyncCrawlerRunner, Crawler
from scrapy.utils.reactor import install_reactor

from crawler import crawlstate
from crawler.ingest import known_url_times
from crawler.pipelines import SERVICES_SETTING, PipelineServices
from crawler.records import SourceReport
from crawler.runcontext import RunContext
from crawler.scrapy_settings import ASYNCIO_REACTOR, scrapy_settings
from crawler.spiders import SPIDERS

if TYPE_CHECKING:
    from datetime import datetime

    from crawler.db import Database
    from crawler.records import ArticleHook
    from sinowatch.settings import Settings, SourceSettings

log = logging.getLogger(__name__)

Progress = Callable[[str, SourceReport], None]
"""Called with ``("start" | "done", report)`` as each source run starts and ends."""


class CrawlRunner:
    """Crawls sources on the running event loop and records each run."""

    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        on_article: ArticleHook | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.settings = settings
        self.database = database
        self.progress = progress
        self._executor: Executor | None = _make_executor(settings.crawler.extract_workers)
        self._services = PipelineServices(
            database=database,
            dedup=settings.dedup,
            relevance=settings.relevance,
            executor=self._executor,
            on_article=on_article,
        )
        base = scrapy_settings(settings.crawler)
        base[SERVICES_SETTING] = self._services
        self._runner = AsyncCrawlerRunner(base)

    async def crawl(self, sources: Sequence[SourceSettings]) -> list[SourceReport]:
        """Crawl the given sources concurrently; one report per source, in the given order."""
        if not sources:
            return []
        await asyncio.to_thread(self._sync_sources, sources)
        return list(await asyncio.gather(*(self._crawl_one(source) for source in sources)))

    async def stop(self) -> None:
        """Stop running crawls gracefully (their runs are still recorded) and free the workers."""
        await self._runner.stop()
        await self._runner.join()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def _crawl_one(self, source: SourceSettings) -> SourceReport:
        started = time.monotonic()
        run_id, run = await asyncio.to_thread(self._begin, source)
        if self.progress:
            self.progress("start", SourceReport(source_id=source.id, status="running"))
        crawler = Crawler(SPIDERS[source.kind], self._runner.settings)
        try:
            await self._runner.crawl(crawler, source=source, run=run)
        except Exception as exc:  # a broken source must never stop the others
            log.exception("crawling source %s failed", source.id)
            run.index_failed(source.url or source.all_urls[0], f"crawl failed: {exc!r}")
        requests = 0
        if crawler.stats is not None:
            requests = int(crawler.stats.get_value("downloader/request_count", 0) or 0)
        report = run.report(requests=requests, seconds=round(time.monotonic() - started, 3))
        try:
            await asyncio.to_thread(self._finish, run_id, run, report)
        except Exception:
            log.exception("recording the crawl of source %s failed", source.id)
        if self.progress:
            self.progress("done", report)
        return report

    def _sync_sources(self, sources: Sequence[SourceSettings]) -> None:
        with self.database.transaction() as session:
            crawlstate.sync_sources(session, sources)

    def _begin(self, source: SourceSettings) -> tuple[int, RunContext]:
        with self.database.transaction() as session:
            run_id = crawlstate.start_run(session, source.id)
            baseline = not crawlstate.baseline_done(session, source.id)
            validators = {}
            for url in source.all_urls:
                stored = crawlstate.get_validators(session, source.id, url)
                if stored:
                    validators[url] = stored
        run = RunContext(
            source=source,
            baseline=baseline,
            known_urls=self._known_urls,
            source_limit=self.settings.crawler.max_articles_per_run,
            validators=validators,
        )
        return run_id, run

    def _known_urls(self, urls: list[str]) -> dict[str, datetime]:
        with self.database.session() as session:
            return known_url_times(session, urls)

    def _finish(self, run_id: int, run: RunContext, report: SourceReport) -> None:
        with self.database.transaction() as session:
            crawlstate.finish_run(session, run_id, report, details=run.details())
            for url, validators in run.new_validators.items():
                if url not in run.index_errors:
                    crawlstate.save_validators(session, run.source.id, url, validators)


def run_crawl(
    settings: Settings,
    database: Database,
    sources: Sequence[SourceSettings],
    *,
    on_article: ArticleHook | None = None,
    progress: Progress | None = None,
) -> list[SourceReport]:
    """Crawl ``sources`` once and return their reports (blocking; once per process).

    Installs the asyncio reactor and runs it until the crawl ends; Twisted's reactor cannot be
    restarted, so long-running callers (the service) await :meth:`CrawlRunner.crawl` instead.
    """
    from scrapy.utils.defer import deferred_from_coro
    from twisted.internet import task

    install_reactor(ASYNCIO_REACTOR)
    reports: list[SourceReport] = []

    async def main() -> None:
        runner = CrawlRunner(settings, database, on_article=on_article, progress=progress)
        try:
            reports.extend(await runner.crawl(sources))
        finally:
            await runner.stop()

    def start(_reactor: Any) -> Any:
        return deferred_from_coro(main())

    try:
        task.react(start)
    except SystemExit as exit_:  # react() always exits; a failed crawl exits non-zero
        if exit_.code not in (0, None):
            raise RuntimeError("the crawl stopped with an error (see the log above)") from None
    return reports


def _make_executor(workers: int) -> Executor | None:
    """Worker processes for extraction (spawned: forking a process with threads is unsafe)."""
    if workers <= 0:
        return None
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
