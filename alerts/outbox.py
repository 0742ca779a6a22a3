"""The persistent outbox: alerts and their deliveries (the queries are :mod:`alerts.storage`'s).

A delivery is one alert to one channel. Its life: ``pending`` → claimed by a dispatcher for a
lease (``claimed_until``/``claimed_by``, one ``attempts`` more) → ``sent``, back to ``pending``
with a later ``next_attempt_at``, or ``dead`` with ``last_error``. ``attempts`` and ``last_error``
are history: a manual retry (:func:`requeue`) keeps counting attempts and only moves
``attempts_at_retry`` (``max_attempts`` counts from there), and a success keeps the last error.
A dispatcher that dies holding a lease loses it when the lease expires; the delivery is then
claimed again and sent with the same ``idempotency_key``, so the receiver can drop the repeat.

Claiming is safe with several dispatchers (:func:`alerts.storage.deliveries.claim`).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from alerts.storage import alerts, deliveries

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from alerts.storage.tables import Delivery
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

    A second copy of a story, even one stored concurrently by another crawl, never creates a
    second alert (:func:`alerts.storage.alerts.insert`).
    """
    alert_id = alerts.insert(
        session,
        watchlist=watchlist,
        story_id=story_id,
        article_id=article_id,
        title=title,
        hits=hits,
        now=now,
    )
    if alert_id is None:
        return None
    deliveries.insert_many(
        session,
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
    with database.transaction() as session:
        return deliveries.claim(
            session,
            worker_id=worker_id,
            now=now,
            lease=lease,
            limit=limit,
            mode=mode,
            channel=channel,
            skip_channels=skip_channels,
        )


def load(session: Session, ids: Sequence[int]) -> list[Delivery]:
    """The deliveries ``ids`` with their alerts, in id order."""
    return deliveries.with_alerts(session, ids)


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
        deliveries.release(
            session, ids, worker_id=worker_id, next_attempt_at=next_attempt_at, last_error=error
        )


def list_deliveries(
    session: Session, *, status: DeliveryStatus | None = None, limit: int = 50
) -> list[Delivery]:
    """The latest deliveries (newest first), with their alerts."""
    return deliveries.latest(session, status=status, limit=limit)


def requeue(
    database: Database, *, now: datetime, ids: Sequence[int] = (), dead: bool = False
) -> int:
    """Make deliveries due again: ``ids``, or every dead one.

    ``attempts`` keeps counting and ``last_error`` stays; ``attempts_at_retry`` moves to the
    current count, which gives the delivery a fresh ``max_attempts`` allowance.
    """
    if not ids and not dead:
        return 0
    with database.transaction() as session:
        return deliveries.rearm(session, now=now, ids=ids, dead=dead)


def _finish(database: Database, ids: Sequence[int], **values: Any) -> None:
    if not ids:
        return
    with database.transaction() as session:
        deliveries.finish(session, ids, **values)
