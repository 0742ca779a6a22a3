"""Queries on ``sources`` (one row per configured source, with its crawl health) and their HTTP
validators (``fetch_states``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from crawler.storage.tables import FetchState, Source


def upsert(session: Session, sources: Sequence[tuple[str, str, str]]) -> None:
    """Create or update the rows of ``(id, name, kind)`` (name and kind follow the caller)."""
    ids = [source_id for source_id, _, _ in sources]
    existing = {row.id: row for row in session.scalars(select(Source).where(Source.id.in_(ids)))}
    for source_id, name, kind in sources:
        row = existing.get(source_id)
        if row is None:
            session.add(Source(id=source_id, name=name, kind=kind))
        else:
            row.name = name
            row.kind = kind
    session.flush()


def get(session: Session, source_id: str) -> Source | None:
    return session.get(Source, source_id)


def every(session: Session) -> list[Source]:
    """Every source row, by id."""
    return list(session.scalars(select(Source).order_by(Source.id)))


def baseline_done(session: Session, source_id: str) -> bool:
    return bool(session.scalar(select(Source.baseline_done).where(Source.id == source_id)))


def claim(session: Session, source_id: str, *, now: datetime, last_run_before: datetime) -> bool:
    """Move ``last_run_at`` to ``now`` if it is unset or at most ``last_run_before``, in one
    conditional UPDATE; whether this call moved it."""
    result = session.execute(
        update(Source)
        .where(Source.id == source_id)
        .where(Source.last_run_at.is_(None) | (Source.last_run_at <= last_run_before))
        .values(last_run_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def record_run_start(session: Session, source_id: str, started: datetime) -> None:
    """``last_run_at`` becomes ``started`` unless it is already later (a claim set it)."""
    session.execute(
        update(Source)
        .where(Source.id == source_id)
        .where(Source.last_run_at.is_(None) | (Source.last_run_at < started))
        .values(last_run_at=started)
        .execution_options(synchronize_session=False)
    )


def last_run_times(session: Session) -> dict[str, datetime]:
    """``last_run_at`` of every source crawled at least once."""
    rows = session.execute(
        select(Source.id, Source.last_run_at).where(Source.last_run_at.isnot(None))
    )
    return {source_id: last_run for source_id, last_run in rows}


def fetch_state(session: Session, source_id: str, url: str) -> FetchState | None:
    """The validators row of one URL of a source."""
    return session.get(FetchState, (source_id, url))


def save_fetch_state(
    session: Session, source_id: str, url: str, *, etag: str | None, last_modified: str | None
) -> None:
    """Insert or overwrite the validators row of one URL of a source."""
    state = fetch_state(session, source_id, url)
    if state is None:
        session.add(
            FetchState(source_id=source_id, url=url, etag=etag, last_modified=last_modified)
        )
    else:
        state.etag = etag
        state.last_modified = last_modified
    session.flush()
