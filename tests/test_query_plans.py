"""The read and retention queries are answered from indexes (SQLite's plans), so their cost stays
flat as the store grows: no full scan of a growing table, no sort of all its rows.

Each query is captured as the real function runs it, then planned with its own parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from alerts.articles_read import recent_articles
from alerts.outbox import list_deliveries
from crawler.db import Database
from crawler.retention import delete_articles_before
from crawler.storage.stories import recent as recent_stories
from crawler.store import last_ledger

NOW = datetime(2026, 11, 30, tzinfo=UTC)


def _plans(database: Database, run: Callable[[Any], object], write: bool = False) -> list[str]:
    """The query plan lines of every SELECT ``run(session)`` issues."""
    statements: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        if write:
            with database.transaction() as session:
                run(session)
        else:
            with database.session() as session:
                run(session)
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)
    assert statements
    plans = []
    with database.engine.connect() as connection:
        for statement, parameters in statements:
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            plans += [row[-1] for row in rows]
    return plans


@pytest.mark.parametrize(
    ("name", "run", "index"),
    [
        (
            "stories --min-outlets 2",
            lambda s: recent_stories(s, since=NOW - timedelta(days=2), min_outlets=2),
            "ix_stories_multi_outlet_last_seen",
        ),
        (
            "stories",
            lambda s: recent_stories(s, since=NOW - timedelta(days=2)),
            "ix_stories_last_seen",
        ),
        (
            "query",
            lambda s: recent_articles(s, NOW - timedelta(days=30), 500),
            "ix_articles_first_seen",
        ),
        (
            "status: a source's last ledger",
            lambda s: last_ledger(s, "src"),
            "ix_crawl_runs_source_finished",
        ),
        (
            "alerts list --status",
            lambda s: list_deliveries(s, status="dead"),
            "ix_deliveries_status_id",
        ),
    ],
)
def test_reads_walk_an_index_in_order(
    database: Database, name: str, run: Callable[[Any], object], index: str
) -> None:
    plans = _plans(database, run)
    assert any(index in line for line in plans), (name, plans)
    assert not [line for line in plans if "TEMP B-TREE" in line or line.startswith("SCAN")], plans


def test_a_retention_batch_finds_its_articles_by_index(database: Database) -> None:
    plans = _plans(database, lambda s: delete_articles_before(s, NOW, limit=100), write=True)
    assert any("ix_articles_first_seen" in line for line in plans), plans
    assert not [line for line in plans if line.startswith("SCAN")], plans
