"""Queries on ``crawl_runs``: one row per crawl of a source, its ledger in ``details``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from crawler.storage.tables import CrawlRun


def add(session: Session, source_id: str, *, started: datetime, details: dict[str, Any]) -> int:
    """Insert a ``running`` run; returns its id."""
    run = CrawlRun(source_id=source_id, started_at=started, status="running", details=details)
    session.add(run)
    session.flush()
    return run.id


def get(session: Session, run_id: int) -> CrawlRun | None:
    return session.get(CrawlRun, run_id)


def running(session: Session, source_ids: Iterable[str]) -> list[CrawlRun]:
    """The runs of these sources still marked ``running``."""
    query = select(CrawlRun).where(
        CrawlRun.status == "running", CrawlRun.source_id.in_(list(source_ids))
    )
    return list(session.scalars(query))


def latest_finished_details(session: Session, source_id: str, *, limit: int) -> list[Any]:
    """``details`` of the source's last ``limit`` finished runs, newest first."""
    return list(
        session.scalars(
            select(CrawlRun.details)
            .where(CrawlRun.source_id == source_id, CrawlRun.finished_at.isnot(None))
            .order_by(CrawlRun.id.desc())
            .limit(limit)
        )
    )


def delete_started_before(session: Session, cutoff: datetime, *, limit: int) -> int:
    """Delete up to ``limit`` runs started before ``cutoff``; returns how many went."""
    ids = list(
        session.scalars(select(CrawlRun.id).where(CrawlRun.started_at < cutoff).limit(limit))
    )
    if ids:
        session.execute(
            delete(CrawlRun).where(CrawlRun.id.in_(ids)),
            execution_options={"synchronize_session": False},
        )
    return len(ids)
