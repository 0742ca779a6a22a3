"""crawler.ingestbatch: a batch stores exactly what page-by-page ingestion stores, in fewer
statements, also when pages of one batch match each other."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from crawler.analysis import Analysed
from crawler.config import RelevanceSettings, SourceSettings
from crawler.db import Database
from crawler.ingest import identify, ingest_article
from crawler.ingestbatch import Pending, ingest_batch
from crawler.ledger import FAIL_STORAGE
from crawler.pipelines import StorePipeline
from crawler.records import ExtractedArticle, FetchedPage
from crawler.report import CrawlReport
from crawler.runcontext import CrawlServices, RunPlan
from crawler.storage.tables import Article, ArticleAlias, LshBand, Story
from tests.ingesting import NOW, RELEVANCE, SETTINGS, ensure_source, ingest

VOCABULARY = [f"term{i}" for i in range(3000)]


def invented(seed: int, words: int = 250) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(VOCABULARY) for _ in range(words))


def pending(url: str, text: str, *, outlet: str = "one.example") -> Pending:
    page = FetchedPage(source_id="src", url=url, final_url=url, outlet=outlet)
    article = ExtractedArticle(url=url, title=f"Title of {url}", text=text, language="en")
    return Pending(page, article, RELEVANCE, identify(page, article, SETTINGS), baseline=False)


def near_copy(text: str) -> str:
    """The text with a few words changed: a near-duplicate, not an exact one."""
    words = text.split()
    for index in (10, 80, 160):
        words[index] = "changed"
    return " ".join(words)


STORED_BEFORE = [
    ("https://one.example/known", invented(1)),
    ("https://two.example/original", invented(2)),
]
BATCH = [
    pending("https://one.example/new-1", invented(10)),
    pending("https://one.example/new-2", invented(11)),
    pending("https://one.example/known", invented(1)),  # unchanged
    pending("https://three.example/copy", invented(2), outlet="three.example"),  # exact copy
    pending("https://one.example/new-3", invented(12)),
    pending("https://one.example/twin-a", invented(13)),
    pending("https://four.example/twin-b", near_copy(invented(13)), outlet="four.example"),
    pending("https://five.example/twin-c", invented(13), outlet="five.example"),
    pending("https://one.example/known", invented(3)),  # changed text: a revision
    pending("https://one.example/new-1?utm_source=feed", invented(10)),  # item 1 again
    pending("https://one.example/short", "too short to match on anything"),
    pending("https://one.example/new-4", invented(14)),
]
EXPECTED = [
    "new",
    "new",
    "unchanged",
    "duplicate",
    "new",
    "new",
    "duplicate",
    "duplicate",
    "revision",
    "unchanged",
    "new",
    "new",
]


def _store_before(database: Database) -> None:
    for url, text in STORED_BEFORE:
        ingest(database, url, text, outlet="one.example" if "one." in url else "two.example")


def _one_by_one(session: Session) -> list[str]:
    return [
        ingest_article(
            session,
            item.page,
            item.article,
            item.relevance,
            settings=SETTINGS,
            baseline=False,
            now=NOW,
            identity=item.identity,
        ).status
        for item in BATCH
    ]


def _snapshot(session: Session) -> dict[str, object]:
    """The store, ids replaced by canonical URLs (sequences differ between the two runs)."""
    url_of = dict(session.execute(select(Article.id, Article.canonical_url)).all())
    stories = {story.id: story for story in session.scalars(select(Story))}
    return {
        "articles": sorted(
            (
                article.canonical_url,
                article.fingerprint,
                article.revision,
                url_of[stories[article.story_id].first_article_id],
                stories[article.story_id].article_count,
                tuple(stories[article.story_id].outlets),
            )
            for article in session.scalars(select(Article))
        ),
        "aliases": sorted(
            (alias.url, url_of[alias.article_id]) for alias in session.scalars(select(ArticleAlias))
        ),
        "bands": sorted(
            (band.band, band.hash, url_of[band.article_id])
            for band in session.scalars(select(LshBand))
        ),
    }


def test_a_batch_stores_what_page_by_page_ingestion_stores(any_database: Database) -> None:
    ensure_source(any_database)
    _store_before(any_database)
    reference = any_database.session()  # page by page, then rolled back
    try:
        assert _one_by_one(reference) == EXPECTED
        expected = _snapshot(reference)
    finally:
        reference.rollback()
        reference.close()
    with any_database.transaction() as session:
        statuses = [result.status for result in ingest_batch(session, BATCH, SETTINGS, now=NOW)]
    assert statuses == EXPECTED
    with any_database.transaction() as session:
        assert _snapshot(session) == expected


def test_twins_in_one_batch_are_one_story(any_database: Database) -> None:
    ensure_source(any_database)
    twins = [
        pending("https://one.example/a", invented(20)),
        pending("https://two.example/b", invented(20), outlet="two.example"),
        pending("https://three.example/c", near_copy(invented(20)), outlet="three.example"),
    ]
    with any_database.transaction() as session:
        results = list(ingest_batch(session, twins, SETTINGS, now=NOW))
        assert [result.status for result in results] == ["new", "duplicate", "duplicate"]
        assert len({result.story.id for result in results}) == 1
        assert results[-1].story.article_count == 3
        assert results[-1].story.outlets == ["one.example", "two.example", "three.example"]


def test_stored_articles_in_memory_are_their_rows(any_database: Database) -> None:
    """The articles a batch returns (to the alert hook) hold what their rows hold once filed
    under their new stories, without another flush."""
    ensure_source(any_database)
    batch = [pending(f"https://one.example/m{i}", invented(300 + i)) for i in range(3)]
    with any_database.transaction() as session:
        results = list(ingest_batch(session, batch, SETTINGS, now=NOW))
        assert not session.dirty
        returned = {
            result.article.id: (result.article.story_id, result.article.updated_at)
            for result in results
        }
    with any_database.session() as session:
        rows = session.execute(select(Article.id, Article.story_id, Article.updated_at)).all()
    assert {article_id: (story, at) for article_id, story, at in rows} == returned
    assert all(story is not None and at >= NOW for story, at in returned.values())


@contextmanager
def counted(database: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", record)


def test_new_pages_that_match_nothing_cost_a_few_statements_per_batch(database: Database) -> None:
    ensure_source(database)
    small = [pending(f"https://one.example/s{i}", invented(100 + i)) for i in range(3)]
    large = [pending(f"https://one.example/l{i}", invented(200 + i)) for i in range(30)]
    counts = []
    for batch in (small, large):
        with counted(database) as statements, database.transaction() as session:
            assert {result.status for result in ingest_batch(session, batch, SETTINGS)} == {"new"}
        counts.append(len(statements))
    assert counts[0] == counts[1]
    with database.transaction() as session:
        assert len(session.scalars(select(Story)).all()) == 33


def test_a_page_that_cannot_be_identified_fails_alone_and_the_rest_of_its_batch_is_counted(
    database: Database,
) -> None:
    """A URL no parser takes (here a port out of range) fails its own page with a reason; the
    other pages of the batch are stored and counted, as every page ends in a counted outcome."""
    ensure_source(database)
    source = SourceSettings(id="src", name="Src", kind="feed", url="https://one.example/feed")
    run = CrawlReport(RunPlan(source=source, baseline=False, known_urls=dict))  # type: ignore[arg-type]
    services = CrawlServices(
        database=database,
        dedup=SETTINGS,
        relevance=RelevanceSettings(),
        pool=None,  # type: ignore[arg-type]
    )
    pipeline = StorePipeline(services, run)
    good = [pending(f"https://one.example/ok-{n}", invented(300 + n)) for n in range(2)]
    bad_page = FetchedPage(source_id="src", url="https://one.example:99999/bad")
    bad = ExtractedArticle(url=bad_page.url, title="Bad", text=invented(310), language="en")
    pipeline._batch = [
        Analysed(good[0].page, good[0].article, RELEVANCE),
        Analysed(bad_page, bad, RELEVANCE),
        Analysed(good[1].page, good[1].article, RELEVANCE),
    ]
    asyncio.run(pipeline._flush())
    assert run.stored == {"https://one.example/ok-0", "https://one.example/ok-1"}
    assert run.ledger.new == 2
    assert run.ledger.failed == {FAIL_STORAGE: 1}
    assert "Port out of range" in run.failures["https://one.example:99999/bad"].detail


def test_starting_no_stories_inserts_nothing(database: Database) -> None:
    from crawler.storage import stories

    with database.session() as session:
        assert stories.start_many(session, [], now=NOW) == []
        session.commit()
        assert session.scalars(select(Story)).all() == []
