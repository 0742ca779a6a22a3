"""Read-side repository functions: what ``sinowatch status``, ``stories`` and the service report.

Only the storage layer builds queries; callers get plain dataclasses (or read-only rows) back.
Each query is answered from an index, so its cost stays flat as the store grows.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from crawler.models import MULTI_OUTLET, Alert, Article, CrawlRun, Delivery, Source, Story

RUNS_LOOKED_AT = 5
"""Finished runs read per source to find its last ledger (a run closed as interrupted after its
process died has none)."""


@dataclass(frozen=True)
class SourceStatus:
    """One source's crawl state as last recorded."""

    id: str
    name: str
    last_run_at: datetime | None
    last_status: str | None
    consecutive_errors: int
    last_error: str | None
    last_crawl: dict[str, Any] | None = None
    """The ledger of the source's last recorded crawl (``entries``, ``new``, ``updated``,
    ``known``, ``skipped`` and ``failed`` by reason, ``warnings``); None before the first."""
    failed_pages: list[dict[str, str]] | None = None
    """That crawl's failed pages: ``url``, ``reason``, ``detail``."""

    @property
    def page_errors(self) -> int:
        """Entries that failed in the last crawl."""
        return sum((self.last_crawl or {}).get("failed", {}).values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the datetime as an ISO 8601 string."""
        data = asdict(self)
        data.pop("failed_pages")
        data["last_run_at"] = self.last_run_at.isoformat() if self.last_run_at else None
        return data


@dataclass(frozen=True)
class StatusSummary:
    """Counts and per-source crawl state for ``sinowatch status``."""

    sources: list[SourceStatus]
    articles: int
    relevant_articles: int
    stories: int
    alerts: int
    deliveries: dict[str, int]
    """Delivery count per status present in the outbox (e.g. pending, sent, dead)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: datetimes as ISO 8601 strings."""
        return {**asdict(self), "sources": [source.to_dict() for source in self.sources]}


def status_summary(session: Session) -> StatusSummary:
    """Read the whole summary in one session (a handful of small aggregate queries)."""
    sources = [
        SourceStatus(
            id=row.id,
            name=row.name,
            last_run_at=row.last_run_at,
            last_status=row.last_status,
            consecutive_errors=row.consecutive_errors or 0,
            last_error=row.last_error,
            **last_ledger(session, row.id),
        )
        for row in session.scalars(select(Source).order_by(Source.id))
    ]
    deliveries = {
        status: count
        for status, count in session.execute(
            select(Delivery.status, func.count())
            .group_by(Delivery.status)
            .order_by(Delivery.status)
        )
    }
    return StatusSummary(
        sources=sources,
        articles=_count(session, select(func.count()).select_from(Article)),
        relevant_articles=_count(session, select(func.count()).where(Article.relevant.is_(True))),
        stories=_count(session, select(func.count()).select_from(Story)),
        alerts=_count(session, select(func.count()).select_from(Alert)),
        deliveries=deliveries,
    )


def last_ledger(session: Session, source_id: str) -> dict[str, Any]:
    """``last_crawl`` and ``failed_pages`` of the source's last finished run with a ledger."""
    runs = session.scalars(
        select(CrawlRun.details)
        .where(CrawlRun.source_id == source_id, CrawlRun.finished_at.isnot(None))
        .order_by(CrawlRun.id.desc())
        .limit(RUNS_LOOKED_AT)
    )
    for details in runs:
        if details and "ledger" in details:
            return {
                "last_crawl": details["ledger"],
                "failed_pages": list(details.get("failed_pages") or []),
            }
    return {}


def _count(session: Session, statement: Any) -> int:
    return session.scalar(statement) or 0


def recent_stories(
    session: Session,
    *,
    since: datetime,
    min_outlets: int = 1,
    limit: int = 50,
    relevant: bool = False,
) -> list[Story]:
    """Stories seen since ``since`` carried by at least ``min_outlets`` outlets, latest first
    (``relevant``: only stories with at least one China–U.S. relevant article).

    With ``min_outlets`` ≥ 2 the query repeats the partial index's condition word for word, so
    both engines walk ``ix_stories_multi_outlet_last_seen`` (only multi-outlet stories, newest
    first) instead of every recent story.
    """
    query = select(Story).where(Story.last_seen >= since)
    if min_outlets > 1:
        query = query.where(
            text(MULTI_OUTLET), func.json_array_length(Story.outlets) >= min_outlets
        )
    if relevant:
        query = query.where(
            select(Article.id).where(Article.story_id == Story.id, Article.relevant).exists()
        )
    query = query.order_by(Story.last_seen.desc(), Story.id.desc()).limit(limit)
    return list(session.scalars(query))
