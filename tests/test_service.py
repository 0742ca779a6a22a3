"""End-to-end tests of `sinowatch run` as a real subprocess, plus its scheduling and log helpers.

The subprocess crawls a local demo site (sinowatch.demo_site) every 2 s and delivers alerts to a
local webhook receiver (sinowatch.sinks); the test publishes articles and sends signals.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import io
import json
import logging
import os
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import func, select
from standardwebhooks.webhooks import Webhook

from alerts.storage.tables import Alert, Delivery
from crawler.config import Schedule
from crawler.crawlstate import sync_sources
from crawler.db import Database
from crawler.records import SourceReport
from crawler.retention import delete_articles_before
from crawler.storage.tables import Article, CrawlRun, Source, Story
from sinowatch.demo_site import DemoArticle, DemoOutlet, DemoSite
from sinowatch.logs import JsonFormatter, configure_logging, secret_values
from sinowatch.service import first_run_time, log_crawl
from sinowatch.service.scheduling import Timetable
from sinowatch.settings import Settings
from sinowatch.sinks import WebhookReceiver
from tests.smtp import free_port

SECRET = "whsec_" + base64.b64encode(b"sinowatch-service-test-key!").decode()
WORDS = [
    *[
        "harbor",
        "council",
        "river",
        "ministry",
        "budget",
        "senate",
        "province",
        "freight",
        "cargo",
        "summit",
        "envoy",
    ],
    *[
        "delegation",
        "semiconductor",
        "grain",
        "vessel",
        "corridor",
        "railway",
        "pipeline",
        "election",
        "court",
    ],
    *[
        "factory",
        "labor",
        "union",
        "pension",
        "bond",
        "yield",
        "currency",
        "reserve",
        "bank",
        "lender",
        "startup",
    ],
    *[
        "satellite",
        "launch",
        "orbit",
        "drought",
        "harvest",
        "flood",
        "storm",
        "insurance",
        "premium",
        "hospital",
    ],
    *[
        "museum",
        "festival",
        "stadium",
        "airline",
        "airport",
        "tourism",
        "visa",
        "embassy",
        "consulate",
        "treaty",
    ],
    *[
        "patrol",
        "coast",
        "island",
        "reef",
        "fishery",
        "quota",
        "emission",
        "carbon",
        "battery",
        "lithium",
        "copper",
    ],
]


def body_for(seed: int, keyword: str) -> str:
    """A distinct article body (no two are near-duplicates) mentioning ``keyword`` once."""
    rng = random.Random(seed)
    words = [rng.choice(WORDS) for _ in range(90)]
    words.insert(40, keyword)
    return f"<p>{' '.join(words[:45]).capitalize()}.</p><p>{' '.join(words[45:])}.</p>"


def config_text(
    tmp: Path, site: DemoSite, webhook_url: str, topics: dict[str, str], sources: list[str]
) -> str:
    topic_lines = "\n".join(
        f"          - {{id: {name}, query: '{query}'}}" for name, query in topics.items()
    )
    source_lines = "\n".join(
        f"  - {{id: {s}, name: {s}, kind: feed, url: '{site.feed_url(s)}'}}" for s in sources
    )
    return f"""
data_dir: {tmp}
database:
  url: sqlite:///{tmp}/service.db
crawler:
  download_delay: 0s
  autothrottle: false
  obey_robots: false
  download_timeout: 20s
schedule:
  interval: 2s
channels:
  hook:
    type: webhook
    url: {webhook_url}
    secret: {SECRET}
