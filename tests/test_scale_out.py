"""Three ``sinowatch run`` hosts on one PostgreSQL; one is SIGKILLed mid-crawl (issue 16).

The hosts are network namespaces with hostnames of their own where the machine allows it (root:
``tests/hosts.py``), reaching the site, the receiver and PostgreSQL over veth links; unprivileged,
plain processes on this machine. Either way they share nothing but the database. Host B runs
``--only crawl``, A and C everything. A local site serves 60 sources; once all have had their
first (baseline) crawl, each publishes two new articles (every page answering slowly, so crawls
are in flight for a while; A and C take two at a time), and B is killed while it crawls some of
them. Afterwards:

- every article is stored once, and no crawl of B is left ``running``;
- B's sources were taken over by A or C (``crawl_taken_over``): on separate hosts once B's
  leases ran out (``--lease``); as plain processes at their next lease round, as they see B's
  process gone from this machine;
- every alert was delivered exactly once (one request per delivery key at the receiver);
- no source was crawled to completion twice within one interval.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.storage.tables import Article, CrawlRun, Source
from sinowatch.demo_site import DemoArticle, DemoOutlet, DemoSite
from tests.alerting import Receiver, webhook_receiver
from tests.hosts import Hosts, separate_hosts
from tests.test_service import SECRET, Service, body_for

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

SOURCES = 60
NEW_PER_SOURCE = 2
INTERVAL = timedelta(seconds=45)
"""Longer than the spread of the first crawls (30 s) plus their duration: every source has had
its baseline before the first of the next round starts."""
LEASE_S = 10
PAGE_DELAY_S = 1.0
TIMEOUT_S = 300


def outlet_id(n: int) -> str:
    return f"s{n:02d}"


@pytest.fixture
def hosts(pg_url: str) -> Iterator[Hosts]:
    with separate_hosts(3, relay_ports=[make_url(pg_url).port or 5432]) as made:
        yield made


@pytest.fixture
def site(hosts: Hosts) -> Iterator[DemoSite]:
    demo = DemoSite(host=hosts.address)
    for n in range(SOURCES):
        demo.add_outlet(DemoOutlet(id=outlet_id(n), name=f"S {n}", feed=f"/{outlet_id(n)}/f.xml"))
        for k in range(1 + NEW_PER_SOURCE):
            demo.add_article(
                DemoArticle(
                    page=f"{outlet_id(n)}-{k}",
                    outlet=outlet_id(n),
                    title=f"{outlet_id(n)} report {k}",
                    body=body_for(1000 + n * 10 + k, "Geneva"),
                    published=datetime.now(UTC) - timedelta(minutes=5),
                    phase="baseline" if k == 0 else "new",
                    visible=k == 0,
                )
            )
    with demo:
        yield demo


@pytest.fixture
def receiver(hosts: Hosts) -> Iterator[Receiver]:
    yield from webhook_receiver(hosts.address)


def write_config(tmp: Path, site: DemoSite, hook: str, url: str) -> Path:
    sources = "\n".join(
        f"  - {{id: {outlet_id(n)}, name: S{n}, kind: feed, url: '{site.feed_url(outlet_id(n))}'}}"
        for n in range(SOURCES)
    )
    config = tmp / "sinowatch.yaml"
    config.write_text(f"""
data_dir: {tmp}
database:
  url: '{url}'
crawler:
  download_delay: 0s
  autothrottle: false
  obey_robots: false
  download_timeout: 20s
  concurrency: 4
schedule:
  interval: {int(INTERVAL.total_seconds())}s
channels:
  hook: {{type: webhook, url: {hook}, secret: {SECRET}}}
watchlists:
  - name: desk
    channels: [hook]
    rules: {{relevant_only: false, min_relevance: 0}}
    topics:
      - {{id: geneva, query: 'Geneva'}}
