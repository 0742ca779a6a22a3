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
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, Unpack

from alerts.storage import alerts, deliveries
from alerts.storage.alerts import NewAlert
from alerts.storage.deliveries import DeliveryStatus

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from crawler.db import Database

P = ParamSpec("P")
R = TypeVar("R")

STATUSES: tuple[DeliveryStatus, ...] = ("pending", "sent", "dead")


def new_idempotency_key() -> str:
    """A key that names one delivery for its whole life (``webhook-id``, ``Message-ID``)."""
    return f"swd_{uuid.uuid4().hex}"


def in_transaction(
    query: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Database, P], R]:
    """``query`` (a :mod:`alerts.storage` function) run in a write transaction of its own."""

    def run(database: Database, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with database.transaction() as session:
            return query(session, *args, **kwargs)

    return run


def create_alert(
    session: Session,
    *,
    channels: Sequence[tuple[str, str]],
    now: datetime,
    **alert: Unpack[NewAlert],
) -> int | None:
    """Insert an alert and one delivery per ``(channel, mode)``; None when the story has one.

    A second copy of a story, even one stored concurrently by another crawl, never creates a
    second alert (:func:`alerts.storage.alerts.insert`).
    """
    alert_id = alerts.insert(session, now=now, **alert)
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


claim = in_transaction(deliveries.claim)
"""Claim due deliveries for a lease: :func:`alerts.storage.deliveries.claim` on a database."""
load = deliveries.with_alerts


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


list_deliveries = deliveries.latest


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
