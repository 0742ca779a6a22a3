"""Shared by the service benchmarks: a local demo site, a config, and `sinowatch run` as a child.

The child logs JSON lines; :class:`RunningService` collects them and counts crawls.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sinowatch.demo_site import DemoArticle, DemoSite


def add_article(site: DemoSite, outlet: str, n: int, keyword: str = "Geneva") -> DemoArticle:
    """A distinct article (its own vocabulary, so no two are near-duplicates) naming ``keyword``."""
    words = [f"w{outlet}{n}x{i}" for i in range(80)]
    words.insert(40, keyword)
    article = DemoArticle(
        page=f"{outlet}-{n}",
        outlet=outlet,
        title=f"{outlet} bulletin {n}",
        body=f"<p>{' '.join(words)}.</p>",
        published=datetime.now(UTC) - timedelta(minutes=1),
    )
    site.add_article(article)
    return article


def write_config(
    workdir: Path, site: DemoSite, webhook_url: str, interval: str, workers: int = 0
) -> Path:
    sources = "\n".join(
        f"  - {{id: {o}, name: {o}, kind: feed, url: '{site.feed_url(o)}'}}" for o in site.outlets
    )
    path = workdir / "sinowatch.yaml"
    path.write_text(
        f"""
data_dir: {workdir}
database: {{url: 'sqlite:///{workdir}/bench.db'}}
crawler: {{download_delay: 0s, autothrottle: false, obey_robots: false, extract_workers: {workers}}}
schedule: {{interval: {interval}}}
channels:
  hook: {{type: webhook, url: '{webhook_url}'}}
watchlists:
  - name: bench
    channels: [hook]
    rules: {{relevant_only: false, min_relevance: 0}}
    topics: [{{id: geneva, query: Geneva}}]
sources:
{sources}
"""
    )
    return path


def start_run(config: Path, *extra: str) -> subprocess.Popen[str]:
    """``sinowatch run ARGS`` with JSON log lines on its stderr (a pipe), stdout discarded."""
    command = [sys.executable, "-m", "sinowatch", "-c", str(config), "run", *extra]
    return subprocess.Popen(
        [*command, "--log-format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


class RunningService:
    def __init__(self, config: Path) -> None:
        self.crawls = 0
        self.cond = threading.Condition()
        self.process = start_run(config)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            try:
                event = json.loads(line)
            except json.JSONDecodeError:
                continue
            if event.get("event") == "crawl":
                with self.cond:
                    self.crawls += 1
                    self.cond.notify_all()

    def wait_crawls(self, count: int, timeout: float = 600) -> None:
        with self.cond:
            if not self.cond.wait_for(lambda: self.crawls >= count, timeout=timeout):
                raise TimeoutError(f"only {self.crawls} of {count} crawls")

    def rss_mib(self) -> float:
        """Resident memory of the service and of its child processes (extraction workers)."""
        pids = [self.process.pid] + [
            int(stat.parent.name)
            for stat in Path("/proc").glob("[0-9]*/stat")
            if _parent_pid(stat) == self.process.pid
        ]
        return sum(_rss_kib(pid) for pid in pids) / 1024

    def stop(self) -> int:
        self.process.terminate()
        return self.process.wait(timeout=60)


def _parent_pid(stat: Path) -> int | None:
    try:
        return int(stat.read_text().rpartition(")")[2].split()[1])
    except OSError:  # ended meanwhile
        return None


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # ended meanwhile
        return 0
    lines = status.splitlines()
    return next((int(line.split()[1]) for line in lines if line.startswith("VmRSS")), 0)