sources:
{sources}
""")
    return config


def wait(what: str, done: Callable[[], bool], hosts: list[Service]) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        alive = [h.process.poll() is None for h in hosts]
        if time.monotonic() > deadline or not all(alive):
            tails = "\n".join(
                f"host {n} (alive: {a}):\n{''.join(h.lines[-15:])}"
                for n, (h, a) in enumerate(zip(hosts, alive, strict=True))
            )
            pytest.fail(f"waiting for {what}: timed out or a host died\n{tails}")
        time.sleep(0.1)


def test_three_hosts_one_killed_mid_crawl_lose_nothing_and_repeat_nothing(
    tmp_path: Path, site: DemoSite, receiver: Receiver, pg_url: str, hosts: Hosts
) -> None:
    config = write_config(tmp_path, site, receiver.url, hosts.database_url(pg_url))
    database = Database(pg_url)
    lease = ("--lease", str(LEASE_S))
    # A and C take at most two crawls at a time, so B (unlimited) is sure to be crawling some
    # when it is killed, whichever host's claims land first on this machine
    busy = ("--max-crawls", "2")
    services: list[Service] = []
    try:
        services.append(Service(config, *lease, *busy, prefix=hosts.prefix(0)))
        services[0].wait_for(lambda e: e.get("event") == "start", timeout=120)
        services.append(Service(config, *lease, "--only", "crawl", prefix=hosts.prefix(1)))
        services.append(Service(config, *lease, *busy, prefix=hosts.prefix(2)))
        a, b, c = services

        def scalar(query):  # type: ignore[no-untyped-def]
            with database.session() as session:
                return session.scalar(query)

        baselined = select(func.count()).select_from(Source).where(Source.baseline_done)
        wait("every baseline", lambda: scalar(baselined) == SOURCES, services)
        for article in site.articles.values():
            site.delays[article.path] = PAGE_DELAY_S
        published_at = datetime.now(UTC)
        site.publish("new")

        b_crawling = (
            select(func.count())
            .select_from(Source)
            .join(CrawlRun, CrawlRun.source_id == Source.id)
            .where(
                Source.lease_owner.like(f"%:{b.process.pid}:%"),
                CrawlRun.status == "running",
                CrawlRun.started_at >= published_at,
            )
        )
        wait("B crawling", lambda: scalar(b_crawling) > 0, services)
        os.kill(b.process.pid, signal.SIGKILL)
        b.process.wait(timeout=30)
        survivors = [a, c]

        expected = SOURCES * (1 + NEW_PER_SOURCE)
        completed = (
            select(func.count(func.distinct(CrawlRun.source_id)))
            .where(CrawlRun.started_at >= published_at, CrawlRun.status == "ok")
            .where(CrawlRun.finished_at.isnot(None))
        )
        wait("every source crawled again", lambda: scalar(completed) == SOURCES, survivors)
        assert scalar(select(func.count()).select_from(Article)) == expected
        alerts = SOURCES * NEW_PER_SOURCE
        wait("every alert sent", lambda: len(receiver.requests) >= alerts, survivors)
        time.sleep(3)  # a second, wrong delivery would arrive now
        codes = [host.stop() for host in survivors]
    finally:
        for service in services:
            service.kill()
    assert codes == [0, 0]

    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Alert)) == alerts
        statuses = Counter(session.scalars(select(Delivery.status)))
        runs = session.execute(
            select(CrawlRun.source_id, CrawlRun.started_at, CrawlRun.status)
        ).all()
        left_by = [
            (details or {}).get("owner")
            for details in session.scalars(
                select(CrawlRun.details).where(CrawlRun.status == "interrupted")
            )
        ]
        urls = list(session.scalars(select(Article.url)))
    database.dispose()
    assert statuses == {"sent": alerts}
    keys = Counter(request.headers["webhook-id"] for request in receiver.requests)
    assert len(keys) == alerts and set(keys.values()) == {1}
    assert len(urls) == len(set(urls)) == expected
    assert sum(1 for *_, status in runs if status == "running") == 0
    assert any(status == "interrupted" for *_, status in runs)
    b_host = "host1" if hosts.isolated else socket.gethostname()
    assert left_by and all(owner == {"host": b_host, "pid": b.process.pid} for owner in left_by)
    taken = [e for h in survivors for e in h.events if e.get("event") == "crawl_taken_over"]
    assert taken, "B's sources were not taken over"
    finished: dict[str, list[datetime]] = {}
    for source_id, started, status in runs:
        if status != "interrupted":
            finished.setdefault(source_id, []).append(started)
    for source_id, starts in finished.items():
        starts.sort()
        gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
        assert all(gap >= INTERVAL / 2 for gap in gaps), (source_id, starts)
