"""Maintained counts (``counters``, migration 0005): ``status`` reads them, and they must equal
``COUNT(*)`` after everything that moves a row: ingest (new, duplicate, a revision flipping
``relevant``), alerts with deliveries, dispatch (sent, dead, requeued), retention with its
cascades, the migration's backfill, and on PostgreSQL concurrent ingests while deltas are folded.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

from alembic import command
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from alerts import outbox
from alerts.storage.tables import Alert, Delivery
from crawler.db import Database
from crawler.ingest import ingest_article
from crawler.migrate import alembic_config, upgrade
from crawler.records import ExtractedArticle, FetchedPage, Relevance
from crawler.retention import housekeep
from crawler.storage import counters
from crawler.storage.tables import Article, CounterDelta, Story
from sinowatch.summary import status_summary
from tests.ingesting import NOW, SETTINGS, ensure_source

RELEVANT = Relevance(score=0.8, relevant=True)
IRRELEVANT = Relevance(score=0.1, relevant=False)
CHANNELS = [("mail", "instant"), ("hook", "instant")]


def story_text(key: str) -> str:
    """A text no other key's is a near copy of."""
    return f"{key} unique story number {key}. " * 20


def counted(session: Session) -> dict[str, Any]:
    """What ``status`` reports, from the counters."""
    summary = status_summary(session)
    return {
        "articles": summary.articles,
        "relevant": summary.relevant_articles,
        "stories": summary.stories,
        "alerts": summary.alerts,
        "deliveries": summary.deliveries,
    }


def recounted(session: Session) -> dict[str, Any]:
    """The same figures by ``COUNT(*)`` over the tables."""

    def count(model: type, *where: Any) -> int:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0

    statuses = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
    return {
        "articles": count(Article),
        "relevant": count(Article, Article.relevant.is_(True)),
        "stories": count(Story),
        "alerts": count(Alert),
        "deliveries": dict(sorted(statuses.all())),
    }


def assert_exact(database: Database) -> dict[str, Any]:
    with database.session() as session:
        expected = recounted(session)
        assert counted(session) == expected
    return expected


def store(
    database: Database, url: str, text: str, relevance: Relevance, *, days_ago: int = 0
) -> tuple[int, int]:
    """Ingest one page; its ``(article id, story id)``."""
    ensure_source(database)
    page = FetchedPage(source_id="src", url=url, outlet=url.split("/")[2])
    extracted = ExtractedArticle(url=url, title="t", text=text, language="en")
    with database.transaction() as session:
        result = ingest_article(
            session,
            page,
            extracted,
            relevance,
            settings=SETTINGS,
            baseline=False,
            now=NOW - timedelta(days=days_ago),
        )
        return result.article.id, result.story.id


def alert(database: Database, article_id: int, story_id: int) -> int:
    with database.transaction() as session:
        alert_id = outbox.create_alert(
            session,
            watchlist="trade",
            story_id=story_id,
            article_id=article_id,
            title="t",
            hits=[],
            channels=CHANNELS,
            now=NOW,
        )
    assert alert_id is not None
    return alert_id