watchlists:
  - name: desk
    channels: [hook]
    rules: {{relevant_only: false, min_relevance: 0}}
    topics:
{topic_lines}
sources:
{source_lines}
"""


class Service:
    """A `sinowatch run` subprocess whose JSON log lines are collected as they arrive."""

    def __init__(self, config: Path, *extra: str, prefix: Sequence[str] = ()) -> None:
        """``prefix`` runs it elsewhere (another host's namespace: ``tests/hosts.py``)."""
        self.events: list[dict[str, Any]] = []
        self.lines: list[str] = []
        self._cond = threading.Condition()
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [
                *prefix,
                sys.executable,
                "-m",
                "sinowatch",
                "-c",
                str(config),
                "run",
                "--log-format",
                "json",
                "--stop-timeout",
                "20",
                *extra,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._cond:
                self.lines.append(line)
                with contextlib.suppress(json.JSONDecodeError):
                    self.events.append(json.loads(line))
                self._cond.notify_all()

    def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], count: int = 1, timeout: float = 60
    ) -> list[dict[str, Any]]:
        def found() -> list[dict[str, Any]]:
            return [e for e in self.events if predicate(e)]

        with self._cond:
            if not self._cond.wait_for(lambda: len(found()) >= count, timeout=timeout):
                log = "".join(self.lines[-40:])
                raise AssertionError(f"expected {count} matching log events; log tail:\n{log}")
            return found()

    def crawls(self, source: str) -> int:
        with self._cond:
            return sum(
                1 for e in self.events if e.get("event") == "crawl" and e.get("source_id") == source
            )

    def wait_crawls(self, source: str, count: int, timeout: float = 60) -> None:
        self.wait_for(
            lambda e: e.get("event") == "crawl" and e.get("source_id") == source,
            count=count,
            timeout=timeout,
        )

    def stop(self, signum: int = signal.SIGTERM, timeout: float = 60) -> int:
        self.process.send_signal(signum)
        return self.process.wait(timeout=timeout)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture
def site() -> Iterator[DemoSite]:
    demo = DemoSite()
    demo.add_outlet(DemoOutlet(id="wire", name="Test Wire", feed="/wire/feed.xml"))
    demo.add_outlet(DemoOutlet(id="daily", name="Test Daily", feed="/daily/feed.xml"))
    for n in range(3):
        demo.add_article(article(n, "wire", "Geneva"))
    with demo:
        yield demo


def article(n: int, outlet: str, keyword: str, *, visible: bool = True) -> DemoArticle:
    return DemoArticle(
        page=f"{outlet}-{n}",
        outlet=outlet,
        title=f"{outlet} report {n}",
        body=body_for(n * 31 + len(outlet), keyword),
        published=datetime.now(UTC) - timedelta(minutes=5),
        visible=visible,
    )


@pytest.fixture
def service_factory(tmp_path: Path) -> Iterator[Callable[[Path], Service]]:
    started: list[Service] = []

    def start(config: Path, *extra: str) -> Service:
        service = Service(config, *extra)
        started.append(service)
        return service

    yield start
    for service in started:
        service.kill()


def write_config(tmp_path: Path, site: DemoSite, url: str, **topics: str) -> Path:
    path = tmp_path / "sinowatch.yaml"
    path.write_text(config_text(tmp_path, site, url, topics or {"geneva": "Geneva"}, ["wire"]))
    return path


# -- end to end ----------------------------------------------------------------------------------


@pytest.mark.e2e
def test_new_article_sends_one_signed_webhook(tmp_path, site, service_factory):
    with WebhookReceiver() as receiver:
        service = service_factory(write_config(tmp_path, site, receiver.url))
        service.wait_crawls("wire", 1)  # the baseline: stored, not alerted
        site.add_article(article(10, "wire", "Geneva"))
        site.add_article(article(11, "wire", "Lisbon"))  # matches no topic
        published = time.monotonic()
        requests = receiver.wait_for(1, timeout=30)
        latency = time.monotonic() - published
        service.wait_crawls("wire", service.crawls("wire") + 2)  # later crawls send nothing more
        assert service.stop() == 0
    assert len(receiver.requests) == 1, [r.json()["article"]["title"] for r in receiver.requests]
    payload = Webhook(SECRET).verify(requests[0].body, requests[0].headers)
    assert payload["article"]["title"] == "wire report 10"
    [sent] = [e for e in service.events if e.get("event") == "delivery"]
    assert (sent["result"], sent["channel"]) == ("sent", "hook")
    assert sent["alerts"] == [payload["alert"]["id"]]
    assert sent["key"] == requests[0].headers["webhook-id"]
    assert all(SECRET not in line for line in service.lines)
    assert latency < 20, "the alert should follow the next crawl (2 s interval)"


