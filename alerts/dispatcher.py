"""The dispatcher: claims due deliveries from the outbox, sends them, records the outcome.

Settings: ``channels.<name>`` (``max_attempts``, ``max_age``, ``mode``, plus each channel's own).

- sent → ``sent``;
- :class:`~alerts.channels.TransientError` → retried at exponential backoff with full jitter,
  never sooner than the receiver's ``Retry-After``;
- :class:`~alerts.channels.PermanentError`, ``max_attempts`` reached, an instant delivery older
  than ``max_age``, or a channel no longer configured → ``dead`` with the reason
  (``sinowatch alerts retry`` revives it).

Several dispatchers (processes or hosts on one PostgreSQL) can run at once: each claim is leased
(:mod:`alerts.outbox`). A dispatcher that dies after sending but before recording loses its lease;
the delivery is then sent again with the same idempotency key.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import random
import socket
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from alerts import outbox
from alerts.channels import ChannelClient, DeliveryError, build_client
from alerts.payload import alert_view
from crawler.models import utcnow

if TYPE_CHECKING:
    from alerts.payload import AlertView
    from crawler.db import Database
    from crawler.models import Delivery
    from sinowatch.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Backoff:
    """Retry delays: ``base * 2**(attempt-1)`` capped at ``cap``, with full jitter above half."""

    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)

    def delay(self, attempt: int, retry_after: float | None = None) -> timedelta:
        ceiling = min(self.cap.total_seconds(), self.base.total_seconds() * 2 ** (attempt - 1))
        seconds = random.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            seconds = max(seconds, retry_after)
        return timedelta(seconds=seconds)


@dataclass(slots=True)
class DispatchStats:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)
    next_retry_at: datetime | None = None
    """The earliest retry this round scheduled (None when it scheduled none)."""
    sent_ids: list[int] = field(default_factory=list, repr=False)
    """Sent but not yet recorded (recorded together at the end of the round)."""


class Dispatcher:
    """Sends the outbox. ``wake()`` after committing alerts; ``run_forever`` waits on it."""

    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        worker_id: str | None = None,
        backoff: Backoff | None = None,
        lease: timedelta = timedelta(minutes=2),
        now: Callable[[], datetime] | None = None,
        concurrency: int = 8,
    ) -> None:
        self.database = database
        self.settings = settings
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.backoff = backoff or Backoff()
        self.lease = lease
        self._now = now or utcnow
        self.concurrency = concurrency
        """At most this many sends in flight per channel (be gentle with receivers)."""
        self._clients: dict[str, ChannelClient] = {}
        self._clients_loop: asyncio.AbstractEventLoop | None = None
        self._woken = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    async def run_once(self, limit: int = 100) -> DispatchStats:
        """Claim up to ``limit`` due instant deliveries and send them concurrently."""
        now = self._now()
        ids = await asyncio.to_thread(
            outbox.claim,
            self.database,
            worker_id=self.worker_id,
            now=now,
            lease=self.lease,
            limit=limit,
        )
        stats = DispatchStats(claimed=len(ids))
        if not ids:
            return stats
        jobs = await asyncio.to_thread(self._load, ids)
        limits: dict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(self.concurrency)
        )

        async def deliver(delivery: Delivery, views: list[AlertView]) -> None:
            async with limits[delivery.channel]:
                await self._deliver([delivery], views, delivery.idempotency_key, stats)

        try:
            await asyncio.gather(*(deliver(delivery, views) for delivery, views in jobs))
        finally:
            await self._record_sent(stats)
        return stats

    async def send_digests(self, channel: str) -> int:
        """Send every pending digest delivery of ``channel`` as one message; returns alerts sent."""
        ids = await asyncio.to_thread(
            outbox.claim,
            self.database,
            worker_id=self.worker_id,
            now=self._now(),
            lease=self.lease,
            limit=10_000,
            mode="digest",
            channel=channel,
        )
        if not ids:
            return 0
        jobs = await asyncio.to_thread(self._load, ids)
        deliveries = [delivery for delivery, _ in jobs]
        views = [view for _, group in jobs for view in group]
        stats = DispatchStats(claimed=len(ids))
        try:
            await self._deliver(deliveries, views, digest_key(deliveries), stats)
        finally:
            await self._record_sent(stats)
        return len(views) if stats.sent else 0

    def wake(self) -> None:
        """Ask ``run_forever`` to dispatch now (safe to call from any thread)."""
        loop = self._loop
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if loop is None or running is loop:
            self._woken.set()
        elif not loop.is_closed():
            loop.call_soon_threadsafe(self._woken.set)

    async def run_forever(self, stop: asyncio.Event, poll_interval: float = 5.0) -> None:
        """Dispatch until ``stop`` is set: right after ``wake()``, else every ``poll_interval``."""
        self._loop = asyncio.get_running_loop()
        limit = 100
        try:
            while not stop.is_set():
                self._woken.clear()
                try:
                    stats = await self.run_once(limit)
                except Exception:  # keep serving: the database may be back next time
                    log.exception("dispatch failed; retrying in %.1fs", poll_interval)
                    stats = DispatchStats()
                if stats.claimed >= limit:
                    continue
                await _wait_any(stop, self._woken, poll_interval)
        finally:
            await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients = self._clients, {}
        for client in clients.values():
            await client.aclose()

    def _load(self, ids: Sequence[int]) -> list[tuple[Delivery, list[AlertView]]]:
        with self.database.session() as session:
            jobs = []
            for delivery in outbox.load(session, ids):
                try:
                    jobs.append((delivery, [alert_view(session, delivery.alert)]))
                except LookupError as exc:
                    jobs.append((delivery, []))
                    log.warning("delivery %d: %s", delivery.id, exc)
            return jobs

    async def _deliver(
        self,
        deliveries: list[Delivery],
        views: list[AlertView],
        key: str,
        stats: DispatchStats,
    ) -> None:
        """Send ``views`` as one message (a digest when several) and record the outcome."""
        first = deliveries[0]
        ids = [delivery.id for delivery in deliveries]
        channel = self.settings.channels.get(first.channel)
        now = self._now()
        reason = None
        if channel is None:
            reason = f"channel {first.channel!r} is no longer configured"
        elif not views:
            reason = "its alert, article or story was deleted"
        elif first.mode == "instant" and now - first.created_at > channel.max_age:
            reason = (
                f"too old: created {first.created_at:%Y-%m-%d %H:%M} UTC, max_age {channel.max_age}"
            )
        if reason is not None:
            await self._record_dead(deliveries, reason, stats)
            return
        try:
            client = self._client(first.channel)
            if first.mode == "digest":
                await client.send_digest(views, key=key)
            else:
                await client.send(views[0], key=key)
        except (DeliveryError, ValueError) as exc:
            await self._record_failure(deliveries, exc, stats)
            return
        stats.sent_ids.extend(ids)
        log.info(
            "%s sent via %s (%s)",
            describe(deliveries),
            first.channel,
            key,
            extra=_delivery_fields(deliveries, "sent", key=key),
        )

    async def _record_failure(
        self, deliveries: list[Delivery], exc: Exception, stats: DispatchStats
    ) -> None:
        first = deliveries[0]
        ids = [delivery.id for delivery in deliveries]
        channel = self.settings.channels[first.channel]
        attempts = first.attempts  # the claim already counted this attempt
        since_retry = attempts - first.attempts_at_retry  # `alerts retry` re-arms the allowance
        error = f"attempt {attempts}: {exc}"
        stats.errors.append(error)
        permanent = not isinstance(exc, DeliveryError) or exc.permanent
        if permanent:
            await self._record_dead(deliveries, error, stats)
        elif since_retry >= channel.max_attempts:
            await self._record_dead(
                deliveries, f"{error} (gave up after max_attempts {since_retry})", stats
            )
        else:
            retry_after = exc.retry_after if isinstance(exc, DeliveryError) else None
            when = self._now() + self.backoff.delay(since_retry, retry_after)
            await asyncio.to_thread(
                outbox.mark_retry,
                self.database,
                ids,
                worker_id=self.worker_id,
                next_attempt_at=when,
                error=error,
            )
            stats.retried += len(ids)
            stats.next_retry_at = min(when, stats.next_retry_at or when)
            log.warning(
                "%s via %s failed, retry at %s: %s",
                describe(deliveries),
                first.channel,
                when.isoformat(timespec="seconds"),
                exc,
                extra=_delivery_fields(deliveries, "retry", error=str(exc)),
            )

    async def _record_sent(self, stats: DispatchStats) -> None:
        """One transaction for a round's successes (a crash before it means resends, same key)."""
        if stats.sent_ids:
            await asyncio.to_thread(
                outbox.mark_sent, self.database, stats.sent_ids, now=self._now()
            )
            stats.sent += len(stats.sent_ids)
            stats.sent_ids.clear()

    async def _record_dead(
        self, deliveries: list[Delivery], reason: str, stats: DispatchStats
    ) -> None:
        ids = [delivery.id for delivery in deliveries]
        await asyncio.to_thread(outbox.mark_dead, self.database, ids, reason=reason)
        stats.dead += len(ids)
        log.error(
            "%s via %s dead: %s",
            describe(deliveries),
            deliveries[0].channel,
            reason,
            extra=_delivery_fields(deliveries, "dead", error=reason),
        )

    def _client(self, name: str) -> ChannelClient:
        loop = asyncio.get_running_loop()
        if loop is not self._clients_loop:  # pooled connections belong to their event loop
            self._clients, self._clients_loop = {}, loop
        client = self._clients.get(name)
        if client is None:
            client = self._clients[name] = build_client(name, self.settings.channels[name])
        return client


def digest_key(deliveries: Sequence[Delivery]) -> str:
    """One key for a digest message: the same set of deliveries always gets the same key."""
    keys = "\n".join(sorted(delivery.idempotency_key for delivery in deliveries))
    return "swg_" + hashlib.sha256(keys.encode()).hexdigest()[:32]


async def _wait_any(stop: asyncio.Event, woken: asyncio.Event, timeout: float) -> None:
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(woken.wait())]
    try:
        await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def describe(deliveries: Sequence[Delivery]) -> str:
    """``delivery 3 (alert 1)``: the delivery ids ``alerts retry`` takes, with their alerts."""
    if len(deliveries) == 1:
        return f"delivery {deliveries[0].id} (alert {deliveries[0].alert_id})"
    ids = ", ".join(str(delivery.id) for delivery in deliveries)
    alerts = ", ".join(str(delivery.alert_id) for delivery in deliveries)
    return f"deliveries {ids} (alerts {alerts})"


def _delivery_fields(
    deliveries: Sequence[Delivery], result: str, **more: object
) -> dict[str, object]:
    """The structured fields of a delivery log line (keys of ``--log-format json``)."""
    return {
        "event": "delivery",
        "result": result,
        "channel": deliveries[0].channel,
        "alerts": [delivery.alert_id for delivery in deliveries],
        "deliveries": [delivery.id for delivery in deliveries],
        **more,
    }
