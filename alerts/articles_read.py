"""Stored articles as the matcher reads them: the storage-side query behind ``sinowatch query``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from alerts.hits import ArticleText
from crawler.models import Article


@dataclass(frozen=True, slots=True)
class StoredArticle:
    id: int
    url: str
    outlet: str | None
    first_seen: datetime
    article: ArticleText
    story_id: int | None = None
    """The story it belongs to: wire copies and syndications of one story share it."""


def recent_articles(session: Session, since: datetime, limit: int) -> list[StoredArticle]:
    """Articles first seen at or after ``since``, newest first, at most ``limit``."""
    rows = session.scalars(
        select(Article)
        .where(Article.first_seen >= since)
        .order_by(Article.first_seen.desc(), Article.id.desc())
        .limit(limit)
    )
    return [
        StoredArticle(
            row.id,
            row.url,
            row.outlet,
            row.first_seen,
            ArticleText(row.title or "", row.text or "", tuple(row.authors or ())),
            row.story_id,
        )
        for row in rows
    ]
