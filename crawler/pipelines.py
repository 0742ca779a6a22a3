"""The item pipeline: fetched page → extract → relevance → batched store → article hook.

Extraction and relevance (:func:`crawler.analysis.analyse`) run off the event loop (a thread, or
the worker processes of a :class:`crawler.workers.ExtractionPool` when
``crawler.extract_workers > 0``). Stored articles are
written in batches (``BATCH_SIZE`` items or ``BATCH_SECONDS``, and at close), each batch one
transaction that stores its items (:func:`crawler.ingestbatch.ingest_batch`: the pages that match
nothing in a few multi-row statements, the others through :func:`crawler.ingest.ingest_article`)
and calls the ``on_article`` hook per item, so an article and its alerts commit together. The
batch first takes the lock keys of all its items (:func:`crawler.ingest.lock_batch`), so batches
of other processes wait only where they could conflict and never deadlock on those keys. If a
batch fails (a deadlock on a story row two batches both join is detected by PostgreSQL and fails
one), its items are retried one per transaction so one bad page costs only itself.

Each page's outcome goes to the run's ledger only after its transaction committed: ``new``,
``updated`` (a revision), ``known`` (unchanged), or ``failed`` (a storage error, kept for a
retry on a later crawl; a page whose text could not be extracted is stored partial and counted
failed at once, not retried). A page yielded with ``error`` is an entry already counted
as failed and given up by the spider: it is stored partial from the index's metadata.

The pipeline takes the runner's :class:`~crawler.runcontext.CrawlServices` and the run's
:class:`~crawler.report.CrawlReport` from its :class:`~crawler.runcontext.SourceCrawler`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crawler.analysis import Analysed, analyse
from crawler.ingest import Identity, identify, ingest_article
from crawler.ingestbatch import Pending, ingest_batch
from crawler.ledger import FAIL_EXTRACTION, FAIL_STORAGE
from crawler.records import FetchedPage, IngestResult, IngestStatus
from crawler.relevance import ScorerSettings
from crawler.runcontext import source_crawler

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from crawler.report import CrawlReport
    from crawler.runcontext import CrawlServices, RunPlan

log = logging.getLogger(__name__)

BATCH_SIZE = 50
BATCH_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class Stored:
    analysed: Analysed
    status: IngestStatus
    alerts: int


class StorePipeline:
    def __init__(self, services: CrawlServices, report: CrawlReport) -> None:
        self.services = services
        self.report = report
        self.plan: RunPlan = report.plan
        self._scoring = ScorerSettings.of(services.relevance)
        self._batch: list[Analysed] = []
        self._lock = asyncio.Lock()
        self._ticker: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        crawler = source_crawler(crawler)
        return cls(crawler.services, crawler.report)

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
        always = self.plan.source.relevance == "always"
        try:
            analysed = await self.services.pool.run(analyse, item, self._scoring, always)
        except Exception as exc:  # workers that keep dying, an unpicklable page…
            log.warning("analysing %s failed: %r", item.url, exc)
            if not item.error:  # a given-up entry is counted already
                self.report.failed(item, FAIL_EXTRACTION, f"extraction failed: {exc!r}")
            return item
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
            stored, failed = await asyncio.to_thread(self._store, batch)
        for outcome in stored:  # committed: count it
            self._count(outcome)
        for item, reason in failed:
            if not item.page.error:  # a given-up entry is counted already
                self.report.failed(item.page, FAIL_STORAGE, reason)

    def _count(self, outcome: Stored) -> None:
        page, article = outcome.analysed.page, outcome.analysed.article
        self.report.alerted(outcome.alerts)
        if page.error:  # given up by the spider (already failed in the ledger): kept partial
            return
        partial = None
        if article.partial and page.html:
            partial = article.partial_reason or "no article text found"
        self.report.stored_page(
            page.url,
            outcome.status,
            relevant=outcome.analysed.relevance.relevant,
            partial=partial,
        )

    def _store(self, batch: list[Analysed]) -> tuple[list[Stored], list[tuple[Analysed, str]]]:
        """Write a batch in one transaction; on failure, each item in its own (runs in a thread).

        Outcomes are returned only for committed transactions. A page that cannot be identified
        (a URL no parser takes) fails alone, before the batch is written.
        """
        pending: list[tuple[Analysed, Pending]] = []
        failed: list[tuple[Analysed, str]] = []
        for item in batch:
            try:
                pending.append((item, self._pending(item)))
            except Exception as exc:
                log.warning("identifying %s failed: %r", item.page.url, exc)
                failed.append((item, f"storage failed: {exc!r}"))
        if not pending:
            return [], failed
        try:
            with self.services.database.transaction() as session:
                results = ingest_batch(session, [one for _, one in pending], self.services.dedup)
                outcomes = [
                    self._alerted(session, item, result)
                    for (item, _), result in zip(pending, results, strict=True)
                ]
            return outcomes, failed
        except Exception as exc:
            log.warning("storing a batch of %d failed (%r); retrying one by one", len(pending), exc)
        stored: list[Stored] = []
        for item, one in pending:
            try:
                with self.services.database.transaction() as session:
                    outcome = self._ingest(session, item, one.identity)
            except Exception as exc:
                log.exception("storing %s failed", item.page.url)
                failed.append((item, f"storage failed: {exc!r}"))
            else:
                stored.append(outcome)
        return stored, failed

    def _pending(self, item: Analysed) -> Pending:
        identity = identify(item.page, item.article, self.services.dedup)
        return Pending(item.page, item.article, item.relevance, identity, self._baseline(item))

    def _baseline(self, item: Analysed) -> bool:
        return self.plan.baseline or item.page.baseline

    def _ingest(self, session: Any, item: Analysed, identity: Identity) -> Stored:
        result = ingest_article(
            session,
            item.page,
            item.article,
            item.relevance,
            settings=self.services.dedup,
            baseline=self._baseline(item),
            identity=identity,
        )
        return self._alerted(session, item, result)

    def _alerted(self, session: Any, item: Analysed, result: IngestResult) -> Stored:
        """Run the article hook on a stored page (in its transaction): its outcome."""
        hook = self.services.on_article
        # A baseline crawl stores what a source already had: it never alerts.
        alerts = hook(session, result) if hook is not None and not self._baseline(item) else 0
        return Stored(item, result.status, alerts)