@pytest.mark.e2e
def test_sigterm_finishes_the_running_crawl_and_exits_0(tmp_path, site, service_factory):
    with WebhookReceiver() as receiver:
        service = service_factory(write_config(tmp_path, site, receiver.url))
        service.wait_crawls("wire", 1)
        slow = article(20, "wire", "Geneva")
        site.add_article(slow)
        site.delays[slow.path] = 4.0
        with site._lock:
            already = len(site.requests)
        deadline = time.monotonic() + 30
        while slow.path not in site.requests[already:] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert service.stop(signal.SIGTERM) == 0  # sent while the slow page is being served
        [summary] = [e for e in service.events if e.get("event") == "stopped"]
    assert summary["crawls"] >= 2 and summary["failed"] == 0
    assert summary["new_articles"] == 4 and summary["alerts"] == 1  # baseline 3, then the slow one
    assert summary["pending_deliveries"] == 0
    assert summary["msg"].startswith("stopped after ")
    db = Database(f"sqlite:///{tmp_path}/service.db")
    with db.session() as session:
        urls = set(session.scalars(select(Article.url)))
        running = session.scalar(select(func.count()).where(Delivery.status != "sent"))
    db.dispose()
    assert site.url(slow) in urls, "the crawl in flight was finished and committed"
    assert running == 0
    assert len(receiver.requests) == 1, "its alert was sent before exiting"


@pytest.mark.e2e
def test_sighup_reload_adds_a_watchlist_topic_and_survives_a_broken_config(
    tmp_path, site, service_factory
):
    with WebhookReceiver() as receiver:
        config = write_config(tmp_path, site, receiver.url)
        service = service_factory(config)
        service.wait_crawls("wire", 1)
        good = config.read_text()

        config.write_text(good + "\nbogus_key: [\n")
        service.process.send_signal(signal.SIGHUP)
        failed = service.wait_for(lambda e: e.get("event") == "reload" and e.get("ok") is False)
        assert str(config) in failed[0]["msg"] and ":" in failed[0]["msg"]

        site.add_article(article(30, "wire", "Geneva"))
        receiver.wait_for(1, timeout=30)  # the old config keeps running

        config.write_text(
            config_text(
                tmp_path, site, receiver.url, {"geneva": "Geneva", "oslo": "Oslo"}, ["wire"]
            )
        )
        service.process.send_signal(signal.SIGHUP)
        service.wait_for(lambda e: e.get("event") == "reload" and e.get("ok") is True)
        site.add_article(article(31, "wire", "Oslo"))
        requests = receiver.wait_for(2, timeout=30)
        assert service.stop() == 0
    titles = sorted(r.json()["article"]["title"] for r in requests)
    assert titles == ["wire report 30", "wire report 31"]


@pytest.mark.e2e
def test_watch_config_reloads_when_the_file_changes(tmp_path, site, service_factory):
    with WebhookReceiver() as receiver:
        config = write_config(tmp_path, site, receiver.url)
        service = service_factory(config, "--watch-config")
        service.wait_crawls("wire", 1)
        config.write_text(config_text(tmp_path, site, receiver.url, {"oslo": "Oslo"}, ["wire"]))
        service.wait_for(lambda e: e.get("event") == "reload" and e.get("ok") is True)
        # A crawl running at the reload finishes on the rules it started with: the article
        # comes once it has ended, so that only crawls on the new rules can see it.
        service.wait_crawls("wire", service.crawls("wire") + 1)
        site.add_article(article(50, "wire", "Oslo"))
        requests = receiver.wait_for(1, timeout=30)
        assert service.stop() == 0
    assert [r.json()["article"]["title"] for r in requests] == ["wire report 50"]


@pytest.mark.e2e
def test_sigkill_mid_crawl_then_restart_loses_and_repeats_nothing(tmp_path, site, service_factory):
    hook_port = free_port()
    url = f"http://127.0.0.1:{hook_port}/hooks/sinowatch"
    config = write_config(tmp_path, site, url)
    service = service_factory(config)  # no receiver yet: deliveries stay pending (retries)
    service.wait_crawls("wire", 1)
    for n in (40, 41):
        site.add_article(article(n, "wire", "Geneva"))
    service.wait_for(lambda e: e.get("event") == "crawl" and e.get("alerts", 0) >= 2)
    slow = article(42, "wire", "Geneva")
    site.add_article(slow)
    site.delays[slow.path] = 30.0
    deadline = time.monotonic() + 30
    while slow.path not in site.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    service.process.send_signal(signal.SIGKILL)  # in the middle of fetching the slow page
    service.process.wait(timeout=30)
    db = Database(f"sqlite:///{tmp_path}/service.db")
    with db.session() as session:
        pending = session.scalar(select(func.count()).where(Delivery.status == "pending"))
    assert pending == 2

    site.delays.clear()
    with WebhookReceiver(port=hook_port) as receiver:
        restarted = service_factory(config)
        requests = receiver.wait_for(3, timeout=90)
        restarted.wait_crawls("wire", 2)
        assert restarted.stop() == 0
    with db.session() as session:
        urls = list(session.scalars(select(Article.url)))
        alerts = session.scalar(select(func.count()).select_from(Alert))
        keys = {d.alert_id: d.idempotency_key for d in session.scalars(select(Delivery))}
        statuses = set(session.scalars(select(Delivery.status)))
        runs = Counter(session.scalars(select(CrawlRun.status)))
    db.dispose()
    assert runs["interrupted"] >= 1 and runs["running"] == 0, runs  # the killed run is closed
    assert len(urls) == len(set(urls)) == 6, "every article stored exactly once"
    assert alerts == 3, "the two pending alerts and the one from the interrupted crawl"
    assert statuses == {"sent"}
    received = {}
    for request in requests:
        body = Webhook(SECRET).verify(request.body, request.headers)
        received.setdefault(body["alert"]["id"], set()).add(request.headers["webhook-id"])
    assert set(received) == set(keys), "no alert lost"
    for alert_id, ids in received.items():
        assert ids == {keys[alert_id]}, "a resend carries the same idempotency key"
    assert len({r.headers["webhook-id"] for r in requests}) == 3


