"""Housekeeping (the service runs it daily): retention of articles and the near-duplicate window.

Settings: ``retention`` (articles first seen before ``now - retention`` are deleted) and
``dedup.window`` (LSH band rows older than ``now - window`` are dropped: a copy arriving later
than the window starts a new story anyway, so those rows only cost lookups and disk).

An article's alerts, deliveries, aliases, revisions and LSH bands go with it (foreign keys
``ON DELETE CASCADE``); stories left without any article are deleted too. Age is measured on
``first_seen`` (when sinowatch stored the page), so a late-discovered old article is kept for
the full retention period. Crawl-run records older than ``retention`` are deleted too (a source
crawled every 30 minutes adds ~50 a day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, exists
from sqlalchemy.orm import Session

from crawler.dedup import prune_index
from crawler.models import Article, CrawlRun, Story


@dataclass(frozen=True, slots=True)
class RetentionResult:
    articles: int
    stories: int
    lsh_bands: int = 0
    crawl_runs: int = 0


def delete_articles_before(session: Session, cutoff: datetime) -> RetentionResult:
    """Delete articles first seen before ``cutoff`` and the stories they leave empty."""
    articles = session.execute(
        delete(Article).where(Article.first_seen < cutoff),
        execution_options={"synchronize_session": False},
    ).rowcount
    orphaned = ~exists().where(Article.story_id == Story.id)
    stories = session.execute(
        delete(Story).where(orphaned), execution_options={"synchronize_session": False}
    ).rowcount
    return RetentionResult(articles=articles or 0, stories=stories or 0)


def housekeep(
    session: Session, *, now: datetime, retention: timedelta, dedup_window: timedelta
) -> RetentionResult:
    """Apply retention to articles and crawl runs, then drop near-duplicate index rows older
    than the dedup window."""
    deleted = delete_articles_before(session, now - retention)
    runs = session.execute(
        delete(CrawlRun).where(CrawlRun.started_at < now - retention),
        execution_options={"synchronize_session": False},
    ).rowcount
    bands = prune_index(session, before=now - dedup_window)
    return RetentionResult(
        articles=deleted.articles, stories=deleted.stories, lsh_bands=bands, crawl_runs=runs or 0
    )
