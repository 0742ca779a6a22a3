"""Retention at scale: bounded batches, each its own short transaction; every foreign key indexed.

A retention of N articles with batch size B commits ceil(N/B) article transactions (then the
crawl-run and band batches), none holding the write lock longer than the bound; the indexes that
make each batch cheap are checked on the models and on the migrated databases.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Table, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.retention import LOCK_BOUND_SECONDS, housekeep
from crawler.storage.tables import Article, ArticleAlias, Base, CrawlRun, LshBand, Source, Story

NOW = datetime(2026, 11, 30, 6, tzinfo=UTC)
RETENTION = timedelta(days=90)
WINDOW = timedelta(days=7)
OLD_ARTICLES = 1050
EXPIRED_BAND_ARTICLES = 230
"""Kept articles 10 days old: their band rows are outside the dedup window."""
RECENT_ARTICLES = 120
KEPT_ARTICLES = EXPIRED_BAND_ARTICLES + RECENT_ARTICLES
OLD_RUNS = 250
BANDS = 4
BATCH = 100


def _fill(database: Database) -> None:
    """Old, 10-day and 1-day-old articles, two per story, each with an alias, an alert and two
    deliveries; band rows for the kept ones (the 10-day ones outside the window); crawl runs."""
    total = OLD_ARTICLES + KEPT_ARTICLES
    ages = (
        [timedelta(days=100, minutes=i) for i in range(OLD_ARTICLES)]
        + [timedelta(days=10, minutes=i) for i in range(EXPIRED_BAND_ARTICLES)]
        + [timedelta(days=1, minutes=i) for i in range(RECENT_ARTICLES)]
    )
    with database.transaction() as session:
        session.add(Source(id="src", name="src", kind="feed"))
        session.flush()
        story_ids = session.scalars(
            insert(Story).returning(Story.id, sort_by_parameter_order=True),
            [
                {"title": f"s{i}", "outlets": ["a", "b"], "article_count": 2}
                for i in range(total // 2)
            ],
        ).all()
        # Article i belongs to story i // 2.
        article_ids = session.scalars(
            insert(Article).returning(Article.id, sort_by_parameter_order=True),
            [
                {
                    "canonical_url": f"https://x.test/{i}",
                    "url": f"https://x.test/{i}",
                    "source_id": "src",
                    "authors": [],
                    "partial": False,
                    "relevance_score": 0.5,
                    "relevant": True,
                    "story_id": story_ids[i // 2],
                    "revision": 1,
                    "baseline": False,
                    "first_seen": NOW - ages[i],
                    "updated_at": NOW - ages[i],
                }
                for i in range(total)
            ],
        ).all()
        session.execute(
            update(Story),
            [{"id": s, "first_article_id": article_ids[2 * n]} for n, s in enumerate(story_ids)],
        )
        session.execute(
            insert(ArticleAlias),
            [
                {"url": f"https://x.test/{i}?utm=1", "article_id": a}
                for i, a in enumerate(article_ids)
            ],
        )
        alert_ids = session.scalars(
            insert(Alert).returning(Alert.id, sort_by_parameter_order=True),
            [
                {
                    "watchlist": f"w{i % 2}",
                    "story_id": story_ids[i // 2],
                    "article_id": a,
                    "hits": [],
                }
                for i, a in enumerate(article_ids)
            ],
        ).all()
        session.execute(
            insert(Delivery),
            [
                {"alert_id": alert, "channel": channel, "idempotency_key": f"{alert}-{channel}"}
                for alert in alert_ids
                for channel in ("mail", "hook")
            ],
        )
        banded = article_ids[OLD_ARTICLES:]
        session.execute(
            insert(LshBand),
            [
                {
                    "band": band,
                    "hash": article * BANDS + band,
                    "article_id": article,
                    "created_at": NOW - ages[OLD_ARTICLES + n],
                }
                for n, article in enumerate(banded)
                for band in range(BANDS)
            ],
        )
        session.execute(
            insert(CrawlRun),
            [
                {"source_id": "src", "started_at": NOW - timedelta(days=95 if i < OLD_RUNS else 1)}
                for i in range(OLD_RUNS + 10)
            ],
        )


@pytest.fixture
def commits(any_database: Database) -> Iterator[list[float]]:
    """Seconds from BEGIN to COMMIT of every transaction committed on the database's engine."""
    durations: list[float] = []
    started: dict[int, float] = {}

    def on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        started[id(connection)] = time.monotonic()

    def on_commit(connection) -> None:  # type: ignore[no-untyped-def]
        durations.append(time.monotonic() - started.pop(id(connection)))

    event.listen(any_database.engine, "begin", on_begin)
    event.listen(any_database.engine, "commit", on_commit)
    yield durations
    event.remove(any_database.engine, "begin", on_begin)
    event.remove(any_database.engine, "commit", on_commit)


