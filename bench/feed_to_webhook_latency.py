"""Latency from an article appearing in a feed to its webhook arriving (`sinowatch run`).

Publishes articles one at a time at random moments of the crawl cycle and measures, for each,
the time until it is stored in the database (baseline: the crawl alone) and until its
webhook reaches a local receiver. Prints median and p95 of both and their ratio.

    python bench/feed_to_webhook_latency.py [--articles 12] [--interval 5s]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _service_harness import RunningService, add_article, write_config

from crawler.db import Database
from crawler.storage.tables import Article
from sinowatch.demo_site import DemoOutlet, DemoSite
from sinowatch.sinks import WebhookReceiver


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=12)
    parser.add_argument("--interval", default="5s")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="sw-latency-"))
    site = DemoSite()
    site.add_outlet(DemoOutlet(id="wire", name="Wire", feed="/wire/feed.xml"))
    add_article(site, "wire", 0)
    stored: list[float] = []
    delivered: list[float] = []
    with site, WebhookReceiver() as receiver:
        service = RunningService(write_config(workdir, site, receiver.url, args.interval))
        database = Database(f"sqlite:///{workdir}/bench.db")
        try:
            service.wait_crawls(1)
            for n in range(1, args.articles + 1):
                time.sleep(random.uniform(0, 5))
                article = add_article(site, "wire", n)
                url = site.url(article)
                start = time.monotonic()
                stored_at = None
                while len(receiver.requests) < n:
                    if stored_at is None:
                        with database.session() as session:
                            if session.scalar(select(Article.id).where(Article.url == url)):
                                stored_at = time.monotonic()
                    time.sleep(0.02)
                delivered_at = time.monotonic()
                stored.append((stored_at or delivered_at) - start)
                delivered.append(delivered_at - start)
                print(f"article {n:2d}: stored {stored[-1]:5.2f}s, webhook {delivered[-1]:5.2f}s")
        finally:
            print(f"service exit code {service.stop()}")
            database.dispose()
    print(f"\ncrawl interval {args.interval}, {args.articles} articles")
    print(
        f"feed → stored (baseline): median {statistics.median(stored):.2f}s, p95 {p95(stored):.2f}s"
    )
    print(
        f"feed → webhook:           median {statistics.median(delivered):.2f}s, "
        f"p95 {p95(delivered):.2f}s"
    )
    ratio = statistics.median(delivered) / statistics.median(stored)
    print(f"ratio webhook/stored (median): {ratio:.2f}")


if __name__ == "__main__":
    main()
