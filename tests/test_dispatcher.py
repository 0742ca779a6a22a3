"""The dispatcher end to end: outbox → real webhook/SMTP receivers on 127.0.0.1 → recorded."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from alerts.dispatcher import Backoff, Dispatcher
from alerts.storage.tables import Delivery
from crawler.db import Database
from crawler.storage.tables import Story, utcnow
from tests.alerting import (
    NOW,
    Receiver,
    assert_valid_payload,
    seed_alerts,
    settings_with,
    webhook_receiver,
)
from tests.smtp import Inbox, free_port, start

ROOT = Path(__file__).resolve().parents[1]
FAST = Backoff(base=timedelta(seconds=10), cap=timedelta(minutes=5))


class Clock:
    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from webhook_receiver()


def hook_settings(url: str, **channel: Any):  # type: ignore[no-untyped-def]
    return settings_with({"hook": {"type": "webhook", "url": url, "timeout": "5s", **channel}})


def deliveries(database: Database) -> list[Delivery]:
    with database.session() as session:
        return list(session.scalars(select(Delivery).order_by(Delivery.id)))


def run(dispatcher: Dispatcher, limit: int = 100):  # type: ignore[no-untyped-def]
    return asyncio.run(dispatcher.run_once(limit))


def test_500_500_200_is_delivered_once_with_one_key(any_database, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script += [(500, {}), (500, {})]
    seed_alerts(any_database, [("hook", "instant")])
    clock = Clock()
    dispatcher = Dispatcher(
        any_database, hook_settings(receiver.url).channels, backoff=FAST, now=clock
    )
    assert run(dispatcher).retried == 1
    assert run(dispatcher).claimed == 0  # not due yet
    clock.advance(seconds=10)
    assert run(dispatcher).retried == 1
    clock.advance(seconds=20)
    assert run(dispatcher).sent == 1
    clock.advance(hours=1)
    assert run(dispatcher).claimed == 0
    keys = [r.headers["webhook-id"] for r in receiver.requests]
    (delivery,) = deliveries(any_database)
    assert keys == [delivery.idempotency_key] * 3
    assert (delivery.status, delivery.attempts) == ("sent", 3)


def test_429_retry_after_is_honoured(database, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script.append((429, {"Retry-After": "600"}))
    seed_alerts(database, [("hook", "instant")])
    clock = Clock()
    dispatcher = Dispatcher(database, hook_settings(receiver.url).channels, backoff=FAST, now=clock)
    run(dispatcher)
    (delivery,) = deliveries(database)
    assert delivery.next_attempt_at >= NOW + timedelta(seconds=600)
    assert "HTTP 429" in (delivery.last_error or "")
    clock.advance(seconds=599)
    assert run(dispatcher).claimed == 0
    clock.advance(seconds=2)
    assert run(dispatcher).sent == 1


def test_429_logs_the_delivery_id_and_the_next_retry(database, receiver, caplog) -> None:  # type: ignore[no-untyped-def]
    receiver.script.append((429, {"Retry-After": "600"}))
    [alert_id] = seed_alerts(database, [("mail", "instant"), ("hook", "instant")])
    hook_delivery = next(d for d in deliveries(database) if d.channel == "hook")
    assert hook_delivery.id != alert_id  # the ids differ: the log must name both
    settings = hook_settings(receiver.url)
    with caplog.at_level(logging.WARNING, logger="alerts.dispatcher"):
        stats = run(Dispatcher(database, settings.channels, backoff=FAST, now=Clock()))
    assert stats.next_retry_at is not None and stats.next_retry_at >= NOW + timedelta(seconds=600)
    assert f"delivery {hook_delivery.id} (alert {alert_id}) via hook failed" in caplog.text


def test_400_is_dead_with_the_reason(any_database, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script.append((400, {}))
    seed_alerts(any_database, [("hook", "instant")])
    stats = run(Dispatcher(any_database, hook_settings(receiver.url).channels, now=Clock()))
    (delivery,) = deliveries(any_database)
    assert stats.dead == 1 and delivery.status == "dead"
    assert "HTTP 400" in (delivery.last_error or "")


def _dead_after_two_attempts(database, receiver) -> tuple[Dispatcher, Clock]:  # type: ignore[no-untyped-def]
    """One delivery to a failing webhook with max_attempts 2, driven until it is dead."""
    seed_alerts(database, [("hook", "instant")])
    clock = Clock()
    dispatcher = Dispatcher(
        database, hook_settings(receiver.url, max_attempts=2).channels, backoff=FAST, now=clock
    )
    run(dispatcher)
    clock.advance(minutes=10)
    assert run(dispatcher).dead == 1
    return dispatcher, clock


def test_gives_up_after_max_attempts(database, receiver) -> None:  # type: ignore[no-untyped-def]
    receiver.script += [(503, {})] * 3
    _dead_after_two_attempts(database, receiver)
    (delivery,) = deliveries(database)
    assert delivery.status == "dead" and "max_attempts" in (delivery.last_error or "")
    assert len(receiver.requests) == 2


def test_a_retried_dead_delivery_gets_a_fresh_allowance_and_keeps_its_history(
    database, receiver
) -> None:  # type: ignore[no-untyped-def]
    from alerts import outbox

    receiver.script += [(503, {})] * 3 + [(200, {})]
    dispatcher, clock = _dead_after_two_attempts(database, receiver)
    assert outbox.requeue(database, now=clock(), dead=True) == 1
    assert run(dispatcher).retried == 1  # attempt 3 is the first of a fresh max_attempts 2
    (delivery,) = deliveries(database)
    assert (delivery.status, delivery.attempts) == ("pending", 3)
    assert (delivery.last_error or "").startswith("attempt 3: ")
    clock.advance(minutes=10)
    assert run(dispatcher).sent == 1
    (delivery,) = deliveries(database)
    assert (delivery.status, delivery.attempts) == ("sent", 4)
    assert (delivery.last_error or "").startswith("attempt 3: ")
    assert len(receiver.requests) == 4


def test_too_old_is_dead_without_sending(database, receiver) -> None:  # type: ignore[no-untyped-def]
    seed_alerts(database, [("hook", "instant")])
    late = Clock(NOW + timedelta(days=3))
    assert run(Dispatcher(database, hook_settings(receiver.url).channels, now=late)).dead == 1
    assert receiver.requests == []
    assert "too old" in (deliveries(database)[0].last_error or "")


def test_smtp_down_then_up_is_delivered_exactly_once(database) -> None:  # type: ignore[no-untyped-def]
    inbox = Inbox(free_port())
    settings = settings_with(
        {
            "mail": {
                "type": "email",
                "host": "127.0.0.1",
                "port": inbox.port,
                "security": "none",
                "from": "sw@example.org",
                "to": ["desk@example.org"],
                "timeout": "5s",
            }
        }
    )
    seed_alerts(database, [("mail", "instant")])
    clock = Clock()
    dispatcher = Dispatcher(database, settings.channels, backoff=FAST, now=clock)
    assert run(dispatcher).retried == 1
    controller = start(inbox)
    try:
        clock.advance(seconds=10)
        assert run(dispatcher).sent == 1
        clock.advance(hours=1)
        assert run(dispatcher).claimed == 0
    finally:
        controller.stop()
    (delivery,) = deliveries(database)
    assert len(inbox.messages) == 1
    assert inbox.messages[0][1]["Message-ID"] == f"<{delivery.idempotency_key}@example.org>"


CRASHING_DISPATCHER = """
import asyncio, json, sys
from datetime import datetime
from alerts.dispatcher import Dispatcher
from crawler.db import Database
from sinowatch.settings import Settings
url, settings, now = sys.argv[1], json.loads(sys.argv[2]), datetime.fromisoformat(sys.argv[3])
dispatcher = Dispatcher(Database(url), Settings.model_validate(settings).channels, now=lambda: now)
asyncio.run(dispatcher.run_once())
"""


@pytest.mark.e2e
def test_crash_after_send_before_commit_resends_with_the_same_key(any_database, receiver) -> None:  # type: ignore[no-untyped-def]
    seed_alerts(any_database, [("hook", "instant")])
    channels = {"hook": {"type": "webhook", "url": receiver.url, "timeout": "60s"}}
    receiver.hold = threading.Event()  # the receiver gets the alert but answers only later
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            CRASHING_DISPATCHER,
            any_database.url,
            json.dumps({"channels": channels}),
            NOW.isoformat(),
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert receiver.received.wait(30), "the dispatcher subprocess never sent"
    finally:
        process.kill()
        process.wait()
    receiver.hold.set()
    (delivery,) = deliveries(any_database)
    assert delivery.status == "pending" and delivery.claimed_until is not None
    after_lease = Clock(delivery.claimed_until + timedelta(seconds=1))
    assert (
        run(Dispatcher(any_database, settings_with(channels).channels, now=after_lease)).sent == 1
    )
    keys = [r.headers["webhook-id"] for r in receiver.requests]
    assert keys == [delivery.idempotency_key] * 2
    assert deliveries(any_database)[0].status == "sent"


def test_two_dispatchers_at_once_never_send_twice(any_database, receiver) -> None:  # type: ignore[no-untyped-def]
    seed_alerts(any_database, [("hook", "instant")], count=40)
    barrier = threading.Barrier(2)

    def dispatch(name: str) -> None:
        database = Database(any_database.url)
        dispatcher = Dispatcher(
            database, hook_settings(receiver.url).channels, worker_id=name, now=Clock()
        )
        barrier.wait()
        while run(dispatcher, limit=5).claimed:
            pass
        database.dispose()

    threads = [threading.Thread(target=dispatch, args=(name,)) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = Counter(r.headers["webhook-id"] for r in receiver.requests)
    assert len(counts) == 40 and set(counts.values()) == {1}
    assert {d.status for d in deliveries(any_database)} == {"sent"}


def test_digest_sends_one_message_with_every_alert_and_late_outlets(database, receiver) -> None:  # type: ignore[no-untyped-def]
    seed_alerts(database, [("daily", "digest")], count=2, watchlist="topics")
    seed_alerts(database, [("daily", "digest")], count=1, watchlist="experts")
    with database.transaction() as session:
        session.execute(update(Story).values(outlets=["news.example.org", "late.example.net"]))
    settings = settings_with({"daily": {"type": "webhook", "url": receiver.url, "mode": "digest"}})
    dispatcher = Dispatcher(database, settings.channels, now=Clock())
    assert run(dispatcher).claimed == 0  # digests wait for their schedule
    assert asyncio.run(dispatcher.send_digests("daily")) == 3
    (request,) = receiver.requests
    payload = request.json()
    assert_valid_payload(payload)
    assert payload["type"] == "digest"
    assert [a["watchlist"] for a in payload["alerts"]] == ["experts", "topics", "topics"]
    assert all("late.example.net" in a["story"]["outlets"] for a in payload["alerts"])
    assert {d.status for d in deliveries(database)} == {"sent"}
    assert asyncio.run(dispatcher.send_digests("daily")) == 0


def test_wake_dispatches_without_waiting_for_the_poll(database, receiver) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        dispatcher = Dispatcher(database, hook_settings(receiver.url).channels)
        stop = asyncio.Event()
        task = asyncio.create_task(dispatcher.run_forever(stop, poll_interval=120))
        await asyncio.sleep(0.2)  # let it finish its first, empty round and start waiting
        await asyncio.to_thread(seed_alerts, database, [("hook", "instant")], now=utcnow())
        threading.Thread(target=dispatcher.wake).start()  # as a crawl thread would
        received = await asyncio.to_thread(receiver.received.wait, 30)
        stop.set()
        await asyncio.wait_for(task, 30)
        assert received, "woken dispatcher did not send before its 120 s poll"

    asyncio.run(scenario())
    assert deliveries(database)[0].status == "sent"


def test_unconfigured_channel_is_dead_with_advice(database) -> None:  # type: ignore[no-untyped-def]
    seed_alerts(database, [("removed", "instant")])
    assert run(Dispatcher(database, settings_with({}).channels, now=Clock())).dead == 1
    assert "no longer configured" in (deliveries(database)[0].last_error or "")


def test_jsonl_channel_appends_one_line_per_alert(database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out" / "alerts.jsonl"
    seed_alerts(database, [("file", "instant")], count=2)
    settings = settings_with({"file": {"type": "jsonl", "path": str(path)}})
    assert run(Dispatcher(database, settings.channels, now=Clock())).sent == 2
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert sorted(line["delivery"] for line in lines) == sorted(
        d.idempotency_key for d in deliveries(database)
    )
    assert all(line["version"] == 1 for line in lines)


def test_backoff_grows_is_capped_and_respects_retry_after() -> None:
    backoff = Backoff(base=timedelta(seconds=10), cap=timedelta(seconds=60))
    for attempt, ceiling in [(1, 10), (2, 20), (3, 40), (4, 60), (9, 60)]:
        delay = backoff.delay(attempt).total_seconds()
        assert ceiling / 2 <= delay <= ceiling
    assert backoff.delay(1, retry_after=300).total_seconds() == 300


@pytest.mark.postgres
def test_alerts_committed_by_another_process_wake_the_dispatcher(pg_url, receiver) -> None:  # type: ignore[no-untyped-def]
    """LISTEN/NOTIFY: the alert is committed by a separate process (another host, for the
    dispatcher: no in-process wake() reaches it) and sent long before the 120 s poll."""
    database = Database(pg_url)
    seed = (
        "from crawler.db import Database; from crawler.storage.tables import utcnow; "
        "from tests.alerting import seed_alerts; "
        f"seed_alerts(Database({pg_url!r}), [('hook', 'instant')], now=utcnow())"
    )

    async def scenario() -> None:
        dispatcher = Dispatcher(database, hook_settings(receiver.url).channels)
        stop = asyncio.Event()
        task = asyncio.create_task(dispatcher.run_forever(stop, poll_interval=120))
        await asyncio.sleep(1.0)  # its first, empty round is over; it listens and waits
        seeded = await asyncio.to_thread(
            subprocess.run, [sys.executable, "-c", seed], cwd=ROOT, timeout=120, check=False
        )
        assert seeded.returncode == 0
        received = await asyncio.to_thread(receiver.received.wait, 30)
        stop.set()
        await asyncio.wait_for(task, 30)
        assert received, "a notified dispatcher did not send before its 120 s poll"

    try:
        asyncio.run(scenario())
        assert deliveries(database)[0].status == "sent"
    finally:
        database.dispose()
