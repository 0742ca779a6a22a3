"""Housekeeping (the service runs it daily): retention of articles and the near-duplicate window.

Settings: ``retention`` (articles first seen before ``now - retention`` are deleted) and
``dedup.window`` (LSH band rows older than ``now - window`` are dropped: a copy arriving later
than the window starts a new story anyway, so those rows only cost lookups and disk).

An article's alerts, deliveries, aliases, revisions and LSH bands go with it (foreign keys
``ON DELETE CASCADE``, each backed by an index on the referencing column); stories left without
any article are deleted too. Age is measured on ``first_seen`` (when sinowatch stored the page),
so a late-discovered old article is kept for the full retention period. Crawl-run records older
than ``retention`` are deleted too (a source crawled every 30 minutes adds ~50 a day).

Everything is deleted in bounded batches, each its own short write transaction, so a crawl or a
dispatcher waiting for the write lock (SQLite) or the rows (PostgreSQL) waits for one batch, not
for the whole purge: :data:`BATCH_SIZE` articles (with their cascades) take well under
:data:`LOCK_BOUND_SECONDS`. The longest transaction is part of the result, and a batch that held
the lock longer than the bound is logged as a warning.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from crawler.storage import articles, counters, lsh_bands, runs, stories

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.db import Database

log = logging.getLogger(__name__)
T = TypeVar("T")

BATCH_SIZE = 500
"""Articles (or crawl runs, or articles' band rows) deleted per write transaction."""
LOCK_BOUND_SECONDS = 1.0
"""The longest a retention batch should hold the write lock."""


@dataclass(frozen=True, slots=True)
class RetentionResult:
    articles: int
    stories: int
    lsh_bands: int = 0
    crawl_runs: int = 0
    transactions: int = 0
    """Write transactions the purge ran (each holds the write lock for one batch)."""
    longest_transaction: float = 0.0
    """Seconds the longest of them took, from its start to its commit."""


def delete_articles_before(
    session: Session, cutoff: datetime, *, limit: int = BATCH_SIZE
) -> RetentionResult:
    """Delete one batch: up to ``limit`` articles first seen before ``cutoff`` (oldest first) and
    the stories they leave empty."""
    deleted = articles.delete_first_seen_before(session, cutoff, limit=limit)
    if not deleted:
        return RetentionResult(articles=0, stories=0)
    touched = sorted({story_id for _, story_id in deleted if story_id is not None})
    return RetentionResult(articles=len(deleted), stories=stories.delete_empty(session, touched))


def housekeep(
    database: Database,
    *,
    now: datetime,
    retention: timedelta,
    dedup_window: timedelta,
    batch_size: int = BATCH_SIZE,
) -> RetentionResult:
    """Apply retention to articles and crawl runs, then drop near-duplicate index rows older
    than the dedup window; every batch of ``batch_size`` in its own transaction."""
    batches = _Batches(database)
    cutoff = now - retention
    article_count = story_count = 0
    while True:
        deleted = batches.run(lambda s: delete_articles_before(s, cutoff, limit=batch_size))
        article_count += deleted.articles
        story_count += deleted.stories
        if deleted.articles < batch_size:
            break
    run_count = 0
    while (
        count := batches.run(lambda s: runs.delete_started_before(s, cutoff, limit=batch_size))
    ) > 0:
        run_count += count
        if count < batch_size:
            break
    band_count = 0
    window_start = now - dedup_window
    while count := batches.run(lambda s: lsh_bands.prune(s, before=window_start, limit=batch_size)):
        band_count += count
    if database.dialect == "postgresql":  # fold the counters' deltas (SQLite writes none)
        batches.run(counters.compact)
    return RetentionResult(
        articles=article_count,
        stories=story_count,
        lsh_bands=band_count,
        crawl_runs=run_count,
        transactions=batches.count,
        longest_transaction=batches.longest,
    )


class _Batches:
    """Runs each batch in its own write transaction and times it."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.count = 0
        self.longest = 0.0

    def run(self, batch: Callable[[Session], T]) -> T:
        started = time.monotonic()
        with self.database.transaction() as session:
            result = batch(session)
        took = time.monotonic() - started
        self.count += 1
        self.longest = max(self.longest, took)
        if took > LOCK_BOUND_SECONDS:
            log.warning(
                "retention batch held the write lock %.2fs (bound %.1fs): slow or busy database?",
                took,
                LOCK_BOUND_SECONDS,
                extra={"event": "retention_slow_batch", "seconds": round(took, 3)},
            )
        return result
