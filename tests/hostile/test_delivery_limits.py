"""Deliveries bounded in time and size, channels isolated (issue 13: the dripping webhook).

Real receivers on 127.0.0.1 that drip a byte a second or send a 1 GiB body; real SQLite outbox.
"""

from __future__ import annotations

import asyncio
import json
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from alerts.channels import TransientError, build_client
from alerts.channels.webhook import ERROR_BODY_BYTES, WebhookChannel
from alerts.dispatcher import Backoff, Dispatcher
from alerts.payload import sample_view
from alerts.storage.tables import Delivery
from crawler.db import Database
from crawler.storage.tables import utcnow
from tests.alerting import NOW, seed_alerts, settings_with, webhook_receiver
from tests.hostile.receivers import hostile_receiver

DEADLINE = 2.0
MARGIN = 1.5


def send_once(url: str) -> tuple[float, BaseException | None]:
    settings = WebhookChannel.model_validate({"type": "webhook", "url": url, "timeout": DEADLINE})

    async def go() -> None:
        client = build_client("hook", settings)
        try:
            await client.send(sample_view(), key="swd_hostile")
        finally:
            await client.aclose()

    started = time.monotonic()
    try:
        asyncio.run(go())
    except TransientError as exc:
        return time.monotonic() - started, exc
    return time.monotonic() - started, None


@pytest.mark.parametrize("mode", ["drip-body", "drip-headers"])
def test_a_dripping_receiver_cannot_hold_a_send_past_its_deadline(mode: str) -> None:
    with hostile_receiver(mode) as receiver:
        elapsed, error = send_once(receiver.url)
    assert isinstance(error, TransientError)
    assert "did not answer within the channel's timeout (2s for the whole request)" in str(error)
    assert DEADLINE - 0.2 <= elapsed < DEADLINE + MARGIN, elapsed
    assert receiver.sent <= DEADLINE + 1  # it did drip, once a second


def test_a_huge_error_body_is_read_only_a_few_kilobytes() -> None:
    tracemalloc.start()
    try:
        with hostile_receiver("huge") as receiver:
            elapsed, error = send_once(receiver.url)
            sent = receiver.sent
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, TransientError) and "answered HTTP 500: 'xxxx" in str(error)
    assert elapsed < DEADLINE + MARGIN
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB"  # 1 GiB offered
    assert sent < 64 * 2**20, f"the receiver could push {sent / 2**20:.0f} MiB"
    assert ERROR_BODY_BYTES <= 8192


def test_retry_after_is_capped_then_normal_backoff_applies(database: Database) -> None:
    generator = webhook_receiver()
    receiver = next(generator)
    try:
        receiver.script.append((429, {"Retry-After": "999999999"}))
        seed_alerts(database, [("hook", "instant")])
        settings = settings_with({"hook": {"type": "webhook", "url": receiver.url}})
        backoff = Backoff()
        stats = asyncio.run(Dispatcher(database, settings.channels, now=lambda: NOW).run_once())
    finally:
        generator.close()
    assert stats.retried == 1
    with database.session() as session:
        delivery = session.scalars(select(Delivery)).one()
    wait = delivery.next_attempt_at.replace(tzinfo=NOW.tzinfo) - NOW
    assert wait == pytest.approx(backoff.retry_after_cap, abs=timedelta(seconds=1))
    assert delivery.status == "pending"  # not parked until 2058: max_age (2d) still ends it


