"""Queries on ``deliveries``: the outbox, one row per alert and channel.

Claiming is safe with several dispatchers: PostgreSQL uses ``SELECT … FOR UPDATE SKIP LOCKED``;
SQLite (one writer at a time) uses a single conditional ``UPDATE … RETURNING`` whose WHERE clause
re-checks the lease, so two dispatchers never both claim a row.

On PostgreSQL, inserting deliveries also sends a ``NOTIFY`` on :data:`CHANNEL` (delivered when,
and only if, the transaction commits): every dispatcher listening (:func:`listen`), on any host,
wakes at once instead of at its next poll.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import ColumnElement, and_, func, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

from alerts.storage.tables import Delivery

if TYPE_CHECKING:
    from crawler.db import Database

log = logging.getLogger(__name__)

CHANNEL = "sinowatch_deliveries"
"""The PostgreSQL notification channel of new deliveries."""
RECONNECT_S = 5.0


def insert_many(session: Session, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert deliveries, one mapping of column values each."""
    if rows:
        session.execute(insert(Delivery), list(rows))
        if session.get_bind().dialect.name == "postgresql":
            session.execute(select(func.pg_notify(CHANNEL, "")))


async def listen(database: Database, wake: Callable[[], None], stop: asyncio.Event) -> None:
    """PostgreSQL: call ``wake()`` on each commit that inserted deliveries, from any process on
    any host, until ``stop`` is set. A lost connection is retried every :data:`RECONNECT_S`
    (the dispatcher's poll covers the gap). Other databases: returns at once.
    """
    if database.dialect != "postgresql":
        return
    import psycopg  # the PostgreSQL driver: installed wherever PostgreSQL is used

    conninfo = database.engine.url.set(drivername="postgresql").render_as_string(
        hide_password=False
    )
    while not stop.is_set():
        try:
            async with await psycopg.AsyncConnection.connect(conninfo, autocommit=True) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                wake()  # deliveries committed while this was not listening
                while not stop.is_set():
                    async for _ in conn.notifies(timeout=1.0):
                        wake()
        except psycopg.Error as exc:
            log.warning("listening for new deliveries failed (%s); retrying", exc.sqlstate or exc)
            try:
                await asyncio.wait_for(stop.wait(), timeout=RECONNECT_S)
            except TimeoutError:
                continue


def claim(
    session: Session,
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    mode: str = "instant",
    channel: str | None = None,
    skip_channels: Collection[str] = (),
) -> list[int]:
    """Lease up to ``limit`` due deliveries of ``mode`` (and ``channel``, if given; none of
    ``skip_channels``, whose deliveries the worker leaves for later while it is still busy
    sending to them) to ``worker_id``, counting one attempt more; the ids claimed."""
    due = _due(now, mode, channel)
    if skip_channels:
        due = and_(due, Delivery.channel.not_in(list(skip_channels)))
    claimed = {
        "claimed_until": now + lease,
        "claimed_by": worker_id,
        "attempts": Delivery.attempts + 1,
    }
    order = (Delivery.next_attempt_at, Delivery.id)
    if session.get_bind().dialect.name == "postgresql":
        ids = list(
            session.scalars(
                select(Delivery.id)
                .where(due)
                .order_by(*order)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            session.execute(
                update(Delivery)
                .where(Delivery.id.in_(ids))
                .values(**claimed)
                .execution_options(synchronize_session=False)
            )
        return ids
    candidates = select(Delivery.id).where(due).order_by(*order).limit(limit)
    return list(
        session.scalars(
            update(Delivery)
            .where(Delivery.id.in_(candidates.scalar_subquery()), due)
            .values(**claimed)
            .returning(Delivery.id)
            .execution_options(synchronize_session=False)
        )
    )


def _due(now: datetime, mode: str, channel: str | None) -> ColumnElement[bool]:
    conditions = [
        Delivery.status == "pending",
        Delivery.mode == mode,
        Delivery.next_attempt_at <= now,
        or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
    ]
    if channel is not None:
        conditions.append(Delivery.channel == channel)
    return and_(*conditions)


def with_alerts(session: Session, ids: Sequence[int]) -> list[Delivery]:
    """The deliveries ``ids`` with their alerts, in id order."""
    if not ids:
        return []
    return list(
        session.scalars(
            select(Delivery)
            .where(Delivery.id.in_(ids))
            .options(selectinload(Delivery.alert))
            .order_by(Delivery.id)
        )
    )


DeliveryStatus = Literal["pending", "sent", "dead"]


def latest(
    session: Session, *, status: DeliveryStatus | None = None, limit: int = 50
) -> list[Delivery]:
    """The latest deliveries (newest first, of ``status`` if given), with their alerts."""
    query = select(Delivery).options(selectinload(Delivery.alert))
    if status is not None:
        query = query.where(Delivery.status == status)
    return list(session.scalars(query.order_by(Delivery.id.desc()).limit(limit)))


def release(session: Session, ids: Sequence[int], *, worker_id: str, **values: Any) -> None:
    """End ``worker_id``'s lease on those of ``ids`` still pending and set ``values``."""
    session.execute(
        update(Delivery)
        .where(
            Delivery.id.in_(ids),
            Delivery.status == "pending",
            Delivery.claimed_by == worker_id,
        )
        .values(claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )


def finish(session: Session, ids: Sequence[int], **values: Any) -> None:
    """End the lease on those of ``ids`` still pending and set ``values`` (a final status)."""
    session.execute(
        update(Delivery)
        .where(Delivery.id.in_(ids), Delivery.status == "pending")
        .values(claimed_until=None, **values)
        .execution_options(synchronize_session=False)
    )


def rearm(session: Session, *, now: datetime, ids: Sequence[int] = (), dead: bool = False) -> int:
    """Make due at ``now`` the deliveries ``ids`` not sent (or, with ``dead``, every dead one),
    ``attempts_at_retry`` moving to their current ``attempts``; how many."""
    where = (
        Delivery.status == "dead" if dead else and_(Delivery.id.in_(ids), Delivery.status != "sent")
    )
    result = session.execute(
        update(Delivery)
        .where(where)
        .values(
            status="pending",
            attempts_at_retry=Delivery.attempts,
            next_attempt_at=now,
            claimed_until=None,
        )
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0  # type: ignore[attr-defined]
