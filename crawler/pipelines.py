"""The item pipeline: fetched page → extract → relevance → batched store → article hook.

Extraction and relevance run off the event loop (a thread, or worker processes when
``crawler.extract_workers > 0``). Stored articles are written in batches (``BATCH_SIZE`` items or
``BATCH_SECONDS``, and at close), each batch one transaction that calls
:func:`crawler.ingest.ingest_article` and the ``on_article`` hook per item, so an article and
its alerts commit together. If a batch fails, its items are retried one per transaction so one
bad page costs only itself.

The runner passes its :class:`PipelineServices` in the Scrapy setting ``SINOWATCH_SERVICES``;
the per-run counters live in the spider's :class:`~crawler.runcontext.RunContext`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from crawler.extract import extract_page
from crawler.ingest import ingest_article
from crawler.records import ExtractedArticle, FetchedPage, Relevance
from crawler.relevance import RelevanceScorer, always_relevant

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.db import Database
    from crawler.records import ArticleHook
    from crawler.runcontext import RunContext
    from sinowatch.settings import DedupSettings, RelevanceSettings

log = logging.getLogger(__name__)

SERVICES_SETTING = "SINOWATCH_SERVICES"
BATCH_SIZE = 50
BATCH_SECONDS = 1.0

_SCORERS: dict[str, RelevanceScorer] = {}
"""One scorer per relevance config, per process (worker processes build their own once)."""


@dataclass(frozen=True)
class PipelineServices:
    """What the pipeline needs from the runner: plain values and long-lived helpers."""

    database: Database
    dedup: DedupSettings
    relevance: RelevanceSettings
    executor: Executor | None = None
    """Where extraction runs; None: the event loop's default thread pool."""
    on_article: ArticleHook | None = None

    def __deepcopy__(self, memo: dict[int, Any]) -> PipelineServices:
        """Shared, not copied: Scrapy deep-copies its settings for every crawler."""
        return self


@dataclass(frozen=True, slots=True)
class Analysed:
    page: FetchedPage
    article: ExtractedArticle
    relevance: Relevance


@dataclass(frozen=True, slots=True)
class Stored:
    analysed: Analysed
    status: str
    alerts: int


def analyse(page: FetchedPage, relevance: RelevanceSettings, always: bool) -> Analysed:
    """Extract one page and score it (runs in a worker thread or process)."""
    article = extract_page(page)
    if always:
        return Analysed(page, article, always_relevant())
    key = relevance.model_dump_json()
    scorer = _SCORERS.get(key)
    if scorer is None:
        scorer = _SCORERS[key] = RelevanceScorer(relevance)
    return Analysed(page, article, scorer.score(article.title or "", article.text or ""))


class StorePipeline:
    def __init__(self, crawler: Crawler, services: PipelineServices) -> None:
        self.crawler = crawler
        self.services = services
        self._batch: list[Analysed] = []
        self._lock = asyncio.Lock()
        self._ticker: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        services = crawler.settings.get(SERVICES_SETTING)
        if services is None:
            raise NotConfigured(f"{SERVICES_SETTING} is not set: run crawls through CrawlRunner")
        return cls(crawler, services)

    @property
    def run(self) -> RunContext:
        return self.crawler.spider.run  # type: ignore[union-attr]

    async def open_spider(self) -> None:
        self._ticker = asyncio.create_task(self._tick())

    async def close_spider(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        await self._flush()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        always = self.run.source.relevance == "always"
        loop = asyncio.get_running_loop()
        try:
            analysed = await loop.run_in_executor(
                self.services.executor, analyse, item, self.services.relevance, always
            )
        except Exception as exc:  # a dead worker process, an unpicklable page…
            log.warning("analysing %s failed: %r", item.url, exc)
            self.run.page_failed(item.url, f"extraction failed: {exc!r}")
            return item
        if item.error:
            self.run.page_failed(item.url, item.error)
        elif analysed.article.partial and item.html:
            self.run.page_failed(item.url, analysed.article.partial_reason or "extraction failed")
        self._batch.append(analysed)
        if len(self._batch) >= BATCH_SIZE:
            await self._flush()
        return item

    async def _tick(self) -> None:
        while True:
            await asyncio.sleep(BATCH_SECONDS)
            # Shielded: closing cancels the ticker, never a write (nor its counting) halfway.
            await asyncio.shield(self._flush())

    async def _flush(self) -> None:
        async with self._lock:
            batch, self._batch = self._batch, []
            if not batch:
                return
            stored, failed = await asyncio.to_thread(self._store, batch, self.run.baseline)
        run = self.run
        for outcome in stored:
            run.alerts += outcome.alerts
            if outcome.status in ("new", "duplicate"):
                run.new_articles += 1
                run.relevant += outcome.analysed.relevance.relevant
            elif outcome.status == "revision":
                run.revised += 1
            else:
                run.known += 1
        for url, reason in failed:
            run.page_failed(url, reason)

    def _store(
        self, batch: list[Analysed], baseline: bool
    ) -> tuple[list[Stored], list[tuple[str, str]]]:
        """Write a batch in one transaction; on failure, each item in its own (runs in a thread)."""
        try:
            with self.services.database.transaction() as session:
                return [self._ingest(session, item, baseline) for item in batch], []
        except Exception as exc:
            log.warning("storing a batch of %d failed (%r); retrying one by one", len(batch), exc)
        stored: list[Stored] = []
        failed: list[tuple[str, str]] = []
        for item in batch:
            try:
                with self.services.database.transaction() as session:
                    stored.append(self._ingest(session, item, baseline))
            except Exception as exc:
                log.exception("storing %s failed", item.page.url)
                failed.append((item.page.url, f"storage failed: {exc!r}"))
        return stored, failed

    def _ingest(self, session: Any, item: Analysed, baseline: bool) -> Stored:
        result = ingest_article(
            session,
            item.page,
            item.article,
            item.relevance,
            settings=self.services.dedup,
            baseline=baseline,
        )
        hook = self.services.on_article
        # A baseline crawl stores what a source already had: it never alerts.
        alerts = hook(session, result) if hook is not None and not baseline else 0
        return Stored(item, result.status, alerts)
