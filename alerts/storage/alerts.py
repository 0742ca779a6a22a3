"""Queries on ``alerts``: one row per watchlist and story."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from alerts.storage.tables import Alert
from crawler.storage import sql


def insert(
    session: Session,
    *,
    watchlist: str,
    story_id: int,
    article_id: int,
    title: str | None,
    hits: list[dict[str, Any]],
    now: datetime,
) -> int | None:
    """Insert an alert unless the watchlist has one on the story (``ON CONFLICT DO NOTHING`` on
    ``(watchlist, story_id)``, so even a concurrent writer cannot add a second): its id, or None.
    """
    return session.execute(
        sql.insert(session, Alert)
        .values(
            watchlist=watchlist,
            story_id=story_id,
            article_id=article_id,
            title=title,
            hits=hits,
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["watchlist", "story_id"])
        .returning(Alert.id)
    ).scalar_one_or_none()
