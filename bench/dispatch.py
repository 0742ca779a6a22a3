"""Dispatcher benchmark: deliveries/s to a local webhook receiver, and commit→receipt delay.

Run: ``python bench/dispatch.py [--deliveries 400] [--samples 15]``

Throughput: the dispatcher's batches (100 claimed and sent concurrently) against a baseline of
one delivery per claim in the same run. Delay: an alert is committed while ``run_forever`` waits;
"woken" calls ``wake()`` after the commit (what the crawl pipeline does), the baseline waits for
the next poll. Target: p95 ≤ 1 s when woken.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import random
import statistics
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from alerts import outbox
from alerts.dispatcher import Dispatcher
from crawler.db import Database
from crawler.migrate import upgrade
from crawler.storage.tables import Article, Story, utcnow
from sinowatch.settings import Settings

RECEIVED: dict[int, float] = {}
ARRIVED = threading.Condition()


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        with ARRIVED:
            RECEIVED[json.loads(body)["alert"]["id"]] = time.perf_counter()
            ARRIVED.notify_all()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def seed(database: Database, count: int) -> list[int]:
    now = utcnow()
    ids = []
    with database.transaction() as session:
        for _ in range(count):
            story = Story(title="bench", outlets=["bench"], article_count=1)
            session.add(story)
            session.flush()
            article = Article(
                canonical_url=f"https://bench.example.org/{story.id}-{random.random()}",
                url="https://bench.example.org/",
                title="Bench alert",
                story_id=story.id,
            )
            session.add(article)
            session.flush()
            alert_id = outbox.create_alert(
                session,
                watchlist="bench",
                story_id=story.id,
                article_id=article.id,
                title="Bench alert",
                hits=[{"kind": "topic", "id": "t", "name": "t", "snippet": "«t»"}],
                channels=[("hook", "instant")],
                now=now,
            )
            assert alert_id is not None
            ids.append(alert_id)
    return ids


async def drain(dispatcher: Dispatcher, limit: int) -> float:
    started = time.perf_counter()
    while (await dispatcher.run_once(limit)).claimed:
        pass
    return time.perf_counter() - started


async def delays(
    database: Database, settings: Settings, samples: int, *, wake: bool, poll: float
) -> list[float]:
    dispatcher = Dispatcher(database, settings.channels)
    stop = asyncio.Event()
    task = asyncio.create_task(dispatcher.run_forever(stop, poll_interval=poll))
    result = []
    for _ in range(samples):
        await asyncio.sleep(random.uniform(0.05, poll))
        (alert_id,) = await asyncio.to_thread(seed, database, 1)
        committed = time.perf_counter()
        if wake:
            dispatcher.wake()

        def arrived(alert_id: int = alert_id) -> float:
            with ARRIVED:
                ARRIVED.wait_for(lambda: alert_id in RECEIVED, timeout=poll * 3)
                return RECEIVED[alert_id]

        result.append(await asyncio.to_thread(arrived) - committed)
    stop.set()
    await task
    return result


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=400)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--poll", type=float, default=2.0, help="poll interval (s)")
    args = parser.parse_args()

    logging.basicConfig(level=logging.ERROR)
    ThreadingHTTPServer.request_queue_size = 256
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    settings = Settings.model_validate({"channels": {"hook": {"type": "webhook", "url": url}}})

    with tempfile.TemporaryDirectory() as tmp:
        database = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(database)
        rates = {}
        for label, limit in (("one per claim (baseline)", 1), ("batches of 100", 100)):
            seed(database, args.deliveries)
            seconds = asyncio.run(drain(Dispatcher(database, settings.channels), limit))
            rates[label] = args.deliveries / seconds
            print(f"throughput, {label:26s}: {rates[label]:8.1f} deliveries/s")
        base, batch = rates.values()
        print(f"throughput ratio batches/baseline: {batch / base:.2f}x")

        results = {}
        for label, wake in (("poll only (baseline)", False), ("woken after commit", True)):
            values = asyncio.run(
                delays(database, settings, args.samples, wake=wake, poll=args.poll)
            )
            results[label] = values
            print(
                f"commit→receipt, {label:22s}: median {statistics.median(values):.3f} s, "
                f"p95 {p95(values):.3f} s (poll {args.poll:g} s, n={len(values)})"
            )
        poll_median = statistics.median(results["poll only (baseline)"])
        woken_median = statistics.median(results["woken after commit"])
        print(
            f"delay ratio poll/woken (median): {poll_median / woken_median:.1f}x; "
            f"woken p95 ≤ 1 s: {p95(results['woken after commit']) <= 1.0}"
        )
        database.dispose()
    server.shutdown()


if __name__ == "__main__":
    main()
