"""The read and retention code as it was before issue 15, kept to measure ``bench/scale.py``'s
baseline against (on a copy of the database with migration 0003's indexes and 0005's counters
undone).

- retention: one transaction deleting every old article at once, then every story without an
  article (a scan of all stories), then every old crawl run and band row;
- ``stories``: all stories seen since the cutoff streamed newest first, the outlet filter applied
  in Python;
- ``status``: the counts by ``COUNT(*)`` over whole tables.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, func, select
from sqlalchemy.orm import Session

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.storage import lsh_bands
from crawler.storage.tables import Article, CrawlRun, Story
from crawler.store import source_statuses
from sinowatch.summary import StatusSummary


def housekeep(
    database: Database, *, now: datetime, retention: timedelta, dedup_window: timedelta
) -> int:
    """Delete as the old daily job did, in one write transaction; returns articles deleted."""
    with database.transaction() as session:
        articles = session.execute(
            delete(Article).where(Article.first_seen < now - retention),
            execution_options={"synchronize_session": False},
        ).rowcount
        orphaned = ~exists().where(Article.story_id == Story.id)
        session.execute(
            delete(Story).where(orphaned), execution_options={"synchronize_session": False}
        )
        session.execute(
            delete(CrawlRun).where(CrawlRun.started_at < now - retention),
            execution_options={"synchronize_session": False},
        )
        lsh_bands.prune(session, before=now - dedup_window)
    return articles or 0


def recent_stories(
    session: Session, *, since: datetime, min_outlets: int = 1, limit: int = 50
) -> list[Story]:
    found: list[Story] = []
    rows = session.scalars(
        select(Story)
        .where(Story.last_seen >= since)
        .order_by(Story.last_seen.desc(), Story.id.desc())
        .execution_options(yield_per=500)
    )
    for story in rows:
        if len(story.outlets or []) >= min_outlets:
            found.append(story)
            if len(found) >= limit:
                break
    rows.close()
    return found


def status_summary(session: Session) -> StatusSummary:
    """The summary as ``status`` read it before the maintained counters: a count per table."""

    def count(model: type, *where: object) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    rows = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
    return StatusSummary(
        sources=source_statuses(session),
        articles=count(Article),
        relevant_articles=count(Article, Article.relevant.is_(True)),
        stories=count(Story),
        alerts=count(Alert),
        deliveries={status: n for status, n in sorted(rows.all())},
    )
