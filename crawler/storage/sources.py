"""Queries on ``sources`` (one row per configured source, with its crawl health) and their HTTP
validators (``fetch_states``)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
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


def claim(
    session: Session,
    source_id: str,
    *,
    now: datetime,
    last_run_before: datetime,
    owner: str | None = None,
    lease_until: datetime | None = None,
) -> bool:
    """Move ``last_run_at`` to ``now`` if it is unset or at most ``last_run_before`` and no other
    process holds a live lease on the source (its crawl still runs), in one conditional UPDATE
    (and lease the source to ``owner`` until ``lease_until``); whether this call moved it."""
    result = session.execute(
        update(Source)
        .where(Source.id == source_id)
        .where(Source.last_run_at.is_(None) | (Source.last_run_at <= last_run_before))
        .where(Source.lease_until.is_(None) | (Source.lease_until < now))
        .values(last_run_at=now, lease_owner=owner, lease_until=lease_until)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def lease_owner(session: Session, source_id: str) -> str | None:
    """The process holding (or last holding, if it ran out) the source's lease, if any."""
    return session.scalar(select(Source.lease_owner).where(Source.id == source_id))


def lease_owners(session: Session) -> set[str]:
    """Every process holding a source lease now (live or not)."""
    return set(session.scalars(select(Source.lease_owner).where(Source.lease_owner.isnot(None))))


def take_expired_leases(
    session: Session,
    source_ids: Sequence[str],
    *,
    now: datetime,
    owner: str,
    lease_until: datetime,
    dead_owners: Collection[str] = (),
) -> list[str]:
    """Lease to ``owner`` those of ``source_ids`` whose lease ran out before ``now`` (their owner
    stopped renewing it) or is held by one of ``dead_owners``, claiming their run as
    :func:`claim` does; the ids taken.

    One conditional UPDATE: of several processes racing for one source, PostgreSQL re-checks the
    condition on the row the winner committed, so exactly one takes it.
    """
    if not source_ids:
        return []
    lost = Source.lease_until < now
    if dead_owners:
        lost = lost | Source.lease_owner.in_(list(dead_owners))
    rows = session.execute(
        update(Source)
        .where(Source.id.in_(list(source_ids)), lost)
        .values(last_run_at=now, lease_owner=owner, lease_until=lease_until)
        .returning(Source.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(rows.scalars())


def renew_leases(session: Session, *, owner: str, lease_until: datetime) -> int:
    """Extend every lease ``owner`` holds to ``lease_until``; how many it holds."""
    result = session.execute(
        update(Source)
        .where(Source.lease_owner == owner)
        .values(lease_until=lease_until)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def release_lease(session: Session, source_id: str, *, owner: str) -> None:
    """End ``owner``'s lease on the source (its crawl is over), if it still holds it."""
    session.execute(
        update(Source)
        .where(Source.id == source_id, Source.lease_owner == owner)
        .values(lease_owner=None, lease_until=None)
        .execution_options(synchronize_session=False)
    )


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
