"""Scale-out: articles stored per second by 1, 2 and 3 ``sinowatch run`` processes on one
PostgreSQL (issue 16).

Each process runs ``--only crawl --max-crawls 1`` with ``crawler.concurrency: 4``: at most four
requests in flight per process. The local site answers every request after ``LATENCY_S``
(300 ms) and serves small pages, so one process is bound by that latency, not by this machine's
cores, and every added process should add its four requests' worth of throughput. The CPU time
the processes used is printed with each rate: on a loaded machine, a rate whose CPU time
approaches the CPU share the processes get is bound by the cores after all.

The rate is measured in the database once every process has logged its start (a process starting
late would otherwise be counted as a slow one): articles first seen from then on, divided by the
time until the last one was stored. Each measurement gets a fresh database and a fresh site.

    PYTHONPATH=$PWD python bench/scale_out.py    # prints ``speedup_3_vs_1: X`` last

``SINOWATCH_TEST_PG_URL`` names the server (default: postgres on 127.0.0.1).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from bench._service_harness import add_article, start_run
from crawler.db import Database
from crawler.migrate import upgrade
from crawler.storage.tables import Article
from sinowatch.demo_site import DemoOutlet, DemoSite

SOURCES = 60
ARTICLES_PER_SOURCE = 5
LATENCY_S = 0.3
PROCESSES = (1, 2, 3)
TIMEOUT_S = 600
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, migrated PostgreSQL database, dropped afterwards."""
    admin_url = make_url(os.environ.get("SINOWATCH_TEST_PG_URL", DEFAULT_PG))
    name = f"sw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        database = Database(url)
        upgrade(database)
        database.dispose()
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def slow_site() -> DemoSite:
    site = DemoSite()
    for n in range(SOURCES):
        outlet = f"s{n:02d}"
        site.add_outlet(DemoOutlet(id=outlet, name=outlet, feed=f"/{outlet}/feed.xml"))
        site.delays[f"/{outlet}/feed.xml"] = LATENCY_S
        for k in range(ARTICLES_PER_SOURCE):
            site.delays[add_article(site, outlet, k).path] = LATENCY_S
    return site


def write_config(workdir: Path, site: DemoSite, url: str) -> Path:
    sources = "\n".join(
        f"  - {{id: {o}, name: {o}, kind: feed, url: '{site.feed_url(o)}'}}" for o in site.outlets
    )
    path = workdir / "sinowatch.yaml"
    path.write_text(
        f"""
data_dir: {workdir}
database: {{url: '{url}'}}
crawler: {{download_delay: 0s, autothrottle: false, obey_robots: false, concurrency: 4}}
schedule: {{interval: 1h, jitter: 1s}}
sources:
{sources}
"""
    )
    return path


class Host:
    """One ``sinowatch run --only crawl --max-crawls 1`` child; :attr:`started` once it runs."""

    def __init__(self, config: Path) -> None:
        self.started = threading.Event()
        self.process = start_run(config, "--only", "crawl", "--max-crawls", "1")
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with contextlib.suppress(json.JSONDecodeError):
                if json.loads(line).get("event") == "start":
                    self.started.set()

    def cpu_seconds(self) -> float:
        """User + system CPU time the process has used so far (``/proc/<pid>/stat``)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def measure(processes: int) -> float:
    """Articles per second stored by ``processes`` hosts, from the moment all of them run."""
    expected = SOURCES * ARTICLES_PER_SOURCE
    with (
        tempfile.TemporaryDirectory() as tmp,
        slow_site() as site,
        fresh_database() as url,
    ):
        config = write_config(Path(tmp), site, url)
        database = Database(url)
        hosts = [Host(config) for _ in range(processes)]
        try:
            for host in hosts:
                if not host.started.wait(TIMEOUT_S):
                    raise TimeoutError("a sinowatch run process did not start")
            all_running = datetime.now().astimezone()
            deadline = time.monotonic() + TIMEOUT_S
            count = select(func.count()).select_from(Article)
            while True:
                with database.session() as session:
                    if session.scalar(count) == expected:
                        break
                if time.monotonic() > deadline:
                    raise TimeoutError("the articles were not all stored")
                time.sleep(0.2)
            with database.session() as session:
                since = Article.first_seen >= all_running
                stored, last = session.execute(
                    select(func.count(), func.max(Article.first_seen)).where(since)
                ).one()
            cpu = sum(host.cpu_seconds() for host in hosts)
        finally:
            for host in hosts:
                host.stop()
            database.dispose()
    seconds = (last - all_running).total_seconds()
    rate = stored / seconds
    print(
        f"processes_{processes}: {rate:.1f} articles/s ({stored} articles in {seconds:.1f}s; "
        f"the processes used {cpu:.1f}s of CPU, start-up included)",
        flush=True,
    )
    return rate


def main() -> None:
    rates = {n: measure(n) for n in PROCESSES}
    print(f"speedup_3_vs_1: {rates[3] / rates[1]:.2f}")


if __name__ == "__main__":
    main()
