"""Queries on ``entry_retries``: entries whose page failed, waiting for a retry or given up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crawler.storage.tables import EntryRetry

DELETE_CHUNK = 500
"""URLs per DELETE (SQLite caps bound parameters)."""


def waiting(session: Session, source_id: str) -> list[EntryRetry]:
    """The source's failed entries not given up yet."""
    return list(
        session.scalars(
            select(EntryRetry).where(
                EntryRetry.source_id == source_id, EntryRetry.given_up_at.is_(None)
            )
        )
    )


def latest(session: Session, source_id: str, *, limit: int) -> list[EntryRetry]:
    """The source's failed entries, latest first: waiting for a retry or given up."""
    query = (
        select(EntryRetry)
        .where(EntryRetry.source_id == source_id)
        .order_by(EntryRetry.first_failed_at.desc(), EntryRetry.url)
        .limit(limit)
    )
    return list(session.scalars(query))


def forget(session: Session, source_id: str, urls: Sequence[str]) -> None:
    """Delete the retries of these URLs of the source."""
    for start in range(0, len(urls), DELETE_CHUNK):
        session.execute(
            delete(EntryRetry).where(
                EntryRetry.source_id == source_id,
                EntryRetry.url.in_(urls[start : start + DELETE_CHUNK]),
            ),
            execution_options={"synchronize_session": False},
        )


def save(
    session: Session, source_id: str, url: str, *, first_failed_at: datetime, **values: Any
) -> None:
    """Insert the retry of one URL (first failed at ``first_failed_at``) or overwrite its
    ``values``; the first failure time of an existing row stays."""
    row = session.get(EntryRetry, (source_id, url))
    if row is None:
        row = EntryRetry(source_id=source_id, url=url, first_failed_at=first_failed_at)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
