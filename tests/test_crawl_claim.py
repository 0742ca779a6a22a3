"""Several processes on one database: each scheduled crawl is claimed in the database first."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from crawler import crawlstate
from crawler.db import Database
from crawler.records import SourceReport
from crawler.storage.tables import Source
from sinowatch.cli import app
from sinowatch.demo_site import DemoOutlet, DemoSite
from sinowatch.service import claim_min_gap
from sinowatch.settings import Settings
from tests.test_service import article, config_text

NOW = datetime(2026, 11, 3, 8, 0, tzinfo=UTC)
GAP = timedelta(minutes=15)
JSON_LOGS = ("--log-format", "json")


def _source(database: Database) -> None:
    with database.transaction() as session:
        session.add(Source(id="s", name="S", kind="feed"))


def _claim(database: Database, now: datetime) -> bool:
    with database.transaction() as session:
        return crawlstate.claim_run(session, "s", now=now, min_gap=GAP).won


def test_only_the_first_claim_within_the_gap_wins(any_database: Database) -> None:
    _source(any_database)
    assert _claim(any_database, NOW)
    assert not _claim(any_database, NOW)
    assert not _claim(any_database, NOW + GAP - timedelta(seconds=1))
    assert _claim(any_database, NOW + GAP)
    with any_database.session() as session:
        assert crawlstate.last_crawl_times(session) == {"s": NOW + GAP}


def test_a_source_without_a_row_is_crawled_unclaimed(any_database: Database) -> None:
    assert _claim(any_database, NOW)
    assert _claim(any_database, NOW)
    with any_database.session() as session:
        assert crawlstate.last_crawl_times(session) == {}


def test_a_manual_run_is_recorded_from_its_start_and_blocks_scheduled_claims(
    any_database: Database,
) -> None:
    _source(any_database)
    with any_database.transaction() as session:
        run_id = crawlstate.start_run(session, "s")
    with any_database.transaction() as session:
        started = crawlstate.last_crawl_times(session)["s"]
        crawlstate.finish_run(session, run_id, SourceReport("s", status="ok"))
    with any_database.session() as session:
        assert crawlstate.last_crawl_times(session) == {"s": started}
    assert not _claim(any_database, started + GAP / 2)
    assert _claim(any_database, started + GAP)


LEASE = timedelta(seconds=30)


def test_a_dead_owners_lease_is_taken_over_once_after_it_ran_out(any_database: Database) -> None:
    _source(any_database)
    dead, alive, other = (crawlstate.Lease(name, LEASE) for name in ("dead", "alive", "other"))
    with any_database.transaction() as session:
        assert crawlstate.claim_run(session, "s", now=NOW, min_gap=GAP, lease=dead)
        run_id = crawlstate.start_run(session, "s")

    def take(lease: crawlstate.Lease, now: datetime) -> list[str]:
        with any_database.transaction() as session:
            return crawlstate.take_over_expired(session, ["s", "unknown"], lease, now=now)

    # a crawl still under its lease is not claimed again, however long it runs
    with any_database.transaction() as session:
        later = NOW + LEASE - timedelta(seconds=1)
        assert not crawlstate.claim_run(session, "s", now=later, min_gap=GAP / 100, lease=alive)
    assert take(alive, NOW + LEASE - timedelta(seconds=1)) == []
    assert take(alive, NOW + LEASE + timedelta(seconds=1)) == ["s"]
    assert take(other, NOW + LEASE + timedelta(seconds=2)) == []  # alive holds it now
    with any_database.session() as session:
        run = crawlstate.runs.get(session, run_id)
        assert run is not None and run.status == "interrupted"
        assert crawlstate.last_crawl_times(session) == {"s": NOW + LEASE + timedelta(seconds=1)}
    # renewed, the lease is not taken; released, there is none to take
    with any_database.transaction() as session:
        assert crawlstate.renew_leases(session, alive, now=NOW + 2 * LEASE) == 1
    assert take(other, NOW + 2 * LEASE + timedelta(seconds=1)) == []
    with any_database.transaction() as session:
        crawlstate.release_lease(session, "s", alive)
    assert take(other, NOW + 10 * LEASE) == []


def test_a_lease_of_a_dead_process_of_this_host_is_taken_over_at_once(
    any_database: Database,
) -> None:
    _source(any_database)
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = crawlstate.Lease(f"{socket.gethostname()}:{int(gone.stdout)}:0", LEASE)
    alive = crawlstate.Lease("alive", LEASE)
    with any_database.transaction() as session:
        assert crawlstate.claim_run(session, "s", now=NOW, min_gap=GAP, lease=dead)
    with any_database.transaction() as session:
        later = NOW + timedelta(seconds=1)  # the lease has 29 s to run
        assert crawlstate.take_over_expired(session, ["s"], alive, now=later) == ["s"]


def test_a_scheduled_claim_over_a_lease_that_ran_out_closes_the_run_its_owner_left(
    any_database: Database,
) -> None:
    """On another host the dead owner's pid means nothing here: its run is closed by whichever
    comes first, the lease job's take-over or the next scheduled claim (this one)."""
    _source(any_database)
    far = crawlstate.Lease("far-host:4242:0", LEASE)
    near = crawlstate.Lease("near-host:1:0", LEASE)
    with any_database.transaction() as session:
        assert crawlstate.claim_run(session, "s", now=NOW, min_gap=GAP, lease=far)
        started = {"started": NOW}
        left = crawlstate.runs.add(
            session, "s", **started, details={"owner": {"host": "far-host", "pid": 4242}}
        )
        # a `sinowatch crawl` of another process, which holds no lease: not this claim's to close
        manual = crawlstate.runs.add(
            session, "s", **started, details={"owner": {"host": "far-host", "pid": 77}}
        )
    later = NOW + max(GAP, LEASE) + timedelta(seconds=1)
    with any_database.transaction() as session:
        claim = crawlstate.claim_run(session, "s", now=later, min_gap=GAP, lease=near)
    assert claim == crawlstate.Claim(won=True, interrupted=1)
    with any_database.session() as session:
        closed, untouched = (crawlstate.runs.get(session, run) for run in (left, manual))
        assert closed is not None and closed.status == "interrupted"
        assert closed.finished_at is not None and "taken over" in (closed.error or "")
        assert untouched is not None and untouched.status == "running"


