"""Queries on ``alerts``: one row per watchlist and story."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypedDict, Unpack

from sqlalchemy.orm import Session

from alerts.storage.tables import Alert
from crawler.storage import sql


class NewAlert(TypedDict):
    """The values of a new alert (``created_at`` aside), as keywords of :func:`insert`."""

    watchlist: str
    story_id: int
    article_id: int
    title: str | None
    hits: list[dict[str, Any]]


def insert(session: Session, *, now: datetime, **alert: Unpack[NewAlert]) -> int | None:
    """Insert an alert unless the watchlist has one on the story (``ON CONFLICT DO NOTHING`` on
    ``(watchlist, story_id)``, so even a concurrent writer cannot add a second): its id, or None.

    Raises TypeError unless ``alert`` has exactly the values of :class:`NewAlert`.
    """
    if alert.keys() != NewAlert.__required_keys__:
        raise TypeError(f"insert() takes the values {sorted(NewAlert.__required_keys__)}")
    return session.execute(
        sql.insert(session, Alert)
        .values(**alert, created_at=now)
        .on_conflict_do_nothing(index_elements=["watchlist", "story_id"])
        .returning(Alert.id)
    ).scalar_one_or_none()