# -- scheduling ----------------------------------------------------------------------------------

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_first_run_follows_the_last_crawl_time():
    trigger = IntervalTrigger(minutes=30, timezone=UTC)
    schedule = Schedule(interval=timedelta(minutes=30), jitter=timedelta(minutes=2))
    rng = random.Random(1)
    last = NOW - timedelta(minutes=10)
    assert first_run_time(trigger, last, NOW, schedule, rng) == last + timedelta(minutes=30)


def test_restart_schedules_each_source_from_its_last_crawl_in_the_database(database, tmp_path):
    """What `run` does at start: read each source's last crawl time and schedule from it."""
    settings = Settings.model_validate(
        {
            "schedule": {"interval": "30m", "jitter": "1m"},
            "sources": [
                {"id": s, "name": s, "kind": "feed", "url": f"http://127.0.0.1/{s}.xml"}
                for s in ("recent", "overdue", "never")
            ],
        }
    )
    now = datetime.now(UTC)
    recent = now - timedelta(minutes=10)
    with database.transaction() as session:
        sync_sources(session, settings.sources)
        session.get(Source, "recent").last_run_at = recent
        session.get(Source, "overdue").last_run_at = now - timedelta(hours=3)

    crawled: list[str] = []

    async def crawl(source_id: str) -> None:
        crawled.append(source_id)

    async def schedule() -> dict[str, datetime]:
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.start(paused=True)
        try:
            Timetable(scheduler, database).schedule_sources(settings, crawl)
            return Timetable(scheduler, database).next_crawls()
        finally:
            scheduler.shutdown(wait=False)

    first = asyncio.run(schedule())
    assert set(first) == {"recent", "overdue", "never"}
    assert first["recent"] == recent + timedelta(minutes=30), "not re-crawled at restart"
    for source in ("overdue", "never"):
        assert now <= first[source] <= now + timedelta(minutes=1, seconds=5)
    assert list(first)[-1] == "recent", "soonest first"
    assert crawled == [], "scheduled, not run"


def test_reload_reschedules_changed_sources_and_drops_disabled_ones(database, tmp_path):
    """What a reload does to the timetable: unchanged sources keep their next run, changed ones
    are scheduled again, disabled ones are dropped; digests follow the channels."""

    def settings(interval: str, enabled: bool) -> Settings:
        return Settings.model_validate(
            {
                "schedule": {"interval": "30m"},
                "channels": {"daily": {"type": "jsonl", "path": "a.jsonl", "mode": "digest"}}
                if enabled
                else {},
                "sources": [
                    {"id": "same", "name": "s", "kind": "feed", "url": "http://127.0.0.1/s.xml"},
                    {
                        "id": "edited",
                        "name": "e",
                        "kind": "feed",
                        "url": "http://127.0.0.1/e.xml",
                        "schedule": {"interval": interval},
                    },
                    {
                        "id": "dropped",
                        "name": "d",
                        "kind": "feed",
                        "url": "http://127.0.0.1/d.xml",
                        "enabled": enabled,
                    },
                ],
            }
        )

    async def job(_name: str) -> None:
        raise AssertionError("scheduled, never run")

    async def reload() -> tuple[dict[str, datetime], dict[str, datetime], list[str]]:
        scheduler = AsyncIOScheduler(timezone=UTC)
        scheduler.start(paused=True)
        try:
            timetable = Timetable(scheduler, database, rng=random.Random(4))
            timetable.schedule_sources(settings("10m", True), job)
            timetable.schedule_digests(settings("10m", True), job)
            before = timetable.next_crawls()
            assert scheduler.get_job("digest:daily") is not None
            with database.transaction() as session:  # both crawled since: a later first run
                for source_id in ("same", "edited"):
                    session.get(Source, source_id).last_run_at = datetime.now(UTC)
            timetable.schedule_sources(settings("20m", False), job, changed={"edited"})
            timetable.schedule_digests(settings("20m", False), job)
            return before, timetable.next_crawls(), [j.id for j in scheduler.get_jobs()]
        finally:
            scheduler.shutdown(wait=False)

    before, after, jobs = asyncio.run(reload())
    assert set(before) == {"same", "edited", "dropped"} and set(after) == {"same", "edited"}
    assert after["same"] == before["same"], "an unchanged source keeps its next run"
    assert after["edited"] > before["edited"] + timedelta(minutes=15), "its new 20m interval"
    assert not any(job_id.startswith("digest:") for job_id in jobs)


