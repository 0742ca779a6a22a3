"""crawler.retention: the daily housekeeping job deletes old articles and prunes the LSH window."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from crawler.db import Database
from crawler.minhash import lsh_params
from crawler.retention import housekeep
from crawler.storage.tables import Article, CrawlRun, LshBand, Story
from sinowatch.service import Service
from sinowatch.settings import Settings
from tests.ingesting import BODY, SETTINGS, ingest

OTHER = BODY.replace("negotiators", "diplomats").replace("tariffs", "visas").replace("met", "sat")


def band_rows(database: Database) -> dict[int, int]:
    with database.session() as session:
        rows = session.execute(
            select(LshBand.article_id, func.count()).group_by(LshBand.article_id)
        )
        return {article_id: n for article_id, n in rows}


def test_housekeep_drops_index_rows_outside_the_window_but_keeps_the_articles(
    any_database: Database,
) -> None:
    database = any_database
    now = datetime(2025, 6, 5, 12, 0, tzinfo=UTC)
    old = ingest(database, "https://a.org/old", BODY, now=now - timedelta(days=10))
    fresh = ingest(database, "https://a.org/fresh", OTHER, now=now - timedelta(days=1))
    bands = lsh_params(SETTINGS.lsh_threshold, SETTINGS.num_perm)[0]
    assert band_rows(database) == {old.article.id: bands, fresh.article.id: bands}

    result = housekeep(
        database, now=now, retention=timedelta(days=90), dedup_window=SETTINGS.window
    )
    assert (result.articles, result.stories, result.lsh_bands) == (0, 0, bands)
    assert band_rows(database) == {fresh.article.id: bands}
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 2
    # The pruned article is still known by URL; a copy arriving now starts a story of its own,
    # exactly as it would have without the prune (it is outside the window either way).
    late_copy = ingest(database, "https://b.org/copy", "TAIPEI — " + BODY, now=now)
    assert late_copy.status == "new" and late_copy.story.id != old.story.id
    fresh_copy = ingest(database, "https://b.org/fresh", "TAIPEI — " + OTHER, now=now)
    assert fresh_copy.status == "duplicate" and fresh_copy.story.id == fresh.story.id


def test_service_retention_job_deletes_old_articles_and_prunes_the_index(
    any_database: Database, tmp_path: Path
) -> None:
    database = any_database
    now = datetime.now(UTC)
    ingest(database, "https://a.org/ancient", BODY, now=now - timedelta(days=100))
    window_old = ingest(database, "https://a.org/old", OTHER, now=now - timedelta(days=10))
    recent = ingest(database, "https://a.org/new", BODY.upper() + " extra", now=now)
    with database.transaction() as session:
        session.add_all(
            CrawlRun(source_id="src", started_at=now - timedelta(days=age)) for age in (100, 1)
        )
    settings = Settings.model_validate({"retention": "90d", "dedup": {"window": "7d"}})
    service = Service(tmp_path / "sinowatch.yaml", settings, database)

    asyncio.run(service.jobs.retention())

    with database.session() as session:
        urls = set(session.scalars(select(Article.url)))
        stories = session.scalar(select(func.count()).select_from(Story))
    assert urls == {"https://a.org/old", "https://a.org/new"}
    assert stories == 2
    assert set(band_rows(database)) == {recent.article.id}
    assert window_old.article.id not in band_rows(database)
    with database.session() as session:
        runs = list(session.scalars(select(CrawlRun.started_at)))
    assert [run.date() for run in runs] == [(now - timedelta(days=1)).date()]
