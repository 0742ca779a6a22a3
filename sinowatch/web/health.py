"""``/healthz`` and ``/metrics``.

``/healthz`` answers 200 when the database is reachable and, when the app runs inside the
service (``run --web`` sets ``app.state.scheduler``), the scheduler is running; 503 otherwise.
It also reports how long ago the last crawl finished.

``/metrics`` is Prometheus text from a registry built per app (:func:`metrics_registry`), so
two apps in one process never share or double-register metrics. A custom collector reads every
value from storage at scrape time (:func:`alerts.storage.reports.metrics_snapshot`): the
numbers are the stored truth, and they survive restarts and cover every process that writes.
They are gauges, not counters: retention deletes old articles, alerts and crawl runs, so a
stored count can fall, which a Prometheus counter must never do.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import (
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from alerts.storage.reports import last_crawl_finished_at, metrics_snapshot
from crawler.db import DatabaseFileGone
from crawler.redact import mask_urls
from crawler.storage.tables import utcnow

LATENCY_BUCKETS = (1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0, 4 * 3600.0, 24 * 3600.0)
"""Seconds from an alert's delivery being queued to it being sent (digests wait for hours)."""

router = APIRouter(tags=["health"])


class Check(BaseModel):
    ok: bool
    detail: str


class HealthOut(BaseModel):
    status: Literal["ok", "fail"]
    database: Check
    scheduler: Check
    last_crawl_at: datetime | None
    last_crawl_age_seconds: float | None


def _error(exc: Exception) -> str:
    """An error's first line, with the credentials of any URL in it masked."""
    first = (str(exc).strip().splitlines() or [""])[0]
    return mask_urls(f"{type(exc).__name__}: {first}")


def _scheduler(request: Request) -> Check:
    scheduler = getattr(request.app.state, "scheduler", None)
    if scheduler is None:
        return Check(ok=True, detail="not part of this process (sinowatch serve)")
    if scheduler.running:
        return Check(ok=True, detail="running")
    return Check(ok=False, detail="stopped")


@router.get(
    "/healthz",
    response_model=HealthOut,
    responses={503: {"model": HealthOut, "description": "Database or scheduler down"}},
)
def healthz(request: Request) -> Any:
    """Database reachable, scheduler alive (under ``run --web``), age of the last crawl."""
    last: datetime | None = None
    try:
        with request.app.state.sessions() as session:
            last = last_crawl_finished_at(session)  # a query: the database answers
        database = Check(ok=True, detail="reachable")
    except (SQLAlchemyError, DatabaseFileGone) as exc:
        database = Check(ok=False, detail=_error(exc))
    scheduler = _scheduler(request)
    health = HealthOut(
        status="ok" if database.ok and scheduler.ok else "fail",
        database=database,
        scheduler=scheduler,
        last_crawl_at=last,
        last_crawl_age_seconds=(utcnow() - last).total_seconds() if last else None,
    )
    return JSONResponse(
        health.model_dump(mode="json"), status_code=200 if health.status == "ok" else 503
    )


class StorageCollector(Collector):
    """Prometheus metrics read from the database at each scrape.

    ``sinowatch_storage_up`` is 0 (and nothing else is exported) when the database cannot be
    read, so a scrape never fails and an outage is visible as a value.
    """

    def __init__(self, sessions: Callable[[], Session]) -> None:
        self._sessions = sessions

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("sinowatch_storage_up", "1 if the database could be read")
        try:
            with self._sessions() as session:
                snapshot = metrics_snapshot(session)
                last = last_crawl_finished_at(session)
        except (SQLAlchemyError, DatabaseFileGone):
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        now = utcnow()

        crawls = GaugeMetricFamily(
            "sinowatch_crawl_runs", "Stored crawl runs of a source, by status", labels=["status"]
        )
        for status, count in snapshot.crawls.items():
            crawls.add_metric([status], count)
        yield crawls

        entries = GaugeMetricFamily(
            "sinowatch_crawl_entries",
            "Index entries of the stored crawl runs' ledgers by outcome (new, updated, known, "
            "skipped, failed) and reason",
            labels=["outcome", "reason"],
        )
        for (outcome, reason), count in sorted(snapshot.ledger.items()):
            entries.add_metric([outcome, reason], count)
        yield entries

        extraction = GaugeMetricFamily(
            "sinowatch_extraction_failures",
            "Pages of the stored crawl runs whose article text could not be extracted",
        )
        extraction.add_metric([], snapshot.extraction_failures)
        yield extraction

        alerts = GaugeMetricFamily(
            "sinowatch_alerts", "Stored alerts by watchlist", labels=["watchlist"]
        )
        for watchlist, count in snapshot.alerts.items():
            alerts.add_metric([watchlist], count)
        yield alerts

        deliveries = GaugeMetricFamily(
            "sinowatch_deliveries", "Outbox deliveries by status", labels=["status"]
        )
        for status, count in snapshot.outbox.items():
            deliveries.add_metric([status], count)
        yield deliveries

        depth = GaugeMetricFamily("sinowatch_outbox_depth", "Deliveries waiting to be sent")
        depth.add_metric([], snapshot.outbox.get("pending", 0))
        yield depth

        oldest = GaugeMetricFamily(
            "sinowatch_outbox_oldest_pending_age_seconds",
            "Age of the oldest pending delivery (0 when none is pending)",
        )
        pending_at = snapshot.oldest_pending_at
        oldest.add_metric([], (now - pending_at).total_seconds() if pending_at else 0.0)
        yield oldest

        yield _latency_histogram(snapshot.delivery_latencies)

        if last is not None:
            age = GaugeMetricFamily(
                "sinowatch_last_crawl_age_seconds", "Seconds since the last crawl finished"
            )
            age.add_metric([], (now - last).total_seconds())
            yield age


def _latency_histogram(latencies: list[float]) -> HistogramMetricFamily:
    histogram = HistogramMetricFamily(
        "sinowatch_delivery_latency_seconds", "Seconds from queueing a delivery to sending it"
    )
    buckets = [
        (_bound(bound), sum(1 for value in latencies if value <= bound))
        for bound in (*LATENCY_BUCKETS, math.inf)
    ]
    histogram.add_metric([], buckets=buckets, sum_value=sum(latencies))
    return histogram


def _bound(bound: float) -> str:
    return "+Inf" if math.isinf(bound) else repr(bound)


def metrics_registry(sessions: Callable[[], Session]) -> CollectorRegistry:
    """A registry of its own for one app (``app.state.metrics``), reading ``sessions``."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StorageCollector(sessions))
    return registry


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus text format; the registry is built once per app on the first scrape."""
    registry = getattr(request.app.state, "metrics", None)
    if registry is None:
        registry = request.app.state.metrics = metrics_registry(request.app.state.sessions)
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
