"""Storage throughput on SQLite and PostgreSQL, side by side.

Run: ``python bench/storage.py [--rows 5000] [--repeats 5] [--pg-url URL | --no-postgres]``

1. Article inserts: multi-row ``INSERT … ON CONFLICT (canonical_url) DO NOTHING RETURNING id`` in
   batches of 500, one commit per batch (a fifth of the rows repeat an earlier URL and are
   skipped by the database), against the baseline of one INSERT and one commit per row. Prints
   the median rows/s of each and their ratio.
2. Outbox claims: :func:`alerts.outbox.claim` + :func:`alerts.outbox.mark_sent` draining N due
   deliveries in claims of 50, against claims of 1. Prints median deliveries/s and the ratio.

Each backend gets a fresh migrated database: a temporary SQLite file, and a throwaway PostgreSQL
database ``sw_bench_<random>`` created and dropped on ``--pg-url``'s server (default
``$SINOWATCH_TEST_PG_URL`` or the local server).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, insert, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alerts import outbox
from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.migrate import upgrade
from crawler.storage.tables import Article, Story

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
BATCH = 500
DUPLICATE_SHARE = 5  # every 5th row repeats an earlier URL
BASELINE_ROWS = 500  # one commit per row is slow: fewer rows, same rate
CLAIM_BATCH = 50
NOW = datetime(2026, 11, 5, 8, tzinfo=UTC)
BODY = "Negotiators from Beijing and Washington met again on tariffs. " * 50  # ~3 KB


def article_rows(count: int, *, duplicates: bool = True) -> list[dict[str, Any]]:
    """``count`` new article rows; with ``duplicates``, every DUPLICATE_SHARE-th one repeats the
    previous row's URL."""
    prefix = uuid.uuid4().hex
    rows = []
    for index in range(count):
        repeat = duplicates and index % DUPLICATE_SHARE == DUPLICATE_SHARE - 1
        number = index - 1 if repeat else index
        url = f"https://news.example.org/{prefix}/{number}"
        rows.append(
            {
                "canonical_url": url,
                "url": url,
                "outlet": "news.example.org",
                "title": f"Story {number}",
                "text": BODY,
                "authors": [],
                "partial": False,
                "relevance_score": 0.5,
                "relevant": True,
                "revision": 1,
                "baseline": False,
                "first_seen": NOW,
                "updated_at": NOW,
            }
        )
    return rows


def insert_ignoring_duplicates(database: Database, rows: list[dict[str, Any]]) -> int:
    """Insert ``rows`` in one statement; the database skips known URLs. Returns rows stored."""
    dialect = postgresql if database.dialect == "postgresql" else sqlite
    statement = (
        dialect.insert(Article)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["canonical_url"])
        .returning(Article.id)
    )
    with database.transaction() as session:
        return len(session.scalars(statement).all())


def batched_rate(database: Database, rows: int) -> float:
    data = article_rows(rows)
    start = time.perf_counter()
    stored = sum(
        insert_ignoring_duplicates(database, data[i : i + BATCH]) for i in range(0, rows, BATCH)
    )
    elapsed = time.perf_counter() - start
    assert stored == rows - rows // DUPLICATE_SHARE, stored
    return rows / elapsed


def per_row_rate(database: Database, rows: int) -> float:
    data = article_rows(rows)
    start = time.perf_counter()
    for row in data:
        insert_ignoring_duplicates(database, [row])
    return rows / (time.perf_counter() - start)


def seed_outbox(database: Database, deliveries: int) -> None:
    """One story, article and alert per delivery, inserted in bulk (not timed)."""
    with database.transaction() as session:
        story_ids = session.scalars(
            insert(Story).returning(Story.id),
            [{"title": f"s{i}", "outlets": [], "article_count": 1} for i in range(deliveries)],
        ).all()
        article_ids = session.scalars(
            insert(Article).returning(Article.id),
            [
                {**row, "story_id": story_id}
                for row, story_id in zip(
                    article_rows(deliveries, duplicates=False), story_ids, strict=True
                )
            ],
        ).all()
        alert_ids = session.scalars(
            insert(Alert).returning(Alert.id),
            [
                {"watchlist": "bench", "story_id": s, "article_id": a, "hits": []}
                for s, a in zip(story_ids, article_ids, strict=True)
            ],
        ).all()
        session.execute(
            insert(Delivery),
            [
                {
                    "alert_id": alert_id,
                    "channel": "hook",
                    "next_attempt_at": NOW,
                    "idempotency_key": outbox.new_idempotency_key(),
                }
                for alert_id in alert_ids
            ],
        )


def claim_rate(database: Database, deliveries: int, limit: int) -> float:
    seed_outbox(database, deliveries)
    drained = 0
    start = time.perf_counter()
    while ids := outbox.claim(
        database, worker_id="bench", now=NOW, lease=timedelta(minutes=2), limit=limit
    ):
        outbox.mark_sent(database, ids, now=NOW)
        drained += len(ids)
    elapsed = time.perf_counter() - start
    assert drained == deliveries, drained
    return deliveries / elapsed


def median_of(repeats: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeats))


@contextmanager
def sqlite_database() -> Iterator[Database]:
    with tempfile.TemporaryDirectory() as tmp:
        database = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        upgrade(database)
        yield database
        database.dispose()


@contextmanager
def postgres_database(admin_url: str) -> Iterator[Database]:
    name = f"sw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = Database(make_url(admin_url).set(database=name).render_as_string(False))
    try:
        upgrade(database)
        yield database
    finally:
        database.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_backend(database: Database, rows: int, repeats: int) -> dict[str, float]:
    return {
        "insert batched": median_of(repeats, lambda: batched_rate(database, rows)),
        "insert per row": median_of(repeats, lambda: per_row_rate(database, BASELINE_ROWS)),
        "claim x50": median_of(repeats, lambda: claim_rate(database, rows // 5, CLAIM_BATCH)),
        "claim x1": median_of(repeats, lambda: claim_rate(database, rows // 25, 1)),
    }


def report(results: dict[str, dict[str, float]]) -> None:
    backends = list(results)
    print(f"{'median rate (/s)':<34}" + "".join(f"{b:>14}" for b in backends))
    rows = [
        ("articles, batches of 500, ON CONFLICT", "insert batched"),
        ("articles, one commit per row (base)", "insert per row"),
        ("deliveries, claims of 50 + mark sent", "claim x50"),
        ("deliveries, claims of 1 (base)", "claim x1"),
    ]
    for label, key in rows:
        print(f"{label:<34}" + "".join(f"{results[b][key]:>14,.0f}" for b in backends))
    for label, fast, slow in [
        ("ratio batched / per-row insert", "insert batched", "insert per row"),
        ("ratio claims of 50 / claims of 1", "claim x50", "claim x1"),
    ]:
        print(
            f"{label:<34}"
            + "".join(f"{results[b][fast] / results[b][slow]:>13.1f}x" for b in backends)
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000, help="articles per batched run")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pg-url", default=os.environ.get("SINOWATCH_TEST_PG_URL", DEFAULT_PG_URL))
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()

    results = {}
    with sqlite_database() as database:
        results["SQLite"] = run_backend(database, args.rows, args.repeats)
    if not args.no_postgres:
        try:
            with postgres_database(args.pg_url) as database:
                results["PostgreSQL"] = run_backend(database, args.rows, args.repeats)
        except OperationalError as exc:
            print(f"PostgreSQL skipped: cannot reach {make_url(args.pg_url)!r}: {exc.orig}")
    print(f"{args.rows} articles per batched run, median of {args.repeats} runs")
    report(results)


if __name__ == "__main__":
    main()