def test_overdue_and_new_sources_are_spread_over_the_jitter():
    trigger = IntervalTrigger(minutes=30, timezone=UTC)
    schedule = Schedule(interval=timedelta(minutes=30), jitter=timedelta(minutes=2))
    rng = random.Random(2)
    times = [
        first_run_time(trigger, NOW - timedelta(hours=5), NOW, schedule, rng) for _ in range(50)
    ] + [first_run_time(trigger, None, NOW, schedule, rng) for _ in range(50)]
    assert all(NOW <= t <= NOW + timedelta(minutes=2) for t in times)
    assert len(set(times)) > 90, "not all at once"


def test_cron_source_missed_while_down_runs_soon_otherwise_at_its_next_fire():
    trigger = CronTrigger.from_crontab("0 * * * *", timezone=UTC)
    schedule = Schedule(cron="0 * * * *")
    rng = random.Random(3)
    now = NOW + timedelta(minutes=20)
    recent = first_run_time(trigger, now - timedelta(minutes=10), now, schedule, rng)
    assert recent == NOW + timedelta(hours=1)
    missed = first_run_time(trigger, now - timedelta(minutes=25), now, schedule, rng)
    assert now <= missed <= now + timedelta(seconds=30), "the 12:00 run was missed"


# -- logs and retention --------------------------------------------------------------------------


def test_logs_redact_every_secret_in_human_and_json_output():
    smtp_password = 'smtp "pass" \\ 456'  # JSON escapes it: redaction must still catch it
    apprise_url = "tgram://123456:bot-token-789/-100200300"
    settings = Settings.model_validate(
        {
            "database": {"url": "postgresql+psycopg://sw:db%40pass-123@127.0.0.1/sw"},
            "channels": {
                "hook": {
                    "type": "webhook",
                    "url": "http://x.invalid",
                    "secret": SECRET,
                    "headers": {"Authorization": "Bearer hdr-token-1", "Accept": "text/plain"},
                },
                "mail": {
                    "type": "email",
                    "host": "x",
                    "from": "a@x",
                    "to": ["b@x"],
                    "password": smtp_password,
                },
                "chat": {"type": "apprise", "urls": [apprise_url]},
            },
        }
    )
    secrets = secret_values(settings)
    assert set(secrets) == {
        SECRET,
        "db@pass-123",
        smtp_password,
        apprise_url,
        "Bearer hdr-token-1",
    }, "the Accept header is not a secret"
    leaks = [*secrets, "db%40pass-123", json.dumps(smtp_password)[1:-1], "bot-token-789"]
    for fmt in ("human", "json"):
        stream = io.StringIO()
        handler = configure_logging(fmt, secrets=secrets, stream=stream)
        try:
            log = logging.getLogger("sinowatch.test")
            log.warning(
                "connecting to %s with %s and %s",
                "postgresql+psycopg://sw:db%40pass-123@127.0.0.1/sw",
                SECRET,
                "Bearer hdr-token-1",
                extra={"key": smtp_password, "urls": [apprise_url]},
            )
            try:
                raise ConnectionError(f"login refused for {smtp_password!r} via {apprise_url}")
            except ConnectionError:
                log.exception("send failed")
        finally:
            logging.getLogger().removeHandler(handler)
        output = stream.getvalue()
        assert "connecting to postgresql+psycopg://sw:****@127.0.0.1/sw with ****" in output
        for leak in leaks:
            assert leak not in output, (fmt, leak)
        if fmt == "json":
            lines = [json.loads(line) for line in output.splitlines()]
            assert len(lines) == 2, "one object per line, tracebacks included"
            assert lines[0]["key"] == "****" and lines[1]["exc"]
            assert {"ts", "level", "logger", "msg"} <= set(lines[0]) & set(lines[1])