def test_counts_stay_exact_through_the_whole_life_of_the_store(any_database: Database) -> None:
    database = any_database
    assert assert_exact(database)["articles"] == 0
    stored = []
    for n in range(6):  # three old stories (two of them carried twice), three recent ones
        days_ago = 100 if n < 3 else 1
        text = story_text(str(n))
        stored.append(store(database, f"https://a.example/{n}", text, RELEVANT, days_ago=days_ago))
        if n in (0, 3):  # an exact copy on another outlet joins the story
            store(database, f"https://b.example/{n}", text, IRRELEVANT, days_ago=days_ago)
    figures = assert_exact(database)
    assert (figures["articles"], figures["relevant"], figures["stories"]) == (8, 6, 6)

    # A revision that turns a relevant article irrelevant (an UPDATE of ``relevant``).
    store(database, "https://a.example/4", story_text("4b"), IRRELEVANT, days_ago=1)
    assert assert_exact(database)["relevant"] == 5

    alert_ids = [alert(database, article_id, story_id) for article_id, story_id in stored]
    assert assert_exact(database)["deliveries"] == {"pending": 12}
    claimed = outbox.claim(database, worker_id="w", now=NOW, lease=timedelta(minutes=1), limit=100)
    outbox.mark_sent(database, claimed[:5], now=NOW)
    outbox.mark_dead(database, claimed[5:8], reason="refused")
    assert assert_exact(database)["deliveries"] == {"dead": 3, "pending": 4, "sent": 5}
    outbox.requeue(database, now=NOW, dead=True)
    assert assert_exact(database)["deliveries"] == {"pending": 7, "sent": 5}
    assert len(alert_ids) == assert_exact(database)["alerts"] == 6

    # Retention: the old articles go, with their stories, alerts and deliveries (cascades).
    result = housekeep(
        database, now=NOW, retention=timedelta(days=90), dedup_window=timedelta(days=7)
    )
    assert (result.articles, result.stories) == (4, 3)
    figures = assert_exact(database)
    assert (figures["articles"], figures["stories"], figures["alerts"]) == (4, 3, 3)
    assert sum(figures["deliveries"].values()) == 6
    if database.dialect == "postgresql":  # housekeeping folded every delta into ``counters``
        with database.session() as session:
            assert session.scalar(select(func.count()).select_from(CounterDelta)) == 0


def test_the_migration_backfills_the_counts_of_an_existing_store(any_database: Database) -> None:
    """A store filled before 0005 (rows written behind the storage modules' back) is counted."""
    database = any_database
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), "0004")
    store(database, "https://a.example/1", story_text("one"), RELEVANT)
    article_id, story_id = store(database, "https://a.example/2", story_text("two"), IRRELEVANT)
    with database.transaction() as session:
        alert_id = session.scalar(
            insert(Alert)
            .values(watchlist="w", story_id=story_id, article_id=article_id, hits=[])
            .returning(Alert.id)
        )
        session.execute(
            insert(Delivery),
            [
                {"alert_id": alert_id, "channel": c, "status": s, "idempotency_key": c}
                for c, s in (("mail", "sent"), ("hook", "dead"))
            ],
        )
    upgrade(database)
    figures = assert_exact(database)
    assert figures == {
        "articles": 2,
        "relevant": 1,
        "stories": 2,
        "alerts": 1,
        "deliveries": {"dead": 1, "sent": 1},
    }


def test_concurrent_ingests_and_compactions_keep_counts_exact(pg_url: str) -> None:
    """Four writers ingest at once while a fifth folds deltas in a loop: nothing lost or doubled."""
    writers, each = 4, 8
    errors: list[BaseException] = []
    done = threading.Event()
    folded: list[int] = []
    setup = Database(pg_url)
    ensure_source(setup)

    def write(worker: int) -> None:
        database = Database(pg_url)
        try:
            for n in range(each):
                relevance = RELEVANT if n % 2 else IRRELEVANT
                url = f"https://w{worker}.example/{n}"
                article_id, story_id = store(database, url, story_text(f"{worker}-{n}"), relevance)
                if n % 4 == 0:
                    alert(database, article_id, story_id)
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.dispose()

    def compact() -> None:
        database = Database(pg_url)
        try:
            while not done.is_set():
                with database.transaction() as session:
                    folded.append(counters.compact(session))
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    folder = threading.Thread(target=compact)
    for thread in [folder, *threads]:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    folder.join(timeout=60)
    assert errors == []
    assert sum(folded) > 0  # the compaction really ran between the writers' commits
    figures = assert_exact(setup)
    setup.dispose()
    assert figures == {
        "articles": writers * each,
        "relevant": writers * each // 2,
        "stories": writers * each,
        "alerts": writers * each // 4,
        "deliveries": {"pending": writers * each // 4 * len(CHANNELS)},
    }


def test_deliveries_by_status_lists_only_statuses_present() -> None:
    counts = {"deliveries:pending": 0, "deliveries:sent": 2, "alerts": 1}
    assert counters.deliveries_by_status(counts) == {"sent": 2}
