"""``/healthz`` and ``/metrics`` on the crawled database, a stopped scheduler and a database
that does not answer."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import func, select

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.storage.tables import CrawlRun
from tests.web.filled import Filled, served

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:1/nothing"
"""Nothing listens on port 1: every connection is refused at once."""


@pytest.fixture
def down_url(filled: Filled) -> Iterator[str]:
    database = Database(UNREACHABLE)
    try:
        with served(filled.settings, database) as running:
            yield running.url
    finally:
        database.dispose()


def _samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_healthz_reports_database_and_last_crawl(live_url: str) -> None:
    response = httpx.get(f"{live_url}/healthz")
    assert response.status_code == 200, response.text
    health = response.json()
    assert health["status"] == "ok" and health["database"]["ok"]
    assert health["scheduler"]["ok"] and "serve" in health["scheduler"]["detail"]
    assert 0 <= health["last_crawl_age_seconds"] < 3600


def test_healthz_fails_when_the_scheduler_stopped(filled: Filled, filled_db: Database) -> None:
    scheduler = SimpleNamespace(running=False)
    with served(filled.settings, filled_db, scheduler=scheduler) as running:
        stopped = httpx.get(f"{running.url}/healthz")
        assert stopped.status_code == 503
        assert stopped.json()["scheduler"] == {"ok": False, "detail": "stopped"}
        scheduler.running = True
        assert httpx.get(f"{running.url}/healthz").status_code == 200


def test_healthz_fails_and_metrics_say_so_when_the_database_is_unreachable(down_url: str) -> None:
    response = httpx.get(f"{down_url}/healthz")
    assert response.status_code == 503
    health = response.json()
    assert health["status"] == "fail" and not health["database"]["ok"]
    assert health["database"]["detail"].startswith("OperationalError")
    metrics = httpx.get(f"{down_url}/metrics")
    assert metrics.status_code == 200
    assert _samples(metrics.text) == {("sinowatch_storage_up", ()): 0.0}


def test_metrics_are_the_stored_counts(live_url: str, filled_db: Database) -> None:
    response = httpx.get(f"{live_url}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    samples = _samples(response.text)
    with filled_db.session() as session:
        alerts = dict(
            session.execute(select(Alert.watchlist, func.count()).group_by(Alert.watchlist)).all()
        )
        statuses = dict(
            session.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all()
        )
        runs = dict(
            session.execute(select(CrawlRun.status, func.count()).group_by(CrawlRun.status)).all()
        )
        ledgers = [d["ledger"] for d in session.scalars(select(CrawlRun.details)) if d]
    assert samples[("sinowatch_storage_up", ())] == 1
    for watchlist, count in alerts.items():
        assert samples[("sinowatch_alerts", (("watchlist", watchlist),))] == count
    for status, count in statuses.items():
        assert samples[("sinowatch_deliveries", (("status", status),))] == count
    for status, count in runs.items():
        assert samples[("sinowatch_crawl_runs", (("status", status),))] == count
    new = samples[("sinowatch_crawl_entries", (("outcome", "new"), ("reason", "")))]
    assert new == sum(ledger["new"] for ledger in ledgers) > 0
    assert samples[("sinowatch_extraction_failures", ())] == 0
    assert samples[("sinowatch_outbox_depth", ())] == statuses["pending"] >= 1  # the seeded alert
    assert samples[("sinowatch_outbox_oldest_pending_age_seconds", ())] > 0
    latency_count = samples[("sinowatch_delivery_latency_seconds_count", ())]
    assert latency_count == statuses["sent"] > 0
    assert (
        samples[("sinowatch_delivery_latency_seconds_bucket", (("le", "+Inf"),))] == latency_count
    )
    assert samples[("sinowatch_last_crawl_age_seconds", ())] >= 0


def test_each_app_has_its_own_registry(filled: Filled, filled_db: Database) -> None:
    """Two apps in one process: no duplicate-registration error, each reads its own database."""
    with served(filled.settings, filled_db) as one, served(filled.settings, filled_db) as two:
        texts = [httpx.get(f"{running.url}/metrics").text for running in (one, two)]
    assert texts[0].count("# TYPE sinowatch_alerts gauge") == 1
    assert _samples(texts[0]).keys() == _samples(texts[1]).keys()