def _settings(schedule: dict[str, Any]) -> Settings:
    source = {"id": "s", "name": "S", "kind": "feed", "url": "http://127.0.0.1/feed.xml"}
    return Settings.model_validate({"schedule": schedule, "sources": [source]})


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        ({"interval": "10m"}, timedelta(minutes=5)),
        ({"interval": "10m", "jitter": "2m"}, timedelta(minutes=4)),
        ({"interval": "10m", "jitter": "20m"}, timedelta(0)),
        ({"cron": "*/20 * * * *"}, timedelta(minutes=10)),
        # the run at 8:00 follows yesterday's 9:00 (23 h), the run at 9:00 today's 8:00 (1 h)
        ({"cron": "0 8,9 * * *"}, timedelta(hours=11, minutes=30)),
        ({"cron": "0 8,9 * * *", "hour": 9}, timedelta(minutes=30)),
    ],
)
def test_claim_gap_is_half_the_schedule_gap_less_jitter(
    schedule: dict[str, Any], expected: timedelta
) -> None:
    now = NOW.replace(hour=schedule.pop("hour", NOW.hour)) + timedelta(seconds=1)
    settings = _settings(schedule)
    assert claim_min_gap(settings, settings.sources[0], now) == expected


class Run:
    """A `sinowatch -vv run` subprocess; counts its crawls and the runs it left to another."""

    def __init__(self, config: Path) -> None:
        self.events: list[dict[str, Any]] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sinowatch", "-c", str(config), "-vv", "run", *JSON_LOGS],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with contextlib.suppress(json.JSONDecodeError):
                self.events.append(json.loads(line))

    def count(self, event: str) -> int:
        return sum(1 for e in list(self.events) if e.get("event") == event)

    def stop(self) -> int:
        """Stop the process and read the last of its log (a crawl it logged while stopping)."""
        if self.process.poll() is None:
            self.process.terminate()
        code = self.process.wait(timeout=60)
        self._reader.join(timeout=10)
        return code


@pytest.fixture
def site() -> Iterator[DemoSite]:
    demo = DemoSite()
    demo.add_outlet(DemoOutlet(id="wire", name="Test Wire", feed="/wire/feed.xml"))
    demo.add_article(article(0, "wire", "Geneva"))
    with demo:
        yield demo


@pytest.mark.e2e
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_two_services_on_one_database_crawl_each_source_once_per_interval(
    backend: str, tmp_path: Path, site: DemoSite, request: pytest.FixtureRequest
) -> None:
    text = config_text(tmp_path, site, "http://127.0.0.1:9/hook", {"geneva": "Geneva"}, ["wire"])
    if backend == "postgresql":
        url = request.getfixturevalue("pg_url")
        text = text.replace(f"url: sqlite:///{tmp_path}/service.db", f"url: '{url}'")
    config = tmp_path / "sinowatch.yaml"
    config.write_text(text)
    runs = [Run(config)]
    try:
        deadline = time.monotonic() + 120
        while not runs[0].count("start"):  # the first migrates the database; then the second
            assert time.monotonic() < deadline and runs[0].process.poll() is None, runs[0].events
            time.sleep(0.1)
        runs.append(Run(config))
        # each process fires every 2 s; stop once together they have fired 16 times
        while sum(r.count("crawl") + r.count("crawl_skipped") for r in runs) < 16:
            assert time.monotonic() < deadline, [r.events[-5:] for r in runs]
            assert all(r.process.poll() is None for r in runs), [r.events[-5:] for r in runs]
            time.sleep(0.2)
    finally:
        codes = [r.stop() for r in runs]
    assert codes == [0, 0]
    fired = sum(r.count("crawl") + r.count("crawl_skipped") for r in runs)
    feeds = site.requests.count("/wire/feed.xml")
    assert feeds == sum(r.count("crawl") for r in runs), [r.events for r in runs]
    # without claims every firing crawls (feeds == fired); with them about half do
    assert 0.25 * fired <= feeds <= 0.75 * fired, (feeds, fired)


def test_run_refuses_an_unknown_role(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(f"data_dir: {tmp_path}\n")
    args = ["-c", str(config), "run", "--only", "crawl", "--only", "web"]
    result = CliRunner().invoke(app, args, env={"COLUMNS": "400"})
    assert result.exit_code == 2
    assert "unknown role web: use crawl, dispatch, housekeeping" in result.output