def test_json_log_lines_carry_the_extra_fields():
    record = logging.makeLogRecord(
        {"msg": "crawl %s", "args": ("wire",), "levelname": "INFO", "event": "crawl", "new": 3}
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "crawl wire" and line["event"] == "crawl" and line["new"] == 3


def test_crawl_log_line_counts_updated_articles_apart_from_new_and_known(caplog):
    report = SourceReport(
        source_id="wire", status="ok", requests=5, new_articles=1, revised=2, known=3
    )
    with caplog.at_level(logging.INFO, logger="sinowatch"):
        log_crawl(report)
    (record,) = [r for r in caplog.records if getattr(r, "event", None) == "crawl"]
    message = record.getMessage()
    assert "1 new, 2 updated, 3 known" in message, message
    assert record.revised == 2


def test_retention_deletes_old_articles_their_alerts_and_empty_stories(database):
    now = datetime.now(UTC)
    with database.transaction() as session:
        for n, age in enumerate((200, 100, 1)):
            story = Story(title=f"s{n}")
            session.add(story)
            session.flush()
            session.add(
                article := Article(
                    canonical_url=f"https://x.test/{n}",
                    url=f"https://x.test/{n}",
                    story_id=story.id,
                    first_seen=now - timedelta(days=age),
                )
            )
            session.flush()
            alert = Alert(watchlist="desk", story_id=story.id, article_id=article.id, title=f"a{n}")
            session.add(alert)
            session.flush()
            session.add(Delivery(alert_id=alert.id, channel="hook", idempotency_key=f"k{n}"))
    with database.transaction() as session:
        result = delete_articles_before(session, now - timedelta(days=90))
    assert (result.articles, result.stories) == (2, 2)
    with database.session() as session:
        assert list(session.scalars(select(Article.url))) == ["https://x.test/2"]
        assert session.scalar(select(func.count()).select_from(Story)) == 1
        # the alerts and outbox rows of deleted articles go with them (ON DELETE CASCADE)
        assert list(session.scalars(select(Alert.title))) == ["a2"]
        assert list(session.scalars(select(Delivery.idempotency_key))) == ["k2"]


@pytest.mark.e2e
def test_an_unexpected_error_exits_1_through_our_log_not_twisteds() -> None:
    script = (
        "import logging, sys\n"
        "logging.basicConfig(stream=sys.stderr)\n"
        "from sinowatch.service import run_and_exit\n"
        "async def main():\n"
        "    raise RuntimeError('boom')\n"
        "run_and_exit(main)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert "sinowatch stopped on an unexpected error" in done.stderr
    assert "RuntimeError: boom" in done.stderr
    assert "main function encountered error" not in done.stderr


@pytest.mark.parametrize("outcome", ["value", "error"])
def test_the_reactor_runs_main_and_returns_its_value_or_raises_its_own_error(outcome: str) -> None:
    """crawler.reactor.run_on_reactor: the one way every command starts Twisted."""
    script = (
        "import sys\n"
        "from crawler.reactor import run_on_reactor\n"
        "async def main():\n"
        f"    if {outcome!r} == 'error':\n"
        "        raise KeyError('boom')\n"
        "    return 42\n"
        "try:\n"
        "    print('returned', run_on_reactor(main))\n"
        "except KeyError as exc:\n"
        "    print('raised', repr(exc))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    expected = "returned 42" if outcome == "value" else "raised KeyError('boom')"
    assert done.stdout.strip() == expected
    assert "Traceback" not in done.stderr, "Twisted logged nothing of its own"


@pytest.mark.e2e
def test_run_with_an_unreachable_database_explains_and_exits_1(tmp_path: Path) -> None:
    config = tmp_path / "sinowatch.yaml"
    config.write_text(
        "database: {url: 'postgresql+psycopg://nobody:pw-123@127.0.0.1:1/none'}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "sinowatch", "-c", str(config), "run"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "cannot open database" in done.stderr
    assert "pw-123" not in done.stderr
    assert "Traceback" not in done.stderr