def test_a_stuck_channel_delays_neither_another_channel_nor_the_next_round(
    database: Database, tmp_path: Path
) -> None:
    jsonl = tmp_path / "alerts.jsonl"

    def lines() -> int:
        return len(jsonl.read_text().splitlines()) if jsonl.exists() else 0

    async def until(count: int) -> None:
        give_up = time.monotonic() + 10
        while lines() < count and time.monotonic() < give_up:
            await asyncio.sleep(0.02)

    with hostile_receiver("drip-body") as receiver:
        settings = settings_with(
            {
                "hook": {"type": "webhook", "url": receiver.url, "timeout": "5s"},
                "jsonl": {"type": "jsonl", "path": str(jsonl)},
            }
        )
        channels = [("hook", "instant"), ("jsonl", "instant")]
        seed_alerts(database, channels, watchlist="first", now=utcnow())
        dispatcher = Dispatcher(
            database, settings.channels, backoff=Backoff(base=timedelta(minutes=5))
        )

        async def scenario() -> tuple[float, float, float]:
            stop = asyncio.Event()
            started = time.monotonic()
            task = asyncio.create_task(dispatcher.run_forever(stop, poll_interval=0.2))
            await until(1)
            first = time.monotonic() - started
            # a second alert while the webhook still drips: the next round sends it at once
            await asyncio.to_thread(seed_alerts, database, channels, watchlist="2", now=utcnow())
            queued = time.monotonic()
            dispatcher.wake()
            await until(2)
            second = time.monotonic() - queued
            stuck_for = time.monotonic() - started
            stop.set()
            await task
            return first, second, stuck_for

        first, second, stuck_for = asyncio.run(scenario())
    assert first < 2.0, f"jsonl waited {first:.1f}s for the stuck webhook"
    assert second < 2.0, f"the next round waited {second:.1f}s"
    assert stuck_for < 5.0  # both happened while the webhook was still dripping
    with database.session() as session:
        rows = {(d.channel, d.status) for d in session.scalars(select(Delivery))}
        errors = [d.last_error for d in session.scalars(select(Delivery)) if d.channel == "hook"]
    assert rows == {("jsonl", "sent"), ("hook", "pending")}
    assert any("did not answer within the channel's timeout (5s" in (e or "") for e in errors)
    sent = [json.loads(line)["watchlist"] for line in jsonl.read_text().splitlines()]
    assert sorted(sent) == ["2", "first"]


def test_after_a_timeout_the_rest_of_the_round_is_put_back_not_waited_for(
    database: Database,
) -> None:
    with hostile_receiver("drip-body") as receiver:
        settings = settings_with({"hook": {"type": "webhook", "url": receiver.url, "timeout": 2}})
        seed_alerts(database, [("hook", "instant")], count=6, now=utcnow())
        dispatcher = Dispatcher(database, settings.channels, concurrency=2)
        started = time.monotonic()
        stats = asyncio.run(dispatcher.run_once())
        elapsed = time.monotonic() - started
        attempted = len(receiver.requests)
    assert stats.retried == 6 and stats.sent == 0
    assert attempted == 2, "only the first wave reached the stuck receiver"
    assert elapsed < 2 + MARGIN, f"{elapsed:.1f}s: three waves of 2s would be 6s"
    with database.session() as session:
        errors = [d.last_error or "" for d in session.scalars(select(Delivery))]
    assert sum("did not answer within the channel's timeout" in e for e in errors) == 2
    assert sum("not attempted: the send of delivery" in e for e in errors) == 4


def test_an_apprise_failure_records_apprise_s_own_reason() -> None:
    pytest.importorskip("apprise")
    from alerts.channels.apprise import AppriseChannel

    generator = webhook_receiver()
    receiver = next(generator)
    receiver.script += [(503, {})]
    host = receiver.url.removeprefix("http://").removesuffix("/hook")
    try:
        settings = AppriseChannel.model_validate(
            {"type": "apprise", "urls": [f"json://{host}/hook"]}
        )

        async def go() -> None:
            client = build_client("chat", settings)
            await client.send(sample_view(), key="swd_apprise")

        with pytest.raises(TransientError) as caught:
            asyncio.run(go())
    finally:
        generator.close()
    assert receiver.requests, "apprise really posted"
    message = str(caught.value)
    assert message.startswith("apprise channel 'chat': notification failed: ")
    assert "503" in message, message
