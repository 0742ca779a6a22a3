"""Stored articles as the matcher reads them: what ``sinowatch query`` matches its rules against."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from alerts.hits import ArticleText
from crawler.storage import articles

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


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
    return [
        StoredArticle(
            row.id,
            row.url,
            row.outlet,
            row.first_seen,
            ArticleText(row.title or "", row.text or "", tuple(row.authors or ())),
            row.story_id,
        )
        for row in articles.first_seen_since(session, since, limit=limit)
    ]