def _count(session: Session, model: type[Base]) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_retention_deletes_in_bounded_batches(any_database: Database, commits: list[float]) -> None:
    _fill(any_database)
    commits.clear()

    result = housekeep(
        any_database, now=NOW, retention=RETENTION, dedup_window=WINDOW, batch_size=BATCH
    )

    article_batches = math.ceil(OLD_ARTICLES / BATCH)
    run_batches = math.ceil(OLD_RUNS / BATCH)
    band_batches = math.ceil(EXPIRED_BAND_ARTICLES / BATCH) + 1  # the last finds nothing left
    # PostgreSQL: the counters' deltas folded (crawler.storage.counters.compact)
    compaction = int(any_database.dialect == "postgresql")
    assert result.transactions == article_batches + run_batches + band_batches + compaction
    assert len(commits) == result.transactions
    assert max(commits) < LOCK_BOUND_SECONDS
    assert 0 < result.longest_transaction < LOCK_BOUND_SECONDS
    assert (result.articles, result.crawl_runs) == (OLD_ARTICLES, OLD_RUNS)
    assert result.stories == OLD_ARTICLES // 2
    assert result.lsh_bands == EXPIRED_BAND_ARTICLES * BANDS
    with any_database.session() as session:
        assert _count(session, Article) == KEPT_ARTICLES
        assert _count(session, Story) == KEPT_ARTICLES // 2
        assert _count(session, Alert) == KEPT_ARTICLES
        assert _count(session, Delivery) == 2 * KEPT_ARTICLES
        assert _count(session, ArticleAlias) == KEPT_ARTICLES
        assert _count(session, LshBand) == RECENT_ARTICLES * BANDS
        assert _count(session, CrawlRun) == 10


def test_a_story_spanning_the_cutoff_keeps_its_recent_article(any_database: Database) -> None:
    with any_database.transaction() as session:
        story = Story(title="spans", outlets=["a", "b"], article_count=2)
        session.add(story)
        session.flush()
        for n, age in enumerate((100, 1)):
            session.add(
                Article(
                    canonical_url=f"https://x.test/{n}",
                    url=f"https://x.test/{n}",
                    story_id=story.id,
                    first_seen=NOW - timedelta(days=age),
                )
            )
    result = housekeep(any_database, now=NOW, retention=RETENTION, dedup_window=WINDOW)
    assert (result.articles, result.stories) == (1, 0)
    with any_database.session() as session:
        kept = session.scalars(select(Story)).one()
        assert kept.first_article_id is None  # its first article went (ON DELETE SET NULL)
        assert [a.url for a in session.scalars(select(Article))] == ["https://x.test/1"]


def _indexed_prefixes(table: Table) -> list[tuple[str, ...]]:
    """Column lists of the table's primary key, unique constraints and indexes."""
    keys = [tuple(c.name for c in table.primary_key.columns)]
    keys += [
        tuple(c.name for c in constraint.columns)
        for constraint in table.constraints
        if constraint.__class__.__name__ == "UniqueConstraint"
    ]
    keys += [tuple(c.name for c in index.columns) for index in table.indexes]
    return keys


def _unindexed(foreign_keys: list[tuple[str, tuple[str, ...]]], indexed: dict[str, list]) -> list:
    return [
        (table, columns)
        for table, columns in foreign_keys
        if not any(key[: len(columns)] == columns for key in indexed[table])
    ]


def test_every_foreign_key_column_has_an_index_in_the_models() -> None:
    """A parent's delete probes each child table by the foreign key: without an index that is a
    scan of the child per deleted row (retention went quadratic this way)."""
    foreign_keys = [
        (table.name, tuple(c.name for c in fk.columns))
        for table in Base.metadata.sorted_tables
        for fk in table.foreign_key_constraints
    ]
    assert len(foreign_keys) >= 10
    indexed = {table.name: _indexed_prefixes(table) for table in Base.metadata.sorted_tables}
    assert _unindexed(foreign_keys, indexed) == [], "add index=True to these foreign key columns"


def test_every_foreign_key_column_has_an_index_in_the_database(any_database: Database) -> None:
    inspector = inspect(any_database.engine)
    foreign_keys, indexed = [], {}
    for table in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(table):
            foreign_keys.append((table, tuple(fk["constrained_columns"])))
        keys = [tuple(inspector.get_pk_constraint(table)["constrained_columns"])]
        keys += [tuple(u["column_names"]) for u in inspector.get_unique_constraints(table)]
        keys += [tuple(i["column_names"]) for i in inspector.get_indexes(table)]
        indexed[table] = keys
    assert len(foreign_keys) >= 10
    assert _unindexed(foreign_keys, indexed) == []
