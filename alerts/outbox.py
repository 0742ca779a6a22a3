"""The persistent outbox: every query on alerts and deliveries (nobody else writes this SQL).

A delivery is one alert to one channel. Its life: ``pending`` → claimed by a dispatcher for a
lease (``claimed_until``/``claimed_by``, one ``attempts`` more) → ``sent``, back to ``pending``
with a later ``next_attempt_at``, or ``dead`` with ``last_error``. ``attempts`` and ``last_error``
are history: a manual retry (:func:`requeue`) keeps counting attempts and only moves
``attempts_at_retry`` (``max_attempts`` counts from there), and a success keeps the last error.
A dispatcher that dies holding a lease loses it when the lease expires; the delivery is then
claimed again and sent with the same ``idempotency_key``, so the receiver can drop the repeat.

Claiming is safe with several dispatchers: PostgreSQL uses ``SELECT … FOR UPDATE SKIP LOCKED``;
SQLite (one writer at a time) uses a single conditional ``UPDATE … RETURNING`` whose WHERE clause
re-checks the lease, so two dispatchers never both claim a row.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.orm import selectinload

from crawler.models import Alert, Delivery

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.db import Database

DeliveryStatus = Literal["pending", "sent", "dead"]
STATUSES: tuple[DeliveryStatus, ...] = ("pending", "sent", "dead")


def new_idempotency_key() -> str:
    """A key that names one delivery for its whole life (``webhook-id``, ``Message-ID``)."""
    return f"swd_{uuid.uuid4().hex}"


def create_alert(
    session: Session,
    *,
    watchlist: str,
    story_id: int,
    article_id: int,
    title: str | None,
    hits: list[dict[str, Any]],
    channels: Sequence[tuple[str, str]],
    now: datetime,
) -> int | None:
    """Insert an alert and one delivery per ``(channel, mode)``; None when the story has one.

    ``ON CONFLICT DO NOTHING`` on ``(watchlist, story_id)``: a second copy of a story, even one
    stored concurrently by another crawl, never creates a second alert.
    """
    insert = _insert_for(session)
    alert_id = session.execute(
        insert(Alert)
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
    if alert_id is None:
        return None
    if channels:
        session.execute(
            insert(Delivery),
            [
                {
                    "alert_id": alert_id,
                    "channel": channel,
                    "mode": mode,
                    "status": "pending",
                    "attempts": 0,
                    "attempts_at_retry": 0,
                    "next_attempt_at": now,
                    "idempotency_key": new_idempotency_key(),
                    "created_at": now,
                }
                for channel, mode in channels
            ],
        )
    return alert_id


def claim(
    database: Database,
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    mode: str = "instant",
    channel: str | None = None,
    skip_channels: Collection[str] = (),
) -> list[int]:
    """Claim up to ``limit`` due deliveries for ``lease``; returns the ids this worker now holds.

    ``skip_channels``: channels whose deliveries are left for later (this worker is still busy
    sending to them).
    """
    due = _due(now, mode, channel)
    if skip_channels:
        due = and_(due, Delivery.channel.not_in(list(skip_channels)))
    claimed = {
        "claimed_until": now + lease,
        "claimed_by": worker_id,
        "attempts": Delivery.attempts + 1,
    }
    order = (Delivery.next_attempt_at, Delivery.id)
    with database.transaction() as session:
        if database.dialect == "postgresql":
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


def load(session: Session, ids: Sequence[int]) -> list[Delivery]:
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


def mark_sent(database: Database, ids: Sequence[int], *, now: datetime) -> None:
    """Record success; ``last_error`` stays (why earlier attempts failed)."""
    _finish(database, ids, status="sent", sent_at=now)


def mark_dead(database: Database, ids: Sequence[int], *, reason: str) -> None:
    _finish(database, ids, status="dead", last_error=reason)


def mark_retry(
    database: Database,
    ids: Sequence[int],
    *,
    worker_id: str,
    next_attempt_at: datetime,
    error: str,
) -> None:
    """Release a failed claim: the delivery stays pending until ``next_attempt_at``."""
    with database.transaction() as session:
        session.execute(
            update(Delivery)
            .where(
                Delivery.id.in_(ids),
                Delivery.status == "pending",
                Delivery.claimed_by == worker_id,
            )
            .values(next_attempt_at=next_attempt_at, claimed_until=None, last_error=error)
            .execution_options(synchronize_session=False)
        )


def list_deliveries(
    session: Session, *, status: DeliveryStatus | None = None, limit: int = 50
) -> list[Delivery]:
    """The latest deliveries (newest first), with their alerts."""
    query = select(Delivery).options(selectinload(Delivery.alert))
    if status is not None:
        query = query.where(Delivery.status == status)
    return list(session.scalars(query.order_by(Delivery.id.desc()).limit(limit)))


def requeue(
    database: Database, *, now: datetime, ids: Sequence[int] = (), dead: bool = False
) -> int:
    """Make deliveries due again: ``ids``, or every dead one.

    ``attempts`` keeps counting and ``last_error`` stays; ``attempts_at_retry`` moves to the
    current count, which gives the delivery a fresh ``max_attempts`` allowance.
    """
    if not ids and not dead:
        return 0
    where = (
        Delivery.status == "dead" if dead else and_(Delivery.id.in_(ids), Delivery.status != "sent")
    )
    with database.transaction() as session:
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
        return result.rowcount or 0


def _finish(database: Database, ids: Sequence[int], **values: Any) -> None:
    if not ids:
        return
    with database.transaction() as session:
        session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids), Delivery.status == "pending")
            .values(claimed_until=None, **values)
            .execution_options(synchronize_session=False)
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


def _insert_for(session: Session):  # type: ignore[no-untyped-def]
    """The dialect's INSERT construct (both have ``on_conflict_do_nothing``)."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert
