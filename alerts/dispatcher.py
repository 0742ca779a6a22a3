"""The dispatcher: claims due deliveries from the outbox, sends them, records the outcome.

Settings: ``channels.<name>`` (``max_attempts``, ``max_age``, ``mode``, plus each channel's own).

- sent → ``sent``;
- :class:`~alerts.channels.TransientError` → retried at exponential backoff with full jitter,
  never sooner than the receiver's ``Retry-After`` (itself capped at
  :attr:`Backoff.retry_after_cap`, so a receiver cannot park a delivery for years);
- :class:`~alerts.channels.PermanentError`, ``max_attempts`` reached, an instant delivery older
  than ``max_age``, or a channel no longer configured → ``dead`` with the reason
  (``sinowatch alerts retry`` revives it).

Channels are isolated: each round sends every channel's deliveries in a task of its own, and
each send has a deadline (:func:`send_deadline`). Once a send on a channel times out, that
channel's deliveries not yet started in the round are not attempted (retried later with the
reason), so a stuck receiver costs a round about one deadline. ``run_forever`` does not wait for
a round's sends: a channel still sending is skipped by the next claims until it is done, so a
stuck receiver never delays another channel or the next round.

Stored errors and log lines show URLs with their credentials masked
(:func:`crawler.redact.mask_urls`).

Several dispatchers (processes or hosts on one PostgreSQL) can run at once: each claim is leased
(:mod:`alerts.outbox`). A dispatcher that dies after sending but before recording loses its lease;
the delivery is then sent again with the same idempotency key. On PostgreSQL each dispatcher
also listens for the notification the insert of new deliveries sends
(:func:`alerts.storage.deliveries.listen`), so alerts committed on another host are sent at once,
not at the next poll.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import logging
import os
import random
import socket
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from alerts import outbox
from alerts.channels import ChannelClient, DeliveryError, TimedOut, TransientError, build_client
from alerts.payload import alert_view
from alerts.rules import duration_text
from alerts.storage import deliveries as outbox_rows
from crawler.db import DatabaseFileGone
from crawler.redact import mask_urls
from crawler.storage.tables import utcnow

if TYPE_CHECKING:
    from alerts.channels import ChannelBase
    from alerts.payload import AlertView
    from alerts.storage.tables import Delivery
    from crawler.db import Database

log = logging.getLogger(__name__)

DEFAULT_SEND_DEADLINE = timedelta(seconds=60)
"""Deadline of one send on a channel without a ``timeout`` setting (apprise, console, jsonl)."""
SEND_DEADLINE_MARGIN = timedelta(seconds=5)
"""Added to a channel's own ``timeout`` (which the client enforces itself) for the deadline."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """Retry delays: ``base * 2**(attempt-1)`` capped at ``cap``, with full jitter above half."""

    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    retry_after_cap: timedelta = timedelta(hours=6)
    """A receiver's ``Retry-After`` is honoured up to this long; the channel's ``max_age`` and
    ``max_attempts`` still end a delivery that keeps failing."""

    def delay(self, attempt: int, retry_after: float | None = None) -> timedelta:
        ceiling = min(self.cap.total_seconds(), self.base.total_seconds() * 2 ** (attempt - 1))
        seconds = random.uniform(ceiling / 2, ceiling)
        if retry_after is not None:
            seconds = max(seconds, min(retry_after, self.retry_after_cap.total_seconds()))
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
        channels: Mapping[str, ChannelBase],
        *,
        worker_id: str | None = None,
        backoff: Backoff | None = None,
        lease: timedelta = timedelta(minutes=2),
        now: Callable[[], datetime] | None = None,
        concurrency: int = 8,
    ) -> None:
        self.database = database
        self.channels = channels
        """The configured channels by name; a delivery to any other is dead."""
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
        self._busy: dict[str, asyncio.Task[None]] = {}
        """Channel → the task still sending its deliveries (their next claims skip it)."""

    async def run_once(self, limit: int = 100) -> DispatchStats:
        """Claim up to ``limit`` due instant deliveries, send them, return when all have ended."""
        stats, sending = await self._start_round(limit)
        if sending:
            await asyncio.gather(*sending)
        return stats

    async def _start_round(self, limit: int) -> tuple[DispatchStats, list[asyncio.Task[None]]]:
        """Claim due deliveries of the channels not busy and start one sending task per channel."""
        ids = await asyncio.to_thread(
            outbox.claim,
            self.database,
            worker_id=self.worker_id,
            now=self._now(),
            lease=self.lease,
            limit=limit,
            skip_channels=set(self._busy),
        )
        stats = DispatchStats(claimed=len(ids))
        if not ids:
            return stats, []
        by_channel: dict[str, list[tuple[Delivery, list[AlertView]]]] = defaultdict(list)
        for delivery, views in await asyncio.to_thread(self._load, ids):
            by_channel[delivery.channel].append((delivery, views))
        sending = []
        for channel, jobs in by_channel.items():
            task = asyncio.create_task(self._send_channel(jobs, stats), name=f"send:{channel}")
            self._busy[channel] = task
            task.add_done_callback(functools.partial(self._sent_channel, channel))
            sending.append(task)
        return stats, sending

    async def _send_channel(
        self, jobs: list[tuple[Delivery, list[AlertView]]], stats: DispatchStats
    ) -> None:
        """One channel's deliveries of a round, at most ``concurrency`` at once; its successes
        are recorded together when they have all ended. After a send times out, the ones not
        started yet are put back for a later retry instead of waiting out their own deadlines."""
        limit = asyncio.Semaphore(self.concurrency)
        stalled: list[int] = []  # deliveries whose send timed out in this round

        async def deliver(delivery: Delivery, views: list[AlertView]) -> None:
            async with limit:
                if stalled:
                    skipped = TransientError(
                        f"not attempted: the send of delivery {stalled[0]} to channel "
                        f"{delivery.channel!r} timed out earlier in this round"
                    )
                    await self._record_failure([delivery], skipped, stats)
                elif await self._deliver([delivery], views, delivery.idempotency_key, stats):
                    stalled.append(delivery.id)

        try:
            await asyncio.gather(*(deliver(delivery, views) for delivery, views in jobs))
        finally:
            await self._record_sent(stats)

    def _sent_channel(self, channel: str, task: asyncio.Task[None]) -> None:
        if self._busy.get(channel) is task:
            del self._busy[channel]
        self._woken.set()  # its deliveries skipped meanwhile may be due
        if not task.cancelled() and task.exception() is not None:
            log.error(
                "sending to channel %s failed: %s",
                channel,
                task.exception(),
                exc_info=task.exception(),
            )

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
        """Dispatch until ``stop`` is set: right after ``wake()``, else every ``poll_interval``.

        A round's sends run on: the next round starts without waiting for them (skipping the
        channels still sending). On stop, the sends in flight finish (each within its deadline).
        """
        self._loop = asyncio.get_running_loop()
        limit = 100
        listener = asyncio.create_task(outbox_rows.listen(self.database, self.wake, stop))
        try:
            while not stop.is_set():
                self._woken.clear()
                try:
                    stats, _sending = await self._start_round(limit)
                except DatabaseFileGone as exc:  # said once, plainly; `run` stops on it
                    log.error("dispatch failed: %s", exc)
                    stats = DispatchStats()
                except Exception:  # keep serving: the database may be back next time
                    log.exception("dispatch failed; retrying in %.1fs", poll_interval)
                    stats = DispatchStats()
                if stats.claimed >= limit:
                    continue
                await _wait_any(stop, self._woken, poll_interval)
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener
            if self._busy:
                await asyncio.wait(list(self._busy.values()))
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
    ) -> bool:
        """Send ``views`` as one message (a digest when several) and record the outcome.

        Returns whether the send timed out.
        """
        first = deliveries[0]
        ids = [delivery.id for delivery in deliveries]
        channel = self.channels.get(first.channel)
        now = self._now()
        reason = None
        if channel is None:
            reason = f"channel {first.channel!r} is no longer configured"
        elif not views:
            reason = "its alert, article or story was deleted"
        elif first.mode == "instant" and now - first.created_at > channel.max_age:
            created = f"{first.created_at:%Y-%m-%d %H:%M} UTC"
            reason = f"too old: created {created}, max_age {duration_text(channel.max_age)}"
        if reason is not None:
            await self._record_dead(deliveries, reason, stats)
            return False
        deadline = send_deadline(channel).total_seconds()
        try:
            client = self._client(first.channel)
            async with asyncio.timeout(deadline):
                if first.mode == "digest":
                    await client.send_digest(views, key=key)
                else:
                    await client.send(views[0], key=key)
        except TimeoutError:
            timed_out = TimedOut(
                f"channel {first.channel!r} did not finish the send within {deadline:g}s"
            )
            await self._record_failure(deliveries, timed_out, stats)
            return True
        except (DeliveryError, ValueError) as exc:
            await self._record_failure(deliveries, exc, stats)
            return isinstance(exc, TimedOut)
        stats.sent_ids.extend(ids)
        log.info(
            "%s sent via %s (%s)",
            describe(deliveries),
            first.channel,
            key,
            extra=_delivery_fields(deliveries, "sent", key=key),
        )
        return False

    async def _record_failure(
        self, deliveries: list[Delivery], exc: Exception, stats: DispatchStats
    ) -> None:
        first = deliveries[0]
        ids = [delivery.id for delivery in deliveries]
        channel = self.channels[first.channel]
        attempts = first.attempts  # the claim already counted this attempt
        since_retry = attempts - first.attempts_at_retry  # `alerts retry` re-arms the allowance
        message = mask_urls(str(exc))
        error = f"attempt {attempts}: {message}"
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
                message,
                extra=_delivery_fields(deliveries, "retry", error=message),
            )

    async def _record_sent(self, stats: DispatchStats) -> None:
        """One transaction for a round's successes (a crash before it means resends, same key)."""
        ids, stats.sent_ids = stats.sent_ids, []  # other channels' tasks may add more meanwhile
        if ids:
            await asyncio.to_thread(outbox.mark_sent, self.database, ids, now=self._now())
            stats.sent += len(ids)

    async def _record_dead(
        self, deliveries: list[Delivery], reason: str, stats: DispatchStats
    ) -> None:
        ids = [delivery.id for delivery in deliveries]
        reason = mask_urls(reason)
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
            client = self._clients[name] = build_client(name, self.channels[name])
        return client


def send_deadline(channel: ChannelBase) -> timedelta:
    """How long one send on ``channel`` may take: its ``timeout`` plus a margin, or a default."""
    timeout = getattr(channel, "timeout", None)
    if isinstance(timeout, timedelta):
        return timeout + SEND_DEADLINE_MARGIN
    return DEFAULT_SEND_DEADLINE


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
